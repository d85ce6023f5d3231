package content

import (
	"coexport/internal/fields"
	"coexport/internal/source"
)

// The front matter of each kind of page, declaratively: the parser takes its known keys
// from it, and `coexport schema` the editors' JSON Schemas (chapter, case, page). Titles and
// descriptions are in French, as the README's reference says them.
var (
	title     = fields.Field{Key: "title", Kind: fields.Text, Required: true, Title: "Titre", Doc: "Le titre de la page (obligatoire)."}
	summary   = fields.Field{Key: "summary", Kind: fields.Text, Title: "Résumé", Doc: "La page en une phrase, pour les listes et les moteurs de recherche."}
	countries = fields.Field{Key: "countries", Kind: fields.OneOrMore, Title: "Pays", Doc: "Codes ISO 3166-1 alpha-2, en majuscules ou minuscules : SN, CI.",
		Items: &fields.Field{Key: "countries", Kind: fields.Text, Vocab: fields.Countries}}
	sectors = fields.Field{Key: "sectors", Kind: fields.OneOrMore, Title: "Secteurs", Doc: "Identifiants des secteurs de site.yaml.",
		Items: &fields.Field{Key: "sectors", Kind: fields.Text, Vocab: fields.Sectors}}
	draft   = fields.Field{Key: "draft", Kind: fields.Boolean, Title: "Brouillon", Doc: "true : la page n'est publiée qu'avec -drafts."}
	updated = fields.Field{Key: "updated", Kind: fields.Date, Title: "Mis à jour le", Doc: "Date de la dernière révision, AAAA-MM-JJ.", Example: "2026-03-20"}
)

// Specs are the front matter definitions of each kind of markdown file.
var Specs = map[source.Kind]fields.Field{
	source.Chapter: {Key: "chapter", Kind: fields.Object, Title: "Chapitre (content/guide/NN-slug.md)",
		Doc: "L'en-tête d'un chapitre du guide.", Fields: []fields.Field{title, summary, countries, sectors, draft, updated}},
	source.Case: {Key: "case", Kind: fields.Object, Title: "Étude de cas (content/cas/slug.md)",
		Doc: "L'en-tête d'une étude de cas.", Fields: []fields.Field{title, summary,
			{Key: "sme", Kind: fields.Text, Title: "PME", Doc: "La PME du cas."},
			{Key: "lead_company", Kind: fields.Text, Title: "Grand groupe", Doc: "Le grand groupe qui l'accompagne."},
			countries, sectors,
			{Key: "year", Kind: fields.Integer, Title: "Année", Doc: "L'année du cas.", Min: fields.AtLeast(fields.MinYear), Max: fields.AtMost(fields.MaxYear)},
			{Key: "scheme", Kind: fields.OneOrMore, Title: "Forme de co-export", Doc: "Un identifiant ou une liste : portage, parrainage, co-traitance…",
				Items: &fields.Field{Key: "scheme", Kind: fields.Text, Vocab: fields.Schemes}},
			{Key: "fictional", Kind: fields.Boolean, Title: "Fictif", Doc: "true : la page dit que le cas est fictif."},
			draft, updated}},
	source.Model: {Key: "model", Kind: fields.Object, Title: "Modèle de document (content/modeles/slug.md)",
		Doc: "L'en-tête d'un modèle de document à imprimer.", Fields: []fields.Field{title, summary, draft, updated}},
	source.Page: {Key: "page", Kind: fields.Object, Title: "Page (content/*.md)",
		Doc: "L'en-tête d'une page autonome, comme a-propos.md.", Fields: []fields.Field{title, summary, draft, updated}},
	source.Home: {Key: "home", Kind: fields.Object, Title: "Accueil (content/index.md)",
		Doc: "L'en-tête du texte de la page d'accueil.", Fields: []fields.Field{title, summary}},
}

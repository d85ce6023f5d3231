package data

import (
	"coexport/internal/cpv"
	"coexport/internal/fields"
)

// The definitions of the data files' fields. The parsers read their keys, required fields,
// allowed values and patterns from them, and `coexport schema` makes the editors' JSON
// Schemas from them: one source for both. Titles and descriptions are in French, as the
// README's reference says them.

var (
	dateField = func(key, title, doc string, required bool) fields.Field {
		return fields.Field{Key: key, Kind: fields.Date, Required: required, Title: title, Doc: doc, Example: "2026-03-20"}
	}
	textField = func(key, title, doc string, required bool) fields.Field {
		return fields.Field{Key: key, Kind: fields.Text, Required: required, Title: title, Doc: doc}
	}
	codes = func(key, title, doc string, v fields.Vocabulary, required bool) fields.Field {
		return fields.Field{Key: key, Kind: fields.OneOrMore, Required: required, Title: title, Doc: doc,
			Items: &fields.Field{Key: key, Kind: fields.Text, Vocab: v}}
	}
	texts = func(key, title, doc string) fields.Field {
		return fields.Field{Key: key, Kind: fields.OneOrMore, Title: title, Doc: doc, Items: &fields.Field{Key: key, Kind: fields.Text}}
	}
	slugField = func(doc string) fields.Field {
		return fields.Field{Key: "slug", Kind: fields.Text, Required: true, Title: "Identifiant", Doc: doc,
			Pattern: `[a-z0-9]+(-[a-z0-9]+)*`, Example: "eau-assainissement"}
	}
	cpvCodes = func(doc, example string) fields.Field {
		return fields.Field{Key: "cpv", Kind: fields.OneOrMore, Title: "Codes CPV", Doc: doc,
			Items: &fields.Field{Key: "cpv", Kind: fields.Text, Pattern: cpv.Pattern, Example: example,
				Hint: "invalid CPV code %q (want a division, " + example[:2] + ", or 8 digits, a dash and a check digit: " + example + ")"}}
	}
)

// SiteSpec defines content/site.yaml.
var SiteSpec = fields.Field{Key: "site", Kind: fields.Object, Title: "content/site.yaml",
	Doc: "Le site : son nom, son adresse, son vocabulaire de secteurs.", Fields: []fields.Field{
		textField("title", "Titre", "Le nom du site.", true),
		textField("description", "Description", "Le site en une phrase.", false),
		{Key: "language", Kind: fields.Text, Title: "Langue", Doc: "fr, la seule langue du site.", Enum: []string{"fr"}},
		{Key: "base_url", Kind: fields.URL, Title: "Adresse du site",
			Doc: "URL absolue, avec un éventuel sous-chemin : https://example.org/coexport/ ; -base-url la remplace."},
		{Key: "contact", Kind: fields.Email, Title: "Contact", Doc: "Une adresse e-mail."},
		{Key: "sectors", Kind: fields.List, Title: "Secteurs", Doc: "Le vocabulaire des secteurs : une liste de {slug, name, cpv}.",
			Items: &fields.Field{Key: "sector", Kind: fields.Object, Title: "Secteur", Fields: []fields.Field{
				slugField("Mots en minuscules ASCII reliés par des tirets : eau-assainissement."),
				textField("name", "Nom", "Le nom du secteur, en français.", true),
				cpvCodes("Les divisions CPV du secteur : 09, ou le code complet avec son chiffre de contrôle, 09000000-3.", "09000000-3"),
			}}},
		{Key: "synonyms", Kind: fields.List, Title: "Synonymes",
			Doc:   "Groupes de mots que la recherche traite comme un seul : [[pme, sme, \"petite et moyenne entreprise\"], …].",
			Items: &fields.Field{Key: "synonyms", Kind: fields.List, MinItems: 2, Items: &fields.Field{Key: "word", Kind: fields.Text}}},
		{Key: "unsafe_html", Kind: fields.Boolean, Title: "HTML brut", Doc: "true garde le HTML écrit dans le markdown (retiré sinon)."},
		{Key: "links", Kind: fields.List, Title: "Liens externes", Doc: "Les sites cités par le guide : une liste de {slug, name, url}.",
			Items: &fields.Field{Key: "link", Kind: fields.Object, Title: "Lien", Fields: []fields.Field{
				slugField("Identifiant du lien, cité dans les pages."),
				textField("name", "Nom", "Le nom du site.", true),
				{Key: "url", Kind: fields.URL, Required: true, Title: "URL", Doc: "L'adresse du site, http:// ou https://."},
			}}},
		dateField("links_checked", "Liens vérifiés le", "Le jour où les liens ont été vérifiés.", false),
	}}

// AMISpec defines one entry of content/amis.yaml.
var AMISpec = fields.Field{Key: "ami", Kind: fields.Object, Title: "AMI",
	Doc: "Un appel à manifestation d'intérêt du catalogue.", OneOf: nil, Fields: []fields.Field{
		{Key: "id", Kind: fields.Text, Required: true, Title: "Identifiant", Doc: "AMI-année-numéro : AMI-2026-014.",
			Pattern: `AMI-\d{4}-\d{3,5}`, Example: "AMI-2026-014", Hint: "AMI id %q must look like AMI-2026-014"},
		textField("title", "Titre", "Le titre de l'appel.", true),
		textField("issuer", "Émetteur", "Le grand groupe qui lance l'appel.", true),
		codes("countries", "Pays", "Codes ISO 3166-1 alpha-2 : SN, CI.", fields.Countries, true),
		codes("sectors", "Secteurs", "Identifiants des secteurs de site.yaml.", fields.Sectors, true),
		dateField("published", "Publié le", "Date de publication, AAAA-MM-JJ.", true),
		dateField("deadline", "Date limite", "Dernier jour pour répondre (inclus), pas avant la publication.", true),
		textField("summary", "Résumé", "L'appel en une phrase.", true),
		textField("description", "Description", "Le besoin, en markdown.", false),
		{Key: "contact", Kind: fields.Object, Required: true, Title: "Contact", Doc: "À qui écrire : un e-mail ou une URL.",
			OneOf: []string{"email", "url"}, Fields: []fields.Field{
				textField("name", "Nom", "La personne ou le service à contacter.", false),
				{Key: "email", Kind: fields.Email, Title: "E-mail", Doc: "Adresse e-mail du contact."},
				{Key: "url", Kind: fields.URL, Title: "Site", Doc: "Page où répondre, http:// ou https://."},
			}},
		{Key: "budget", Kind: fields.Object, Title: "Budget indicatif", Doc: "Montant entier et devise (EUR par défaut).", Fields: []fields.Field{
			{Key: "amount", Kind: fields.Integer, Required: true, Title: "Montant", Doc: "Un nombre entier, positif ou nul.", Min: fields.AtLeast(0), Max: fields.AtMost(fields.MaxExact)},
			{Key: "currency", Kind: fields.Text, Title: "Devise", Doc: "Code ISO 4217 : EUR, XOF, USD.", Vocab: fields.Currencies, Example: "EUR"},
		}},
		{Key: "fictional", Kind: fields.Boolean, Title: "Fictif", Doc: "true pour un exemple inventé."},
		textField("city", "Ville", "La ville du projet.", false),
		{Key: "category", Kind: fields.Text, Title: "Catégorie", Doc: "goods, services ou works.", Enum: []string{"goods", "services", "works"}},
		codes("schemes", "Formes de coopération", "Les formes de co-export proposées : portage, co-traitance…", fields.Schemes, false),
		texts("sought", "Compétences recherchées", "Ce que le groupe cherche chez les PME."),
		textField("eligibility", "Éligibilité", "Qui peut répondre.", false),
		texts("selection_criteria", "Critères de sélection", "Une liste de critères."),
		dateField("questions_until", "Questions jusqu'au", "Dernier jour pour poser des questions, pas après la date limite.", false),
		{Key: "expected_tender", Kind: fields.Month, Title: "Appel d'offres prévu", Doc: "Le mois où l'appel d'offres du client est attendu, AAAA-MM.",
			Pattern: `(19\d\d|2[01]\d\d|2200)-(0[1-9]|1[0-2])`, Example: "2027-03", Hint: "expected_tender %q must be a month, YYYY-MM, between 1900 and 2200"},
		{Key: "project", Kind: fields.Object, Title: "Projet", Doc: "Le projet que l'appel prépare.", Fields: []fields.Field{
			textField("name", "Nom", "Le nom du projet.", false),
			{Key: "client_type", Kind: fields.Text, Title: "Type de client", Doc: "private, public ou mixed.", Enum: []string{"private", "public", "mixed"}},
			textField("financing", "Financement", "Comment le projet est financé.", false),
			{Key: "duration_months", Kind: fields.Integer, Title: "Durée (mois)", Doc: "La durée du projet, en mois.", Min: fields.AtLeast(1)},
		}},
		{Key: "documents", Kind: fields.List, Title: "Documents", Doc: "Les documents joints : [{title, url}].",
			Items: &fields.Field{Key: "document", Kind: fields.Object, Title: "Document", Fields: []fields.Field{
				textField("title", "Titre", "Le titre du document.", true),
				{Key: "url", Kind: fields.URL, Required: true, Title: "URL", Doc: "L'adresse du document, http:// ou https://."},
			}}},
		cpvCodes("Codes CPV explicites (sinon ceux des secteurs) : une division, 45, ou un code complet, 45000000-7.", "45000000-7"),
		dateField("updated", "Mis à jour le", "Date d'une révision (une date limite déplacée…), pas avant la publication.", false),
	}}

// SurveySpec defines content/enquete.yaml.
var SurveySpec = fields.Field{Key: "enquete", Kind: fields.Object, Title: "content/enquete.yaml",
	Doc: "L'enquête : les effectifs de ses réponses (les pourcentages sont calculés).", Fields: []fields.Field{
		textField("title", "Titre", "Le titre de l'enquête.", true),
		textField("source", "Source", "Qui a mené l'enquête.", true),
		{Key: "year", Kind: fields.Integer, Title: "Année", Doc: "L'année de l'enquête.", Min: fields.AtLeast(fields.MinYear), Max: fields.AtMost(fields.MaxYear)},
		{Key: "respondents", Kind: fields.Integer, Required: true, Title: "Répondants", Doc: "Le nombre de répondants, positif.", Min: fields.AtLeast(1)},
		texts("findings", "Constats", "Les enseignements de l'enquête, une phrase chacun."),
		{Key: "questions", Kind: fields.List, Title: "Questions", Doc: "Les questions : {id, label, multiple, answers}.",
			Items: &fields.Field{Key: "question", Kind: fields.Object, Title: "Question", Fields: []fields.Field{
				textField("id", "Identifiant", "Unique dans l'enquête.", true),
				textField("label", "Libellé", "La question posée.", true),
				textField("note", "Note", "Une précision sur la question ou ses réponses.", false),
				{Key: "multiple", Kind: fields.Boolean, Title: "Plusieurs réponses", Doc: "true si un répondant pouvait donner plusieurs réponses."},
				{Key: "answers", Kind: fields.List, Required: true, Title: "Réponses", Doc: "Les réponses et leurs effectifs.",
					Items: &fields.Field{Key: "answer", Kind: fields.Object, Title: "Réponse", Fields: []fields.Field{
						textField("label", "Libellé", "La réponse.", true),
						{Key: "count", Kind: fields.Integer, Required: true, Title: "Effectif", Doc: "Combien l'ont donnée, entre 0 et le nombre de répondants.", Min: fields.AtLeast(0)},
					}}},
			}}},
	}}

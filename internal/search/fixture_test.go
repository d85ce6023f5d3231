package search

import (
	"fmt"
	"slices"
	"strings"
)

// fixtureBuildDate is the build date of the fixture: Open is true for deadlines from then.
const fixtureBuildDate = "2026-11-25"

// fixtureDocs is a small guide: five chapters, three cases, AMIs (four named ones and
// fillers enough to make "export" a frequent term with its own file) and a page.
func fixtureDocs() ([]Doc, Config) {
	cfg := Config{
		Synonyms: [][]string{
			{"pme", "sme", "petite et moyenne entreprise"},
			{"ami", "appel à manifestation d'intérêt"},
		},
		CountryNames: map[string]string{"SN": "Sénégal", "MA": "Maroc", "CI": "Côte d'Ivoire", "KE": "Kenya", "GH": "Ghana"},
		SectorNames:  map[string]string{"energie": "Énergie", "eau": "Eau et assainissement", "btp": "Infrastructures et BTP", "finance": "Services financiers", "numerique": "Numérique"},
	}
	docs := []Doc{
		{URL: "guide/marches-publics/", Type: "chapitre", Title: "Comprendre les marchés publics internationaux",
			Summary: "Les acheteurs publics publient leurs appels d'offres : savoir les lire.",
			Sections: []Section{
				{Text: "Un marché public se gagne souvent à plusieurs."},
				{Heading: "Les étapes clés", Anchor: "les-etapes-cles", Text: "Repérer l'avis, retirer le dossier de consultation, répondre avant la date limite."},
				{Heading: "Répondre en groupement", Anchor: "repondre-en-groupement", Text: "Le groupement avec un grand groupe rassure l'acheteur public sur la capacité à livrer."},
			}, Countries: []string{"SN", "MA"}, Sectors: []string{"btp"}},
		{URL: "guide/financer/", Type: "chapitre", Title: "Financer son développement international",
			Summary: "Prêts, garanties, assurance prospection : les outils pour financer l'export.",
			Sections: []Section{
				{Heading: "Les prêts", Anchor: "les-prets", Text: "Le financement d'un premier contrat passe par la trésorerie ou un prêt dédié."},
				{Heading: "L’assurance prospection", Anchor: "l-assurance-prospection", Text: "Elle couvre une partie des dépenses de prospection en cas d'échec commercial."},
			}, Countries: []string{"CI"}, Sectors: []string{"finance"}},
		{URL: "guide/parrainage-pme/", Type: "chapitre", Title: "Le parrainage PME par les grands groupes",
			Summary: "Un grand groupe ouvre son réseau à une PME qu'il connaît.",
			Sections: []Section{
				{Heading: "Comment ça marche", Anchor: "comment-ca-marche", Text: "Le parrain présente la PME à ses clients et partage ses bureaux à l'étranger."},
			}, Sectors: []string{"energie"}},
		{URL: "guide/preparer-export/", Type: "chapitre", Title: "Préparer son projet export",
			Summary: "Diagnostic, cibles, moyens : le plan avant le départ.",
			Sections: []Section{
				{Heading: "Choisir ses cibles", Anchor: "choisir-ses-cibles", Text: "Les marchés publics sont une porte d'entrée, mais pas la seule."},
				{Heading: "Le budget", Anchor: "le-budget", Text: "Prévoir le financement de trois ans de prospection."},
			}},
		{URL: "guide/transition-energetique/", Type: "chapitre", Title: "Transition énergétique et opportunités export",
			Summary: "Solaire, stockage, efficacité : où sont les projets.",
			Sections: []Section{
				{Heading: "Les besoins", Anchor: "les-besoins", Text: "L'énergie solaire hors réseau progresse vite dans les zones rurales."},
			}, Countries: []string{"SN", "KE"}, Sectors: []string{"energie"}},
		{URL: "cas/solaris-helios/", Type: "cas", Title: "Solaris et Groupe Helios : énergie (Sénégal)",
			Summary: "Une petite et moyenne entreprise du solaire suit un grand groupe à Dakar.",
			Sections: []Section{
				{Heading: "Contexte", Anchor: "contexte", Text: "Solaris installe des pompes solaires ; Helios cherchait un partenaire local."},
				{Heading: "Résultats", Anchor: "resultats", Text: "Douze villages équipés, un second contrat signé."},
			}, Countries: []string{"SN"}, Sectors: []string{"energie"}},
		{URL: "cas/aquatek-veolys/", Type: "cas", Title: "Aquatek et Veolys : eau (Maroc)",
			Summary:   "Une SME de la détection de fuites accompagnée par Veolys.",
			Sections:  []Section{{Heading: "Contexte", Anchor: "contexte", Text: "Aquatek détecte les fuites des réseaux d'eau potable."}},
			Countries: []string{"MA"}, Sectors: []string{"eau"}},
		{URL: "cas/numerix-orano/", Type: "cas", Title: "Numerix et Orano : numérique (Côte d'Ivoire)",
			Summary:   "Un logiciel de maintenance déployé sur trois sites.",
			Sections:  []Section{{Heading: "Le dispositif", Anchor: "le-dispositif", Text: "Le financement du pilote a été partagé entre les deux entreprises."}},
			Countries: []string{"CI"}, Sectors: []string{"numerique"}},
		{URL: "ami/ami-2026-0001/", Type: "ami", Title: "Mini-réseaux électriques — Sénégal", Issuer: "Groupe Helios",
			Summary:   "Helios cherche des PME pour construire des mini-réseaux solaires.",
			Sections:  []Section{{Text: "Énergie solaire, stockage par batteries et exploitation sur dix ans."}},
			Countries: []string{"SN"}, Sectors: []string{"energie"}, Deadline: "2026-12-15"},
		{URL: "ami/ami-2026-0002/", Type: "ami", Title: "Traitement de l'eau potable — Maroc", Issuer: "Veolys",
			Summary:   "Unités compactes de potabilisation pour des communes rurales.",
			Sections:  []Section{{Text: "Les candidats décrivent leurs références en traitement de l'eau."}},
			Countries: []string{"MA"}, Sectors: []string{"eau"}, Deadline: "2026-06-30"},
		{URL: "ami/ami-2026-0003/", Type: "ami", Title: "Pompage solaire — Sénégal et Maroc", Issuer: "Groupe Helios",
			Summary:   "Pompes solaires pour l'irrigation.",
			Sections:  []Section{{Text: "L'énergie des pompes vient de panneaux solaires ; l'eau sert à l'irrigation."}},
			Countries: []string{"SN", "MA"}, Sectors: []string{"energie", "eau"}, Deadline: "2027-01-31"},
		{URL: "ami/ami-2026-0004/", Type: "ami", Title: "Plateformes de paiement mobile — Kenya", Issuer: "Orano",
			Summary:   "Paiement des factures d'électricité par téléphone.",
			Sections:  []Section{{Text: "Intégration aux opérateurs mobiles et au réseau des agents."}},
			Countries: []string{"KE"}, Sectors: []string{"numerique", "energie"}, Deadline: "2026-12-01"},
		{URL: "a-propos/", Type: "page", Title: "À propos du guide", Summary: "Qui écrit ce guide, et pourquoi.",
			Sections: []Section{{Text: "Le guide aide les PME à l'exportation."}}},
	}
	for i := 1; i <= 14; i++ {
		docs = append(docs, Doc{URL: fmt.Sprintf("ami/ami-2026-%04d/", 100+i), Type: "ami",
			Title: fmt.Sprintf("Prestations logistiques n° %d — Ghana", i), Issuer: "Groupe Fret",
			Summary:   "Accompagnement à l'exportation de produits agricoles.",
			Sections:  []Section{{Text: fmt.Sprintf("Lot %d : logistique export, douane et fret.", i)}},
			Countries: []string{"GH"}, Sectors: []string{"btp"}, Deadline: fmt.Sprintf("2026-%02d-10", 1+i%12)})
	}
	for i := range docs {
		docs[i].Open = docs[i].Type == "ami" && docs[i].Deadline >= fixtureBuildDate
	}
	return append(docs, hubDocs(docs, cfg)...), cfg
}

// hubDocs are the country and sector pages of docs, as the site model makes them: a page per
// country and sector named in cfg, its summary counting the open AMIs and the cases.
func hubDocs(docs []Doc, cfg Config) []Doc {
	summary := func(has func(*Doc) bool) string {
		open, cases := 0, 0
		for i := range docs {
			d := &docs[i]
			if has(d) && d.Open {
				open++
			}
			if has(d) && d.Type == "cas" {
				cases++
			}
		}
		return fmt.Sprintf("%d AMI ouverts, %d cas", open, cases)
	}
	var hubs []Doc
	for _, code := range sortedKeys(cfg.CountryNames) {
		hubs = append(hubs, Doc{URL: "pays/" + strings.ToLower(code) + "/", Type: "pays", Title: cfg.CountryNames[code], Hub: true,
			Countries: []string{code}, Summary: summary(func(d *Doc) bool { return slices.Contains(d.Countries, code) })})
	}
	for _, slug := range sortedKeys(cfg.SectorNames) {
		hubs = append(hubs, Doc{URL: "secteurs/" + slug + "/", Type: "secteur", Title: cfg.SectorNames[slug], Hub: true,
			Sectors: []string{slug}, Summary: summary(func(d *Doc) bool { return slices.Contains(d.Sectors, slug) })})
	}
	return hubs
}

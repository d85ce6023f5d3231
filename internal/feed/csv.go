package feed

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"strconv"
	"strings"
	"time"

	"coexport/internal/data"
)

// CellKind says how a column's cell holds its value, so that the export writes it and the
// intake (coexport import ami) reads it back the same way.
type CellKind int

// The kinds of cells.
const (
	Text      CellKind = iota // one value, as is
	Codes                     // a list of codes joined with ", "
	Names                     // a list of names joined with " / " (names may hold commas)
	Lines                     // a list of texts, one per line of the cell
	Flag                      // "oui" or "non"
	Documents                 // one document per line, "title | url"
)

// Column is one column of ami/amis.csv and of its intake template ami/modele.csv. The table
// CSVColumns drives the header, every row, the template, the intake and FORMAT.md's table
// (checked by a test): a column is added in one place.
type Column struct {
	Name string // header, in French
	// Key is the amis.yaml field the column holds, dotted when nested ("contact.email");
	// "" for a column the build computes (names, status, days left, URL), ignored on import.
	Key  string
	Kind CellKind
	Doc  string // the column's description, as FORMAT.md gives it
	cell func(c *catalogue, a *data.AMI) string
}

// CSVColumns are the columns of ami/amis.csv, in order.
var CSVColumns = []Column{
	{"id", "id", Text, "AMI id, `AMI-2026-014`", func(_ *catalogue, a *data.AMI) string { return a.ID }},
	{"titre", "title", Text, "title", func(_ *catalogue, a *data.AMI) string { return a.Title }},
	{"emetteur", "issuer", Text, "issuer", func(_ *catalogue, a *data.AMI) string { return a.Issuer }},
	{"pays", "countries", Codes, "ISO codes, `SN, CI`", func(_ *catalogue, a *data.AMI) string { return strings.Join(a.Countries, ", ") }},
	{"noms_pays", "", Names, "French names, `Sénégal / Côte d'Ivoire`", func(_ *catalogue, a *data.AMI) string { return strings.Join(countryNames(a), " / ") }},
	{"secteurs", "sectors", Codes, "sector slugs, `energie, eau-assainissement`", func(_ *catalogue, a *data.AMI) string { return strings.Join(a.Sectors, ", ") }},
	{"noms_secteurs", "", Names, "sector names, `Énergie / Eau et assainissement`", func(c *catalogue, a *data.AMI) string { return strings.Join(c.sectorNames(a), " / ") }},
	{"ville", "city", Text, "city", func(_ *catalogue, a *data.AMI) string { return a.City }},
	{"categorie", "category", Text, "`goods`, `services` or `works`", func(_ *catalogue, a *data.AMI) string { return a.Category }},
	{"publie_le", "published", Text, "publication date, `2026-01-10`", func(_ *catalogue, a *data.AMI) string { return isoDate(a.Published) }},
	{"mis_a_jour_le", "updated", Text, "revision date, empty if never revised", func(_ *catalogue, a *data.AMI) string { return updatedDate(a) }},
	{"date_limite", "deadline", Text, "deadline, `2026-03-20` (included)", func(_ *catalogue, a *data.AMI) string { return isoDate(a.Deadline) }},
	{"statut", "", Text, "`ouvert` or `clos` at the build date", func(c *catalogue, a *data.AMI) string {
		if a.Open(c.s.Today) {
			return "ouvert"
		}
		return "clos"
	}},
	{"jours_restants", "", Text, "days left at the build date (0 on the deadline day), empty when closed", func(c *catalogue, a *data.AMI) string {
		if a.Open(c.s.Today) {
			return strconv.Itoa(a.DaysLeft(c.s.Today))
		}
		return ""
	}},
	{"budget", "budget.amount", Text, "indicative budget, integer, empty when none", func(_ *catalogue, a *data.AMI) string {
		if a.Budget == nil {
			return ""
		}
		return strconv.FormatInt(a.Budget.Amount, 10)
	}},
	{"devise", "budget.currency", Text, "its ISO 4217 currency, `EUR`", func(_ *catalogue, a *data.AMI) string {
		if a.Budget == nil {
			return ""
		}
		return cmp.Or(a.Budget.Currency, "EUR")
	}},
	{"contact", "contact.name", Text, "contact name", func(_ *catalogue, a *data.AMI) string { return a.Contact.Name }},
	{"email", "contact.email", Text, "contact email", func(_ *catalogue, a *data.AMI) string { return a.Contact.Email }},
	{"site_contact", "contact.url", Text, "contact URL", func(_ *catalogue, a *data.AMI) string { return a.Contact.URL }},
	{"resume", "summary", Text, "summary", func(_ *catalogue, a *data.AMI) string { return a.Summary }},
	{"cpv", "cpv", Codes, "CPV codes, as in the JSON's `tender.items` (on import, codes equal to those of the sectors are left implicit)", func(c *catalogue, a *data.AMI) string {
		var cpv []string
		for _, it := range c.items(a) {
			cpv = append(cpv, it.Classification.ID)
		}
		return strings.Join(cpv, ", ")
	}},
	{"fictif", "fictional", Flag, "`oui` for an invented example, else `non`", func(_ *catalogue, a *data.AMI) string { return flag(a.Fictional) }},
	{"url", "", Text, "the AMI page", func(c *catalogue, a *data.AMI) string { return c.pageURL(a) }},
	{"description", "description", Text, "description, in markdown", func(_ *catalogue, a *data.AMI) string { return strings.TrimRight(a.DescriptionSource, "\n") }},
	{"dispositifs", "schemes", Codes, "forms of cooperation offered, `portage, co-traitance`", func(_ *catalogue, a *data.AMI) string { return strings.Join(a.Schemes, ", ") }},
	{"competences_recherchees", "sought", Lines, "capabilities sought from SMEs, one per line", func(_ *catalogue, a *data.AMI) string { return strings.Join(a.Sought, "\n") }},
	{"eligibilite", "eligibility", Text, "who may answer", func(_ *catalogue, a *data.AMI) string { return a.Eligibility }},
	{"criteres_selection", "selection_criteria", Lines, "selection criteria, one per line", func(_ *catalogue, a *data.AMI) string { return strings.Join(a.SelectionCriteria, "\n") }},
	{"questions_jusqu_au", "questions_until", Text, "last day for questions, `2026-03-01`", func(_ *catalogue, a *data.AMI) string { return isoDate(a.QuestionsUntil) }},
	{"appel_offres_prevu", "expected_tender", Text, "month the issuer's own tender is expected, `2027-03`", func(_ *catalogue, a *data.AMI) string { return a.ExpectedTender }},
	{"projet", "project.name", Text, "project name", func(_ *catalogue, a *data.AMI) string {
		return projectField(a, func(p *data.Project) string { return p.Name })
	}},
	{"type_client", "project.client_type", Text, "`private`, `public` or `mixed`", func(_ *catalogue, a *data.AMI) string {
		return projectField(a, func(p *data.Project) string { return p.ClientType })
	}},
	{"financement", "project.financing", Text, "how the project is financed", func(_ *catalogue, a *data.AMI) string {
		return projectField(a, func(p *data.Project) string { return p.Financing })
	}},
	{"duree_mois", "project.duration_months", Text, "project duration in months", func(_ *catalogue, a *data.AMI) string {
		return projectField(a, func(p *data.Project) string {
			if p.DurationMonths == 0 {
				return ""
			}
			return strconv.Itoa(p.DurationMonths)
		})
	}},
	{"documents", "documents", Documents, "attached documents, one per line, `title \\| https://…`", func(_ *catalogue, a *data.AMI) string {
		lines := make([]string, len(a.Documents))
		for i, d := range a.Documents {
			lines[i] = d.Title + " | " + d.URL
		}
		return strings.Join(lines, "\n")
	}},
}

func projectField(a *data.AMI, get func(*data.Project) string) string {
	if a.Project == nil {
		return ""
	}
	return get(a.Project)
}

func flag(b bool) string {
	if b {
		return "oui"
	}
	return "non"
}

// csvHeader returns the header row's cells.
func csvHeader() []string {
	h := make([]string, len(CSVColumns))
	for i, col := range CSVColumns {
		h[i] = col.Name
	}
	return h
}

// csv writes ami/amis.csv for spreadsheets as French Excel opens them: UTF-8 with a byte
// order mark, ";" between cells, CRLF line ends, ISO dates, one row per AMI (open and
// closed, by id) after the header. Every cell is neutralised against formula injection.
func (c *catalogue) csv() []byte {
	header := csvLine(csvHeader())
	size := 3 + len(header)
	for _, a := range c.s.AMIs {
		size += len(c.frag(a).row)
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	b.WriteString("\ufeff")
	b.Write(header)
	for _, a := range c.s.AMIs {
		b.Write(c.frag(a).row)
	}
	return b.Bytes()
}

// csvRow returns the row of a, with its CRLF.
func (c *catalogue) csvRow(a *data.AMI) []byte {
	cells := make([]string, len(CSVColumns))
	for i, col := range CSVColumns {
		cells[i] = neutralise(col.cell(c, a))
	}
	return csvLine(cells)
}

// template writes ami/modele.csv, the file a purchasing team fills in to send AMIs
// (coexport import ami reads it): amis.csv's header and format, and one example row that
// says it is one, with the computed columns left empty. Its dates follow the build year.
func (c *catalogue) template() []byte {
	ex := c.exampleAMI()
	var b bytes.Buffer
	b.WriteString("\ufeff")
	b.Write(csvLine(csvHeader()))
	cells := make([]string, len(CSVColumns))
	for i, col := range CSVColumns {
		if col.Key != "" {
			cells[i] = neutralise(col.cell(c, ex))
		}
	}
	b.Write(csvLine(cells))
	return b.Bytes()
}

// ExampleTitle starts the title of the template's example row; the intake refuses a row
// whose title still starts with it.
const ExampleTitle = "EXEMPLE (ligne à remplacer)"

// exampleAMI is the example row of the template: valid against the site's vocabulary, and
// plainly an example in its id, title and fictional flag.
func (c *catalogue) exampleAMI() *data.AMI {
	year := c.s.Today.Year()
	sector := "energie"
	if c.s.Config != nil && len(c.s.Config.Sectors) > 0 {
		sector = c.s.Config.Sectors[0].Slug
	}
	return &data.AMI{
		ID: "AMI-" + strconv.Itoa(year) + "-999", Title: ExampleTitle + " : mini-réseaux solaires",
		Issuer: "Groupe Exemple", Countries: []string{"SN"}, Sectors: []string{sector}, City: "Kaolack", Category: "works",
		Published: time.Date(year, 1, 15, 0, 0, 0, 0, time.UTC), Deadline: time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC),
		Budget:  &data.Budget{Amount: 150000, Currency: "EUR"},
		Contact: data.Contact{Name: "Prénom Nom", Email: "achats@exemple.example", URL: "https://exemple.example/ami"},
		Summary: "Une phrase qui dit ce que le groupe cherche et auprès de quelles PME.", Fictional: true,
		DescriptionSource: "Le besoin, en **markdown** : contexte, lots, calendrier.",
		Schemes:           []string{"co-traitance"}, Sought: []string{"pose de panneaux", "maintenance"},
		Eligibility: "PME françaises de moins de 250 salariés", SelectionCriteria: []string{"références", "présence locale"},
		QuestionsUntil: time.Date(year, 12, 15, 0, 0, 0, 0, time.UTC), ExpectedTender: strconv.Itoa(year+1) + "-03",
		Project:   &data.Project{Name: "Projet exemple", ClientType: "public", Financing: "bailleur multilatéral", DurationMonths: 24},
		Documents: []data.Document{{Title: "Cahier des charges", URL: "https://exemple.example/cdc.pdf"}},
	}
}

// csvLine returns one CSV record: cells quoted by encoding/csv where they need it,
// separated by ";", ended by CRLF (line breaks inside cells become CRLF too).
func csvLine(cells []string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = ';'
	w.UseCRLF = true
	_ = w.Write(cells) // writes to a bytes.Buffer do not fail
	w.Flush()
	return b.Bytes()
}

// updatedDate returns the ISO date of an AMI's revision, "" when it was never revised.
func updatedDate(a *data.AMI) string {
	if !revised(a) {
		return ""
	}
	return isoDate(a.Updated)
}

// neutralise returns the cleaned cell, with a leading apostrophe when a spreadsheet could
// read it as a formula: when it starts with = + - @, a tab or a carriage return (OWASP,
// "CSV injection"). The apostrophe shows in the cell; the text after it is intact.
func neutralise(cell string) string {
	raw := cell
	cell = clean(cell)
	if startsFormula(raw) || startsFormula(cell) {
		return "'" + cell
	}
	return cell
}

// Unneutralise undoes neutralise for the intake: it drops the apostrophe put before a cell
// that starts like a formula.
func Unneutralise(cell string) string {
	if rest, ok := strings.CutPrefix(cell, "'"); ok && startsFormula(rest) {
		return rest
	}
	return cell
}

func startsFormula(s string) bool {
	return s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
}

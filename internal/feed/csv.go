package feed

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"strconv"
	"strings"

	"coexport/internal/data"
)

// csvHeader names the columns of ami/amis.csv, in French; FORMAT.md documents them.
var csvHeader = []string{
	"id", "titre", "emetteur", "pays", "noms_pays", "secteurs", "noms_secteurs", "ville",
	"categorie", "publie_le", "mis_a_jour_le", "date_limite", "statut", "jours_restants",
	"budget", "devise", "contact", "email", "site_contact", "resume", "cpv", "fictif", "url",
}

// csv writes ami/amis.csv for spreadsheets as French Excel opens them: UTF-8 with a byte
// order mark, ";" between cells, CRLF line ends, ISO dates, one row per AMI (open and
// closed, by id) after the header. Every cell is neutralised against formula injection.
func (c *catalogue) csv() []byte {
	header := csvLine(csvHeader)
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
	status, days := "clos", ""
	if a.Open(c.s.Today) {
		status, days = "ouvert", strconv.Itoa(a.DaysLeft(c.s.Today))
	}
	budget, currency := "", ""
	if a.Budget != nil {
		budget, currency = strconv.FormatInt(a.Budget.Amount, 10), cmp.Or(a.Budget.Currency, "EUR")
	}
	fictional := "non"
	if a.Fictional {
		fictional = "oui"
	}
	var cpv []string
	for _, it := range c.items(a) {
		cpv = append(cpv, it.Classification.ID)
	}
	cells := []string{
		a.ID, a.Title, a.Issuer,
		strings.Join(a.Countries, ", "), strings.Join(countryNames(a), " / "),
		strings.Join(a.Sectors, ", "), strings.Join(c.sectorNames(a), " / "),
		a.City, a.Category,
		isoDate(a.Published), updatedDate(a), isoDate(a.Deadline), status, days,
		budget, currency,
		a.Contact.Name, a.Contact.Email, a.Contact.URL,
		a.Summary, strings.Join(cpv, ", "), fictional, c.pageURL(a),
	}
	for i, v := range cells {
		cells[i] = neutralise(v)
	}
	return csvLine(cells)
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

func startsFormula(s string) bool {
	return s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
}

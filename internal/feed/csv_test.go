package feed

import (
	"bytes"
	"encoding/csv"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var (
	cpvCode = regexp.MustCompile(`^\d{8}-\d$`)
	isoDay  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// readCSV parses ami/amis.csv as a spreadsheet would: BOM, ";" and CRLF.
func readCSV(t *testing.T, doc []byte) []map[string]string {
	t.Helper()
	if !bytes.HasPrefix(doc, []byte("\ufeff")) {
		t.Fatalf("amis.csv does not start with a UTF-8 byte order mark")
	}
	body := doc[3:]
	if !bytes.HasSuffix(body, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(body, []byte("\r\n"), nil), []byte("\n")) {
		t.Errorf("amis.csv: line ends are not all CRLF")
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], csvHeader()) {
		t.Fatalf("header %q", rows[0])
	}
	var out []map[string]string
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = row[i]
		}
		out = append(out, m)
	}
	return out
}

func TestCSV(t *testing.T) {
	s := testSite()
	rows := readCSV(t, files(t, s)["ami/amis.csv"])
	if len(rows) != len(s.AMIs) {
		t.Fatalf("%d rows, want %d AMIs (open and closed)", len(rows), len(s.AMIs))
	}
	for i, row := range rows {
		a := s.AMIs[i]
		if row["id"] != a.ID || row["url"] != "https://example.org/coexport/ami/"+a.Slug+"/" {
			t.Errorf("row %d: id %q url %q, want %s", i, row["id"], row["url"], a.ID)
		}
		for _, col := range []string{"publie_le", "date_limite"} {
			if !isoDay.MatchString(row[col]) {
				t.Errorf("%s: %s %q is not an ISO date", a.ID, col, row[col])
			}
		}
		if row["date_limite"] != isoDate(a.Deadline) {
			t.Errorf("%s: date_limite %q", a.ID, row["date_limite"])
		}
		status := "clos"
		if a.Open(s.Today) {
			status = "ouvert"
		}
		if row["statut"] != status || (status == "clos") != (row["jours_restants"] == "") {
			t.Errorf("%s: statut %q jours_restants %q", a.ID, row["statut"], row["jours_restants"])
		}
		if row["pays"] != strings.Join(a.Countries, ", ") {
			t.Errorf("%s: pays %q", a.ID, row["pays"])
		}
	}
	byID := map[string]map[string]string{}
	for _, row := range rows {
		byID[row["id"]] = row
	}
	hostile := byID["AMI-2026-002"]
	tests := []struct{ col, want string }{
		{"titre", "\"quoted\" & <tag> ; semi, comma \\ back\nline two  end"},
		{"emetteur", "'" + formulaIssuer},
		{"contact", "'" + phoneContact},
		{"ville", "'" + minusCity},
		{"email", "'" + atEmail},
		{"site_contact", "https://x.example/a,b;c"},
		{"resume", "Première ligne ; avec, virgules et \\ barre.\nDeuxième ligne <b>pas du HTML</b> & \"guillemets\".\nTroisième."},
		{"pays", "SN, CI"},
		{"noms_pays", "Sénégal / Côte d'Ivoire"},
		{"secteurs", "energie, eau-assainissement"},
		{"mis_a_jour_le", "2026-02-15"},
		{"cpv", "09000000-3, 31000000-6, 65000000-3, 41000000-9, 90000000-7"},
		{"fictif", "non"},
	}
	for _, tt := range tests {
		if got := hostile[tt.col]; got != tt.want {
			t.Errorf("AMI-2026-002 %s = %q, want %q", tt.col, got, tt.want)
		}
	}
	if got := byID["AMI-2026-004"]["resume"]; got != "'\tstarts with a tab" {
		t.Errorf("tab-led cell = %q, want it neutralised", got)
	}
	if got := byID["AMI-2025-090"]["resume"]; got != "'-5 degrés" {
		t.Errorf("minus-led cell = %q, want it neutralised", got)
	}
	if got := byID["AMI-2026-004"]["jours_restants"]; got != "0" {
		t.Errorf("AMI due on the build day: jours_restants %q, want 0", got)
	}
	if r := byID["AMI-2026-001"]; r["budget"] != "40000" || r["devise"] != "EUR" || r["fictif"] != "oui" || r["jours_restants"] != "28" {
		t.Errorf("AMI-2026-001: budget %q devise %q fictif %q jours_restants %q", r["budget"], r["devise"], r["fictif"], r["jours_restants"])
	}
}

func TestNeutralise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+33 1 23", "'+33 1 23"},
		{"-5", "'-5"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\r=x", "'\n=x"},
		{"\x00=x", "'=x"},
		{"a=b", "a=b"},
		{"", ""},
		{"Côte d'Ivoire", "Côte d'Ivoire"},
	}
	for _, tt := range tests {
		if got := neutralise(tt.in); got != tt.want {
			t.Errorf("neutralise(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCSVFormatDoc checks FORMAT.md's table of amis.csv's columns against CSVColumns: the
// same columns, in the same order, with the same descriptions.
func TestCSVFormatDoc(t *testing.T) {
	doc, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "### `ami/amis.csv`")
	if !ok {
		t.Fatal("FORMAT.md has no ### `ami/amis.csv` section")
	}
	var got []string
	for _, line := range strings.Split(section, "\n") {
		if strings.HasPrefix(line, "### ") {
			break
		}
		if strings.HasPrefix(line, "| `") {
			got = append(got, line)
		}
	}
	var want []string
	for _, col := range CSVColumns {
		want = append(want, "| `"+col.Name+"` | "+col.Doc+" |")
	}
	if !slices.Equal(got, want) {
		t.Errorf("FORMAT.md's amis.csv table differs from CSVColumns; it should read:\n%s\n\ngot:\n%s",
			strings.Join(want, "\n"), strings.Join(got, "\n"))
	}
}

// TestTemplate checks ami/modele.csv: amis.csv's header, one example row that says it is
// one, the computed columns empty.
func TestTemplate(t *testing.T) {
	rows := readCSV(t, files(t, testSite())["ami/modele.csv"])
	if len(rows) != 1 {
		t.Fatalf("modele.csv: %d rows, want 1 example", len(rows))
	}
	ex := rows[0]
	if !strings.HasPrefix(ex["titre"], "EXEMPLE") || ex["fictif"] != "oui" || ex["id"] != "AMI-2026-999" {
		t.Errorf("example row does not say it is an example: %q %q %q", ex["id"], ex["titre"], ex["fictif"])
	}
	for _, col := range CSVColumns {
		// Every column that amis.yaml holds is filled in (but the revision date: an example
		// is new), and none that the build computes.
		if (col.Key == "" || col.Key == "updated") != (ex[col.Name] == "") {
			t.Errorf("modele.csv column %s (key %q) = %q: want a value exactly for the columns that amis.yaml holds", col.Name, col.Key, ex[col.Name])
		}
	}
}

func TestUnneutralise(t *testing.T) {
	for _, s := range []string{"-5", "=A1", "@x", "+33", "\tx", "'quoted", "plain", ""} {
		if got := Unneutralise(neutralise(s)); got != s {
			t.Errorf("Unneutralise(neutralise(%q)) = %q", s, got)
		}
	}
}

package feed

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"coexport/internal/data"
	"coexport/internal/diag"
	"coexport/internal/site"
)

// Hostile strings, each escaped differently by each format.
const (
	hostileTitle   = "\"quoted\" & <tag> ; semi, comma \\ back\nline two\x00\x01\x1b\x7f\u0085 \xff end"
	hostileSummary = "Première ligne ; avec, virgules et \\ barre.\r\nDeuxième ligne <b>pas du HTML</b> & \"guillemets\".\rTroisième."
	formulaIssuer  = `=HYPERLINK("http://evil.example/?x","clic")`
	phoneContact   = "+33 1 23 45 67 89"
	minusCity      = "-5"
	atEmail        = "@SUM(1+1)@evil.example"
)

// longTitle is a 200-character title full of accents, to force folding in iCalendar.
var longTitle = func() string {
	t := strings.Repeat("Échéancier électrique à Noël, été, ça ; ", 10)
	r := []rune(t)[:200]
	return string(r)
}()

var (
	buildDate = time.Date(2026, 2, 20, 9, 30, 0, 0, time.UTC)
	testSecs  = []data.Sector{
		{Slug: "energie", Name: "Énergie", CPV: []string{"09000000-3", "31000000-6", "65000000-3"}},
		{Slug: "eau-assainissement", Name: "Eau et assainissement", CPV: []string{"41000000-9", "65000000-3", "90000000-7"}},
		{Slug: "sante", Name: "Santé", CPV: []string{"33000000-0", "85000000-9"}},
		{Slug: "numerique-telecoms", Name: "Numérique et télécoms", CPV: []string{"30000000-9"}},
	}
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// testAMIs returns the catalogue of the tests: four open AMIs (one due on the build day),
// one closed, with hostile strings in every kind of field.
func testAMIs() []*data.AMI {
	return withSlugs([]*data.AMI{
		{ID: "AMI-2026-001", Title: "Mini-réseaux solaires à Kaolack", Issuer: "Groupe Hélior",
			Countries: []string{"SN"}, Sectors: []string{"energie"}, City: "Kaolack", Category: "works",
			Published: day("2026-01-10"), Deadline: day("2026-03-20"),
			Summary: "Groupe Hélior cherche des PME pour douze mini-réseaux.", Budget: &data.Budget{Amount: 40000, Currency: "EUR"},
			Contact: data.Contact{Name: "Awa Diop", Email: "awa@helior.example"}, Fictional: true,
			QuestionsUntil: day("2026-03-01"), Schemes: []string{"portage"}, Sought: []string{"pose", "maintenance"}},
		{ID: "AMI-2026-002", Title: hostileTitle, Issuer: formulaIssuer,
			Countries: []string{"SN", "CI"}, Sectors: []string{"energie", "eau-assainissement"}, City: minusCity,
			Published: day("2026-01-05"), Updated: day("2026-02-15"), Deadline: day("2026-04-30"),
			Summary: hostileSummary, Contact: data.Contact{Name: phoneContact, Email: atEmail, URL: "https://x.example/a,b;c"},
			Eligibility: "\tcmd|' /C calc'!A0", Documents: []data.Document{{Title: "Cahier <des> charges", URL: "https://x.example/doc.pdf"}}},
		{ID: "AMI-2026-003", Title: longTitle, Issuer: "Maroc Santé SA", Countries: []string{"MA"}, Sectors: []string{"sante"},
			Published: day("2026-02-01"), Deadline: day("2026-05-15"), Summary: longTitle + " " + longTitle,
			Budget: &data.Budget{Amount: 1250000, Currency: "USD"}, CPV: []string{"33100000-1", "33100000-1", "85100000-0"},
			Contact: data.Contact{URL: "https://ms.example/"}},
		{ID: "AMI-2026-004", Title: "Due today", Issuer: "Tunis Eau", Countries: []string{"TN"}, Sectors: []string{"eau-assainissement"},
			Published: day("2026-02-10"), Deadline: day("2026-02-20"), Summary: "\tstarts with a tab",
			Contact: data.Contact{Email: "eau@tn.example"}},
		{ID: "AMI-2025-090", Title: "Clos, révisé", Issuer: "Énergie de France", Countries: []string{"FR"}, Sectors: []string{"energie"},
			Published: day("2025-12-01"), Updated: day("2026-01-10"), Deadline: day("2026-01-31"), Summary: "-5 degrés",
			Contact: data.Contact{Email: "closed@fr.example"}},
	})
}

// withSlugs sets each AMI's slug, as data.ParseAMIs does.
func withSlugs(amis []*data.AMI) []*data.AMI {
	for _, a := range amis {
		a.Slug = strings.ToLower(a.ID)
	}
	return amis
}

// newSite assembles the model of a site that has only AMIs, with site.Assemble.
func newSite(title string, sectors []data.Sector, amis []*data.AMI, build time.Time) *site.Site {
	var d diag.List
	s := site.Assemble(site.Input{
		Config:    &data.Site{Title: title, BaseURL: "https://example.org/coexport/", Sectors: sectors},
		AMIs:      amis,
		BuildDate: build,
	}, &d)
	if len(d) > 0 {
		panic("newSite: " + d.Error())
	}
	return s
}

func testSite() *site.Site {
	return newSite("Guide du co-export & <AMI>", testSecs, testAMIs(), buildDate)
}

// files returns the outputs of s by path.
func files(t testing.TB, s *site.Site) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range Files(s) {
		if _, dup := out[f.Path]; dup {
			t.Fatalf("Files: duplicate path %s", f.Path)
		}
		out[f.Path] = f.Data
	}
	return out
}

func TestFilesPaths(t *testing.T) {
	var got []string
	for _, f := range Files(testSite()) {
		got = append(got, f.Path)
	}
	want := []string{
		"ami/ami-2026-001/echeance.ics",
		"ami/ami-2026-002/echeance.ics",
		"ami/ami-2026-003/echeance.ics",
		"ami/ami-2026-004/echeance.ics",
		"ami/amis.csv",
		"ami/amis.json",
		"ami/echeances.ics",
		"ami/feed.xml",
		"ami/modele.csv",
		"pays/ci/echeances.ics", "pays/ci/feed.xml",
		"pays/fr/echeances.ics", "pays/fr/feed.xml",
		"pays/ma/echeances.ics", "pays/ma/feed.xml",
		"pays/sn/echeances.ics", "pays/sn/feed.xml",
		"pays/tn/echeances.ics", "pays/tn/feed.xml",
		"secteurs/eau-assainissement/echeances.ics", "secteurs/eau-assainissement/feed.xml",
		"secteurs/energie/echeances.ics", "secteurs/energie/feed.xml",
		"secteurs/numerique-telecoms/echeances.ics", "secteurs/numerique-telecoms/feed.xml",
		"secteurs/sante/echeances.ics", "secteurs/sante/feed.xml",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Files paths:\n got %q\nwant %q", got, want)
	}
}

// TestFilesEmpty checks an empty catalogue: empty feeds and calendars, exports with no
// rows, every file still well-formed.
func TestFilesEmpty(t *testing.T) {
	s := newSite("Vide", testSecs, nil, buildDate)
	out := files(t, s)
	if len(out) != 5+2*len(testSecs) {
		t.Errorf("%d files, want %d", len(out), 5+2*len(testSecs))
	}
	checkFeed(t, "ami/feed.xml", "ami/", out["ami/feed.xml"], nil, s)
	checkCalendar(t, "ami/echeances.ics", out["ami/echeances.ics"], nil, s)
	if rows := readCSV(t, out["ami/amis.csv"]); len(rows) != 0 {
		t.Errorf("amis.csv: %d rows", len(rows))
	}
}

func TestFilesDeterministic(t *testing.T) {
	t.Run("small", func(t *testing.T) { deterministic(t, testSite) })
	// Enough AMIs for the fragments to be rendered by several goroutines.
	t.Run("parallel", func(t *testing.T) { deterministic(t, func() *site.Site { return benchSite(500) }) })
}

func deterministic(t *testing.T, model func() *site.Site) {
	a, b := Files(model()), Files(model())
	if len(a) != len(b) {
		t.Fatalf("two calls gave %d and %d files", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s: two calls on the same model gave different bytes", a[i].Path)
		}
	}
}

// TestFilesBaseURL checks that a relative base URL (site.yaml without base_url) still
// gives absolute IRIs.
func TestFilesBaseURL(t *testing.T) {
	s := testSite()
	s.Config.BaseURL = "/"
	out := files(t, s)
	if !bytes.Contains(out["ami/feed.xml"], []byte("<id>http://localhost/ami/feed.xml</id>")) {
		t.Errorf("relative base URL: feed id is not absolute:\n%s", out["ami/feed.xml"])
	}
	if !bytes.Contains(out["ami/echeances.ics"], []byte("UID:AMI-2026-001@localhost\r\n")) {
		t.Errorf("relative base URL: UID not on localhost")
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Côte d'Ivoire", "Côte d'Ivoire"},
		{"crlf", "a\r\nb\rc\nd", "a\nb\nc\nd"},
		{"controls", "a\x00b\x1bc\x7fd\u0085e\tf", "abcde\tf"},
		{"invalid utf8", "a\xffb\xc3", "ab"},
		{"non-characters", "a\ufffeb\uffffc", "abc"},
		{"astral", "a😀b", "a😀b"},
		{"nbsp kept", "40\u202f000\u00a0€", "40\u202f000\u00a0€"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clean(tt.in); got != tt.want {
				t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// benchSite is a catalogue of n synthetic AMIs in 40 countries and 15 sectors, half open.
func benchSite(n int) *site.Site {
	codes := []string{"SN", "CI", "MA", "TN", "DZ", "EG", "KE", "NG", "GH", "CM", "GA", "CD", "BJ", "BF", "ML",
		"NE", "TG", "MG", "MU", "ZA", "VN", "IN", "ID", "TH", "PH", "CN", "JP", "KR", "AE", "SA",
		"QA", "BR", "MX", "CO", "PE", "CL", "AR", "CA", "US", "DE"}
	var secs []data.Sector
	for i := range 15 {
		secs = append(secs, data.Sector{Slug: fmt.Sprintf("secteur-%02d", i), Name: fmt.Sprintf("Secteur %02d", i),
			CPV: []string{"09000000-3", "45000000-7", "71000000-8"}})
	}
	amis := make([]*data.AMI, n)
	for i := range amis {
		pub := day("2025-06-01").AddDate(0, 0, i%300)
		a := &data.AMI{
			ID:        fmt.Sprintf("AMI-2026-%05d", i),
			Title:     fmt.Sprintf("Projet n°%d : réseaux, « stations » & <équipements> ; lot %d", i, i%7),
			Issuer:    fmt.Sprintf("Groupe %d", i%97),
			Countries: []string{codes[i%40], codes[(i*7+3)%40]},
			Sectors:   []string{secs[i%15].Slug},
			Published: pub,
			Deadline:  pub.AddDate(0, 0, 20+i%200),
			Summary:   strings.Repeat("Le groupe cherche des PME partenaires, avec références ; ", 3),
			Budget:    &data.Budget{Amount: int64(10000 * (i%50 + 1)), Currency: "EUR"},
			Contact:   data.Contact{Name: "Contact", Email: "c@groupe.example"},
		}
		if i%5 == 0 {
			a.Updated = pub.AddDate(0, 0, 3)
		}
		amis[i] = a
	}
	return newSite("Guide", secs, withSlugs(amis), time.Date(2026, 1, 15, 8, 0, 0, 0, time.UTC))
}

func BenchmarkFiles(b *testing.B) {
	s := benchSite(10000)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		size = 0
		for _, f := range Files(s) {
			size += len(f.Data)
		}
	}
	b.ReportMetric(float64(size)/1e6, "MB/build")
}

// FuzzIsClean: isClean agrees with a check of every rune.
func FuzzIsClean(f *testing.F) {
	for _, s := range []string{"", "Côte d'Ivoire", "a\r\nb", "a\x00b\x1bc\x7fd\u0085e\tf", "a\xffb\xc3", "a\ufffeb\uffffc",
		"a😀b", "\ufffd", "\xed\xa0\x80", "\xc2", "\xef\xbf", "\xc2\x9f", "\xc2\xa0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := true
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && n == 1) || !allowed(r) {
				want = false
			}
			i += n
		}
		if got := isClean(s); got != want {
			t.Errorf("isClean(%q) = %v, want %v", s, got, want)
		}
	})
}

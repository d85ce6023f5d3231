package search

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// loadBenchCorpus reads a corpus written by ../shared/bench/gencorpus.py (its coexport/
// layout) into Docs, the way the site model would: front matter, body split at ## and ###,
// markdown markup stripped, a hub per country and sector. The build date is the bench's, 2026-11-25.
func loadBenchCorpus(tb testing.TB, dir string) ([]Doc, Config) {
	tb.Helper()
	content := filepath.Join(dir, "content")
	var site struct {
		Sectors []struct{ Slug, Name string }
	}
	readYAML(tb, filepath.Join(content, "site.yaml"), &site)
	cfg := Config{
		Synonyms: [][]string{
			{"pme", "sme", "petite et moyenne entreprise"},
			{"eti", "entreprise de taille intermédiaire"},
			{"ami", "appel à manifestation d'intérêt"},
			{"vie", "volontariat international en entreprise"},
		},
		CountryNames: benchCountries,
		SectorNames:  map[string]string{},
	}
	for _, s := range site.Sectors {
		cfg.SectorNames[s.Slug] = s.Name
	}
	var docs []Doc
	for _, kind := range []struct{ dir, typ, url string }{{"guide", "chapitre", "guide/"}, {"cas", "cas", "cas/"}} {
		files, _ := filepath.Glob(filepath.Join(content, kind.dir, "*.md"))
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			parts := strings.SplitN(string(b), "---\n", 3)
			var fm struct {
				Title, Summary     string
				Countries, Sectors []string
			}
			if err := yaml.Unmarshal([]byte(parts[1]), &fm); err != nil {
				tb.Fatal(f, err)
			}
			slug := strings.TrimSuffix(filepath.Base(f), ".md")
			if kind.typ == "chapitre" {
				slug = strings.TrimLeft(slug, "0123456789-")
			}
			docs = append(docs, Doc{URL: kind.url + slug + "/", Type: kind.typ, Title: fm.Title, Summary: fm.Summary,
				Sections: splitSections(parts[2]), Countries: fm.Countries, Sectors: fm.Sectors})
		}
	}
	var amis []struct {
		ID, Title, Issuer, Summary, Description string
		Countries, Sectors                      []string
		Deadline                                string
	}
	readYAML(tb, filepath.Join(content, "amis.yaml"), &amis)
	for _, a := range amis {
		docs = append(docs, Doc{URL: "ami/" + strings.ToLower(a.ID) + "/", Type: "ami", Title: a.Title, Summary: a.Summary,
			Sections: splitSections(a.Description), Countries: a.Countries, Sectors: a.Sectors, Issuer: a.Issuer,
			Deadline: a.Deadline, Open: a.Deadline >= "2026-11-25"})
	}
	return append(docs, hubDocs(docs, cfg)...), cfg
}

func readYAML(tb testing.TB, path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		tb.Fatal(path, err)
	}
}

func splitSections(md string) []Section {
	secs := []Section{{}}
	var text bytes.Buffer
	for _, line := range strings.Split(md, "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok || strings.HasPrefix(line, "### ") {
			if !ok {
				h = strings.TrimPrefix(line, "### ")
			}
			secs[len(secs)-1].Text = strings.TrimSpace(text.String())
			text.Reset()
			secs = append(secs, Section{Heading: h, Anchor: benchSlug(h)})
			continue
		}
		line = strings.TrimLeft(line, "-0123456789. ")
		line = strings.NewReplacer("**", "", "|", " ", "\u00a0", " ").Replace(line)
		for {
			i := strings.Index(line, "](")
			j := strings.Index(line, "[")
			if i < 0 || j < 0 || j > i {
				break
			}
			k := strings.Index(line[i:], ")")
			if k < 0 {
				break
			}
			line = line[:j] + line[j+1:i] + line[i+k+1:]
		}
		if strings.TrimSpace(line) != "" {
			text.WriteString(line)
			text.WriteString("\n")
		}
	}
	secs[len(secs)-1].Text = strings.TrimSpace(text.String())
	if secs[0].Text == "" && len(secs) > 1 {
		secs = secs[1:]
	}
	return secs
}

func benchSlug(s string) string {
	var b strings.Builder
	dash := false
	scanWordsRaw(s, func(w []byte) {
		if dash {
			b.WriteByte('-')
		}
		b.Write(w)
		dash = true
	})
	return b.String()
}

// scanWordsRaw calls fn with each folded word, stop words included.
func scanWordsRaw(s string, fn func([]byte)) {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r >= 0xC0 && r < 0x180)
	}) {
		var b []byte
		for _, r := range f {
			switch {
			case r < 0x80:
				b = append(b, byte(r)|0x20)
			default:
				b = append(b, foldLatin[r-0xC0])
			}
		}
		fn(b)
	}
}

var benchCountries = map[string]string{
	"SN": "Sénégal", "CI": "Côte d'Ivoire", "MA": "Maroc", "TN": "Tunisie", "DZ": "Algérie", "CM": "Cameroun",
	"GA": "Gabon", "BJ": "Bénin", "TG": "Togo", "BF": "Burkina Faso", "ML": "Mali", "NE": "Niger", "GN": "Guinée",
	"MG": "Madagascar", "MU": "Maurice", "CD": "République démocratique du Congo", "CG": "Congo", "KE": "Kenya",
	"NG": "Nigéria", "GH": "Ghana", "ET": "Éthiopie", "EG": "Égypte", "ZA": "Afrique du Sud", "RW": "Rwanda",
	"TZ": "Tanzanie", "VN": "Viêt Nam", "KH": "Cambodge", "IN": "Inde", "ID": "Indonésie", "BR": "Brésil",
	"MX": "Mexique", "CO": "Colombie", "PE": "Pérou", "CL": "Chili", "CA": "Canada", "AE": "Émirats arabes unis",
	"SA": "Arabie saoudite", "QA": "Qatar", "TR": "Turquie", "PL": "Pologne",
}

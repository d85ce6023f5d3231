// Package country names the countries of ISO 3166-1 in French, for the guide's
// text and for the AMI catalogue's country fields.
//
// The model is a curated table, countries.tsv, embedded in the binary: for each
// alpha-2 code, the French name without article, the article (le, la, l', les,
// or none) and the locative phrase ("au Sénégal", "en Côte d'Ivoire", "aux
// Émirats arabes unis", "à Madagascar"). The names of golang.org/x/text's
// display package are too old and carry no article, so they serve only as a
// cross-check in the tests; codes are still validated with
// golang.org/x/text/language, and the tests keep the table and x/text's list of
// countries in step.
//
// The package sits beside the pipeline: data and site are meant to call Lookup
// to validate and name the countries of AMIs and case studies, and to sort
// country labels with SortCodes or All, which follow French collation
// ("Égypte" sorts with E).
package country

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

//go:embed countries.tsv
var countriesTSV []byte

// Country is one country as the guide names it in French.
type Country struct {
	// Code is the upper-case ISO 3166-1 alpha-2 code, such as "SN".
	Code string
	// Name is the French name without article, such as "Sénégal" or
	// "Côte d'Ivoire", with an ASCII apostrophe.
	Name string
	// Article is the definite article the name takes in running text: "le",
	// "la", "l'", "les", or "" for names used without article ("Madagascar").
	Article string
	// In is the locative phrase: "au Sénégal", "en Côte d'Ivoire",
	// "aux Émirats arabes unis", "à Madagascar".
	In string
}

// WithArticle returns the name preceded by its article, as in running text:
// "le Sénégal", "la Côte d'Ivoire", "l'Inde", "les Émirats arabes unis",
// "les îles Cook", or the bare name when it takes no article ("Madagascar").
func (c Country) WithArticle() string {
	switch c.Article {
	case "":
		return c.Name
	case "l'":
		return "l'" + c.runningName()
	default:
		return c.Article + " " + c.runningName()
	}
}

// Of returns the name introduced by "de", contracted with the article:
// "du Sénégal", "de la Côte d'Ivoire", "de l'Inde", "des Émirats arabes unis",
// "de Madagascar", and with elision before a vowel sound when the name takes
// no article: "d'Israël", "d'Oman", "d'Haïti".
func (c Country) Of() string {
	switch c.Article {
	case "le":
		return "du " + c.runningName()
	case "la":
		return "de la " + c.runningName()
	case "l'":
		return "de l'" + c.runningName()
	case "les":
		return "des " + c.runningName()
	}
	if elides(c.Name) {
		return "d'" + c.Name
	}
	return "de " + c.Name
}

// runningName returns the name as written after an article: the generic
// "Île"/"Îles" that opens a name in a list is lower case in running text
// ("les îles Cook", "l'île de Man").
func (c Country) runningName() string {
	for _, generic := range []string{"Îles ", "Île "} {
		if rest, ok := strings.CutPrefix(c.Name, generic); ok {
			return strings.ToLower(generic) + rest
		}
	}
	return c.Name
}

// mutedH lists the article-less names whose initial h is mute, so that "de"
// elides before them. The other names in H take an aspirated h ("de Hong Kong").
var mutedH = map[string]bool{"Haïti": true}

// elides reports whether "de" becomes "d'" before name: an initial vowel or a
// mute h. Y counts as a consonant in country names ("le Yémen").
func elides(name string) bool {
	if mutedH[name] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(name)
	return strings.ContainsRune("AEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜ", r)
}

// table is the parsed countries.tsv.
type table struct {
	byCode map[string]Country
	// sorted holds the countries in French collation order of their names.
	sorted []Country
	// rank is each code's position in sorted.
	rank map[string]int
}

// loadTable parses the embedded file once. A corrupt file is a programming
// error that TestEmbeddedTable catches, hence the panic.
var loadTable = sync.OnceValue(func() *table {
	countries, err := parse(countriesTSV)
	if err != nil {
		panic("country: corrupt embedded countries.tsv: " + err.Error())
	}
	return newTable(countries)
})

// newTable indexes countries by code and sorts them by French name. The
// collator is created, used and dropped here, under loadTable's once: a
// collate.Collator is not safe for concurrent use, and afterwards sorting
// needs only the precomputed ranks.
func newTable(countries []Country) *table {
	t := &table{
		byCode: make(map[string]Country, len(countries)),
		sorted: slices.Clone(countries),
		rank:   make(map[string]int, len(countries)),
	}
	for _, c := range countries {
		t.byCode[c.Code] = c
	}
	coll := collate.New(language.French)
	slices.SortStableFunc(t.sorted, func(a, b Country) int {
		if n := coll.CompareString(a.Name, b.Name); n != 0 {
			return n
		}
		return strings.Compare(a.Code, b.Code)
	})
	for i, c := range t.sorted {
		t.rank[c.Code] = i
	}
	return t
}

// header is the first line of countries.tsv after any # comments.
const header = "code\tname\tarticle\tin"

// parse reads the TSV table: optional # comment lines, the header, then one
// line per country with four tab-separated fields, strictly sorted by code.
// Errors name the line.
func parse(data []byte) ([]Country, error) {
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	i := 0
	for i < len(lines) && strings.HasPrefix(lines[i], "#") {
		i++
	}
	if i == len(lines) || lines[i] != header {
		return nil, fmt.Errorf("line %d: want header %q", i+1, header)
	}
	var countries []Country
	for n, line := range lines[i+1:] {
		lineNo := i + 2 + n
		c, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", lineNo, err)
		}
		if k := len(countries); k > 0 && c.Code <= countries[k-1].Code {
			return nil, fmt.Errorf("line %d: code %s after %s: codes must be unique and sorted", lineNo, c.Code, countries[k-1].Code)
		}
		countries = append(countries, c)
	}
	if len(countries) == 0 {
		return nil, fmt.Errorf("no countries")
	}
	return countries, nil
}

// parseLine reads and checks one data line.
func parseLine(line string) (Country, error) {
	f := strings.Split(line, "\t")
	if len(f) != 4 {
		return Country{}, fmt.Errorf("%d fields, want 4 (code, name, article, in)", len(f))
	}
	c := Country{Code: f[0], Name: f[1], Article: f[2], In: f[3]}
	if !isAlpha2(c.Code) {
		return Country{}, fmt.Errorf("code %q is not two upper-case letters", c.Code)
	}
	switch c.Article {
	case "", "le", "la", "l'", "les":
	default:
		return Country{}, fmt.Errorf("%s: article %q is not le, la, l', les or empty", c.Code, c.Article)
	}
	for _, field := range []struct{ name, value string }{{"name", c.Name}, {"in", c.In}} {
		switch {
		case field.value == "":
			return Country{}, fmt.Errorf("%s: empty %s", c.Code, field.name)
		case field.value != strings.TrimSpace(field.value) || strings.Contains(field.value, "  "):
			return Country{}, fmt.Errorf("%s: stray spaces in %s %q", c.Code, field.name, field.value)
		case strings.ContainsRune(field.value, '’'):
			return Country{}, fmt.Errorf("%s: typographic apostrophe in %s %q, want ASCII '", c.Code, field.name, field.value)
		}
	}
	return c, nil
}

// isAlpha2 reports whether s is two ASCII upper-case letters.
func isAlpha2(s string) bool {
	return len(s) == 2 && 'A' <= s[0] && s[0] <= 'Z' && 'A' <= s[1] && s[1] <= 'Z'
}

// Lookup returns the country with the alpha-2 code, in any case ("sn", "SN").
// The code must be two ASCII letters that golang.org/x/text/language accepts
// as a country (which rejects groupings such as "EU" and unknown codes such as
// "ZZ") and that the curated table lists. Codes x/text still accepts but
// ISO 3166-1 has withdrawn or only reserves ("UK", "SU", "DD", "EZ", "UN") are
// not in the table and are rejected, as are alpha-3 and numeric codes.
func Lookup(code string) (Country, bool) {
	if len(code) != 2 {
		return Country{}, false
	}
	code = strings.ToUpper(code)
	if !isAlpha2(code) {
		return Country{}, false
	}
	r, err := language.ParseRegion(code)
	if err != nil || !r.IsCountry() {
		return Country{}, false
	}
	c, ok := loadTable().byCode[code]
	return c, ok
}

// All returns every country of the table, sorted by French name with French
// collation. The slice is the caller's to modify.
func All() []Country {
	return slices.Clone(loadTable().sorted)
}

// SortCodes sorts upper-case alpha-2 codes in place by the French collation of
// their countries' names: ["ES", "AE", "EG"] becomes ["EG", "AE", "ES"]
// (Égypte, Émirats arabes unis, Espagne). Codes not in the table sort last, by
// code. Lower-case codes are ranked as their upper-case forms and left as
// they are.
func SortCodes(codes []string) {
	rank := loadTable().rank
	slices.SortStableFunc(codes, func(a, b string) int {
		ra, okA := rank[strings.ToUpper(a)]
		rb, okB := rank[strings.ToUpper(b)]
		switch {
		case okA && okB:
			return ra - rb
		case okA:
			return -1
		case okB:
			return 1
		}
		return strings.Compare(a, b)
	})
}

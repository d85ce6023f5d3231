package country

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// notISO lists the region codes that x/text accepts as countries
// (ParseRegion succeeds, IsCountry is true) but that are not officially
// assigned ISO 3166-1 countries, so countries.tsv leaves them out and Lookup
// rejects them. Every other x/text country must have a line in the table.
var notISO = map[string]string{
	// Exceptionally reserved codes and groupings.
	"AC": "reserved: Ascension (part of SH)",
	"CP": "reserved: Clipperton",
	"CQ": "reserved: Sark (part of GG)",
	"DG": "reserved: Diego Garcia (part of IO)",
	"EA": "reserved: Ceuta and Melilla (part of ES)",
	"EZ": "reserved: eurozone",
	"FX": "reserved: metropolitan France (use FR)",
	"IC": "reserved: Canary Islands (part of ES)",
	"TA": "reserved: Tristan da Cunha (part of SH)",
	"UK": "reserved: United Kingdom (use GB)",
	"UN": "reserved: United Nations",
	// Codes withdrawn from ISO 3166-1.
	"AN": "withdrawn: Netherlands Antilles (now BQ, CW, SX)",
	"BU": "withdrawn: Burma (now MM)",
	"CS": "withdrawn: Serbia and Montenegro (now RS, ME)",
	"CT": "withdrawn: Canton and Enderbury Islands (now KI)",
	"DD": "withdrawn: German Democratic Republic (now DE)",
	"DY": "withdrawn: Dahomey (now BJ)",
	"FQ": "withdrawn: French Southern and Antarctic Territories (now AQ, TF)",
	"HV": "withdrawn: Upper Volta (now BF)",
	"JT": "withdrawn: Johnston Island (now UM)",
	"MI": "withdrawn: Midway Islands (now UM)",
	"NH": "withdrawn: New Hebrides (now VU)",
	"NQ": "withdrawn: Dronning Maud Land (now AQ)",
	"NT": "withdrawn: Neutral Zone (now IQ, SA)",
	"PC": "withdrawn: Pacific Islands Trust Territory (now FM, MH, MP, PW)",
	"PU": "withdrawn: US Miscellaneous Pacific Islands (now UM)",
	"PZ": "withdrawn: Panama Canal Zone (now PA)",
	"RH": "withdrawn: Southern Rhodesia (now ZW)",
	"SU": "withdrawn: USSR",
	"TP": "withdrawn: East Timor (now TL)",
	"VD": "withdrawn: North Vietnam (now VN)",
	"WK": "withdrawn: Wake Island (now UM)",
	"YD": "withdrawn: South Yemen (now YE)",
	"YU": "withdrawn: Yugoslavia",
	"ZR": "withdrawn: Zaire (now CD)",
}

// xtextCountries returns every two-letter code from AA to ZZ that x/text
// accepts as a country, in order.
func xtextCountries() []string {
	var codes []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			if r, err := language.ParseRegion(code); err == nil && r.IsCountry() {
				codes = append(codes, code)
			}
		}
	}
	return codes
}

func TestEmbeddedTable(t *testing.T) {
	countries, err := parse(countriesTSV)
	if err != nil {
		t.Fatalf("parse(countries.tsv): %v", err)
	}
	seen := map[string]bool{}
	for _, c := range countries {
		if seen[c.Code] {
			t.Errorf("duplicate code %s", c.Code)
		}
		seen[c.Code] = true
	}
	if got := len(All()); got != len(countries) {
		t.Errorf("len(All()) = %d, want %d", got, len(countries))
	}
}

// TestTableMatchesXText checks that every x/text country has exactly one line
// in countries.tsv, unless notISO explains why not, and that every line is an
// x/text country.
func TestTableMatchesXText(t *testing.T) {
	countries, err := parse(countriesTSV)
	if err != nil {
		t.Fatal(err)
	}
	inTable := map[string]bool{}
	for _, c := range countries {
		inTable[c.Code] = true
	}
	inXText := map[string]bool{}
	for _, code := range xtextCountries() {
		inXText[code] = true
	}
	all := map[string]bool{}
	for _, m := range []map[string]bool{inTable, inXText} {
		for code := range m {
			all[code] = true
		}
	}
	for code := range notISO {
		all[code] = true
	}
	var diffs []string
	for _, code := range slices.Sorted(maps.Keys(all)) {
		_, excluded := notISO[code]
		ok := inXText[code] && inTable[code] != excluded
		if !ok {
			diffs = append(diffs, fmt.Sprintf("%s\t%-6v\t%-6v\t%v", code, inXText[code], inTable[code], excluded))
		}
	}
	if len(diffs) > 0 {
		t.Errorf("countries.tsv and x/text disagree on %d codes:\ncode\tx/text\ttable\tnotISO\n%s",
			len(diffs), strings.Join(diffs, "\n"))
	}
}

// inExceptions are the locatives that DOMAIN.md §4's rules do not give.
var inExceptions = map[string]string{
	"IL": "en Israël",
	"HT": "en Haïti", // the usual form; "à Haïti" is also correct
	// Small islands with an article keep "à la".
	"BB": "à la Barbade",
	"DM": "à la Dominique",
	"GD": "à la Grenade",
}

// ruleIn returns the locative that DOMAIN.md §4's rules give for c.
func ruleIn(c Country) string {
	switch c.Article {
	case "le":
		return "au " + c.runningName()
	case "les":
		return "aux " + c.runningName()
	case "la":
		return "en " + c.Name
	case "l'":
		if strings.HasPrefix(c.Name, "Île ") {
			return "à " + c.WithArticle() // à l'île de Man
		}
		return "en " + c.Name
	}
	return "à " + c.Name
}

func TestArticleAndIn(t *testing.T) {
	for _, c := range All() {
		want, ok := inExceptions[c.Code]
		if !ok {
			want = ruleIn(c)
		}
		if c.In != want {
			t.Errorf("%s (%s, article %q): in = %q, want %q", c.Code, c.Name, c.Article, c.In, want)
		}
		switch vowel := elides(c.Name); {
		case (c.Article == "le" || c.Article == "la") && vowel:
			t.Errorf("%s: %s %s: want l' before a vowel", c.Code, c.Article, c.Name)
		case c.Article == "l'" && !vowel && !strings.HasPrefix(c.Name, "H"):
			t.Errorf("%s: l'%s: want le or la before a consonant", c.Code, c.Name)
		}
		if strings.HasPrefix(c.In, "au ") != (c.Article == "le") {
			t.Errorf("%s: in %q, article %q: want \"au \" exactly with le", c.Code, c.In, c.Article)
		}
		if strings.HasPrefix(c.In, "aux ") != (c.Article == "les") {
			t.Errorf("%s: in %q, article %q: want \"aux \" exactly with les", c.Code, c.In, c.Article)
		}
	}
	for code := range inExceptions {
		if _, ok := Lookup(code); !ok {
			t.Errorf("inExceptions has %s, which is not in the table", code)
		}
	}
}

// fold reduces a name to lower-case letters and digits without accents, so
// that "Côte d’Ivoire" and "Côte d'Ivoire", or "Vietnam" and "Viêt Nam", match.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	s, _, _ = transform.String(t, s)
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestCrossCheckXTextNames compares the curated names with x/text's French
// names. x/text's data is old (Swaziland, Macédoine), so differences are only
// logged; many of them point to a shifted column or a wrong code.
func TestCrossCheckXTextNames(t *testing.T) {
	names := display.French.Regions()
	countries := All()
	var diffs []string
	for _, c := range countries {
		x := names.Name(language.MustParseRegion(c.Code))
		if fold(x) != fold(c.Name) {
			diffs = append(diffs, fmt.Sprintf("%s\t%s\t%s", c.Code, c.Name, x))
		}
	}
	slices.Sort(diffs)
	t.Logf("%d of %d names differ from x/text's:\ncode\ttable\tx/text\n%s", len(diffs), len(countries), strings.Join(diffs, "\n"))
	if 4*len(diffs) > len(countries) {
		t.Errorf("%d of %d names differ from x/text's French names: more than 25 %%, is a column shifted?", len(diffs), len(countries))
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		code     string
		wantName string // "" means not found
	}{
		{"SN", "Sénégal"},
		{"sn", "Sénégal"},
		{"sN", "Sénégal"},
		{"CI", "Côte d'Ivoire"},
		{"GB", "Royaume-Uni"},
		{"XK", "Kosovo"},
		{"EU", ""},
		{"ZZ", ""},
		{"UK", ""},
		{"SU", ""},
		{"EZ", ""},
		{"UN", ""},
		{"AA", ""},
		{"QO", ""},
		{"", ""},
		{"S", ""},
		{"SNN", ""},
		{"SEN", ""},
		{"686", ""},
		{"S1", ""},
		{"S ", ""},
		{"é", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			c, ok := Lookup(tt.code)
			if ok != (tt.wantName != "") || c.Name != tt.wantName {
				t.Errorf("Lookup(%q) = %q, %v, want %q, %v", tt.code, c.Name, ok, tt.wantName, tt.wantName != "")
			}
			if ok && c.Code != strings.ToUpper(tt.code) {
				t.Errorf("Lookup(%q).Code = %q, want %q", tt.code, c.Code, strings.ToUpper(tt.code))
			}
		})
	}
}

func TestLookupEveryCountry(t *testing.T) {
	for _, c := range All() {
		got, ok := Lookup(strings.ToLower(c.Code))
		if !ok || got != c {
			t.Errorf("Lookup(%q) = %+v, %v, want %+v, true", strings.ToLower(c.Code), got, ok, c)
		}
	}
}

// forms gives the expected phrases of some countries, chosen for their
// article, gender, initial vowel or h, and the exceptions of DOMAIN.md §4.
var forms = []struct {
	code, withArticle, of, in string
}{
	{"SN", "le Sénégal", "du Sénégal", "au Sénégal"},
	{"CI", "la Côte d'Ivoire", "de la Côte d'Ivoire", "en Côte d'Ivoire"},
	{"IN", "l'Inde", "de l'Inde", "en Inde"},
	{"IR", "l'Iran", "de l'Iran", "en Iran"},
	{"AF", "l'Afghanistan", "de l'Afghanistan", "en Afghanistan"},
	{"AE", "les Émirats arabes unis", "des Émirats arabes unis", "aux Émirats arabes unis"},
	{"US", "les États-Unis", "des États-Unis", "aux États-Unis"},
	{"NL", "les Pays-Bas", "des Pays-Bas", "aux Pays-Bas"},
	{"GB", "le Royaume-Uni", "du Royaume-Uni", "au Royaume-Uni"},
	{"MG", "Madagascar", "de Madagascar", "à Madagascar"},
	{"SG", "Singapour", "de Singapour", "à Singapour"},
	{"MT", "Malte", "de Malte", "à Malte"},
	{"CU", "Cuba", "de Cuba", "à Cuba"},
	{"IL", "Israël", "d'Israël", "en Israël"},
	{"OM", "Oman", "d'Oman", "à Oman"},
	{"HT", "Haïti", "d'Haïti", "en Haïti"},
	{"HK", "Hong Kong", "de Hong Kong", "à Hong Kong"},
	{"MX", "le Mexique", "du Mexique", "au Mexique"},
	{"KH", "le Cambodge", "du Cambodge", "au Cambodge"},
	{"MZ", "le Mozambique", "du Mozambique", "au Mozambique"},
	{"ZW", "le Zimbabwe", "du Zimbabwe", "au Zimbabwe"},
	{"YE", "le Yémen", "du Yémen", "au Yémen"},
	{"HN", "le Honduras", "du Honduras", "au Honduras"},
	{"SZ", "l'Eswatini", "de l'Eswatini", "en Eswatini"},
	{"MK", "la Macédoine du Nord", "de la Macédoine du Nord", "en Macédoine du Nord"},
	{"CD", "la République démocratique du Congo", "de la République démocratique du Congo", "en République démocratique du Congo"},
	{"CG", "le Congo", "du Congo", "au Congo"},
	{"CZ", "la Tchéquie", "de la Tchéquie", "en Tchéquie"},
	{"VN", "le Viêt Nam", "du Viêt Nam", "au Viêt Nam"},
	{"KR", "la Corée du Sud", "de la Corée du Sud", "en Corée du Sud"},
	{"KP", "la Corée du Nord", "de la Corée du Nord", "en Corée du Nord"},
	{"CK", "les îles Cook", "des îles Cook", "aux îles Cook"},
	{"IM", "l'île de Man", "de l'île de Man", "à l'île de Man"},
	{"RE", "La Réunion", "de La Réunion", "à La Réunion"},
	{"BB", "la Barbade", "de la Barbade", "à la Barbade"},
	{"AW", "Aruba", "d'Aruba", "à Aruba"},
}

func TestWithArticle(t *testing.T) {
	for _, tt := range forms {
		t.Run(tt.code, func(t *testing.T) {
			c := mustLookup(t, tt.code)
			if got := c.WithArticle(); got != tt.withArticle {
				t.Errorf("WithArticle(%s) = %q, want %q", tt.code, got, tt.withArticle)
			}
		})
	}
}

func TestOf(t *testing.T) {
	for _, tt := range forms {
		t.Run(tt.code, func(t *testing.T) {
			c := mustLookup(t, tt.code)
			if got := c.Of(); got != tt.of {
				t.Errorf("Of(%s) = %q, want %q", tt.code, got, tt.of)
			}
		})
	}
}

func TestIn(t *testing.T) {
	for _, tt := range forms {
		t.Run(tt.code, func(t *testing.T) {
			c := mustLookup(t, tt.code)
			if c.In != tt.in {
				t.Errorf("%s.In = %q, want %q", tt.code, c.In, tt.in)
			}
		})
	}
}

func mustLookup(t *testing.T, code string) Country {
	t.Helper()
	c, ok := Lookup(code)
	if !ok {
		t.Fatalf("Lookup(%q) failed", code)
	}
	return c
}

func TestAllOrder(t *testing.T) {
	// Each name must come before the next one in All.
	ordered := []string{
		"Afrique du Sud", "Albanie", "Allemagne", "Andorre",
		"Dominique", "Égypte", "Émirats arabes unis", "Équateur", "Érythrée", "Espagne", "Estonie", "Eswatini", "États-Unis", "Éthiopie",
		"Fidji", "Finlande", "France",
		"Haïti", "Honduras", "Hong Kong", "Hongrie", "Île Bouvet", "Îles Cook", "Inde",
		"Oman", "Ouganda", "Ouzbékistan",
		"Zambie", "Zimbabwe",
	}
	pos := map[string]int{}
	all := All()
	for i, c := range all {
		pos[c.Name] = i
	}
	for i := 1; i < len(ordered); i++ {
		a, b := ordered[i-1], ordered[i]
		pa, okA := pos[a]
		pb, okB := pos[b]
		if !okA || !okB {
			t.Fatalf("All lacks %q or %q", a, b)
		}
		if pa >= pb {
			t.Errorf("All puts %q (%d) after %q (%d)", a, pa, b, pb)
		}
	}
	if all[0].Name != "Afghanistan" || all[len(all)-1].Name != "Zimbabwe" {
		t.Errorf("All runs from %q to %q, want Afghanistan to Zimbabwe", all[0].Name, all[len(all)-1].Name)
	}
	all[0].Name = "changed"
	if All()[0].Name == "changed" {
		t.Error("All returns shared storage")
	}
}

func TestSortCodes(t *testing.T) {
	tests := []struct {
		name     string
		in, want []string
	}{
		{"accents", []string{"ES", "ET", "AE", "EC", "EG", "US"}, []string{"EG", "AE", "EC", "ES", "US", "ET"}},
		{"islands", []string{"IN", "CK", "HK", "IM"}, []string{"HK", "IM", "CK", "IN"}},
		{"unknown last by code", []string{"ZZ", "FR", "UK", "DE"}, []string{"DE", "FR", "UK", "ZZ"}},
		{"lower case ranked", []string{"fr", "DE"}, []string{"DE", "fr"}},
		{"empty", []string{}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.in)
			SortCodes(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("SortCodes(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSortCodesConcurrent(t *testing.T) {
	done := make(chan []string)
	for range 8 {
		go func() {
			codes := []string{"US", "EG", "FR", "AE", "DE"}
			SortCodes(codes)
			done <- codes
		}()
	}
	want := []string{"DE", "EG", "AE", "US", "FR"}
	for range 8 {
		if got := <-done; !slices.Equal(got, want) {
			t.Errorf("SortCodes = %q, want %q", got, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	const h = "code\tname\tarticle\tin\n"
	tests := []struct {
		name, data, want string
	}{
		{"no header", "SN\tSénégal\tle\tau Sénégal\n", "line 1: want header"},
		{"comment then no header", "# x\nSN\tSénégal\tle\tau Sénégal\n", "line 2: want header"},
		{"empty", "", "line 1: want header"},
		{"no countries", h, "no countries"},
		{"three fields", h + "SN\tSénégal\tle\n", "line 2: 3 fields"},
		{"lower-case code", h + "sn\tSénégal\tle\tau Sénégal\n", `line 2: code "sn"`},
		{"bad article", h + "SN\tSénégal\tel\tau Sénégal\n", `line 2: SN: article "el"`},
		{"empty name", h + "SN\t\tle\tau Sénégal\n", "line 2: SN: empty name"},
		{"empty in", h + "SN\tSénégal\tle\t\n", "line 2: SN: empty in"},
		{"stray space", h + "SN\tSénégal \tle\tau Sénégal\n", "line 2: SN: stray spaces in name"},
		{"typographic apostrophe", h + "CI\tCôte d’Ivoire\tla\ten Côte d’Ivoire\n", "line 2: CI: typographic apostrophe in name"},
		{"duplicate", h + "SN\tSénégal\tle\tau Sénégal\nSN\tSénégal\tle\tau Sénégal\n", "line 3: code SN after SN"},
		{"unsorted", h + "SN\tSénégal\tle\tau Sénégal\nML\tMali\tle\tau Mali\n", "line 3: code ML after SN"},
		{"blank line", h + "SN\tSénégal\tle\tau Sénégal\n\n", "line 3: 1 fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse([]byte(tt.data))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("parse(%q) error = %v, want prefix %q", tt.data, err, tt.want)
			}
		})
	}
}

func TestParseValid(t *testing.T) {
	data := "# comment\ncode\tname\tarticle\tin\nMG\tMadagascar\t\tà Madagascar\nSN\tSénégal\tle\tau Sénégal\n"
	got, err := parse([]byte(data))
	want := []Country{{"MG", "Madagascar", "", "à Madagascar"}, {"SN", "Sénégal", "le", "au Sénégal"}}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("parse(%q) = %+v, %v, want %+v, nil", data, got, err, want)
	}
}

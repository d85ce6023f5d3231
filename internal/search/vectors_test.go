package search

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/analyzer_vectors.json")

const vectorsPath = "testdata/analyzer_vectors.json"

// vectorFile is what analyzer_test.mjs checks search.js against: for each input, the folded
// words, their spans in the input and their stems; and how queries parse with synonyms.
type vectorFile struct {
	Comment  string           `json:"comment"`
	Analyze  []analyzeVector  `json:"analyze"`
	Synonyms synonymVectors   `json:"synonyms"`
	Postings []postingsVector `json:"postings"`
	Buckets  bucketVectors    `json:"buckets"`
}

// postingsVector is a posting list as encodePostings writes it, and what it holds, in
// ranking order: doc, impact and section (-1: none) of each.
type postingsVector struct {
	Name  string `json:"name"`
	Bytes []byte `json:"bytes"` // base64
	Docs  string `json:"docs"`  // "doc,impact,section" separated by spaces
}

// bucketVectors: the record bucket of each stem, out of N.
type bucketVectors struct {
	N       int            `json:"n"`
	Buckets map[string]int `json:"buckets"`
}

type analyzeVector struct {
	Name   string   `json:"name"`
	In     string   `json:"in"`
	Words  []string `json:"words"`
	Spans  []string `json:"spans"`
	Tokens []string `json:"tokens"`
}

type synonymVectors struct {
	Groups   [][]string    `json:"groups"`
	Compiled []any         `json:"compiled"` // as meta.json "y"
	Queries  []queryVector `json:"queries"`
}

type queryVector struct {
	In    string      `json:"in"`
	Terms []termJSONV `json:"terms"`
}

type termJSONV struct {
	Stem   string `json:"s"`
	Prefix string `json:"p"`
}

// analyzerCases are named inputs covering each rule of the analyzer.
var analyzerCases = []struct{ name, in string }{
	{"accents", "Énergie, élève, à côté, où, Noël, maïs, Ça, déjà"},
	{"ligatures", "Œuvre, cœur, Æther, ex æquo, straße, Ĳssel"},
	{"elision ascii apostrophe", "l'énergie d'Ivoire qu'il jusqu'à lorsqu'on s'implanter n'est c'est j'ai m'a t'a"},
	{"elision typographic apostrophe", "l’énergie d’Ivoire qu’il jusqu’à L’AMI D’ABORD ‘quote’ ʼokina"},
	{"apostrophe not elision", "aujourd'hui prud’hommes rock'n'roll l' d’ 'tis"},
	{"hyphens", "sous-traitance co-traitance Moyen-Orient savoir-faire mise-en-relation"},
	{"digits", "AMI-2026-014 B2B 3,5 % 400 millions d'euros 2e 1er K€ 7k"},
	{"stop words", "le la les de des du et ou en au aux un une pour par sur dans avec que qui est sont ont ne pas"},
	{"plurals", "marché marchés marches Marchés publics publiques internationaux eaux bureaux prix choix pays PMEs"},
	{"derivations", "financement financements financer financé financée finance financier financière financières"},
	{"export family", "exportation exportations exporter exporté exportateur exportateurs exportatrice export"},
	{"demonyms", "Sénégal sénégalais sénégalaise sénégalaises français française marocain"},
	{"endings", "énergétique énergétiques parrainage parrain porteuse acheteur acheteuse entrée réussir"},
	{"short words", "eau vie ami PME ETI VIE BTP ue ia a à y"},
	{"upper case", "FINANCEMENT DES MARCHÉS PUBLICS AU SÉNÉGAL"},
	{"combining marks", "e\u0301nergie cafe\u0301 ü"},
	{"invisible characters", "finance\u00adment sous\u200btraitance \ufeffexport"},
	{"spaces and punctuation", "«\u00a0marchés\u00a0» — énergie…\tsolaire\n(eau) [BTP] {VIE} «PME»/ETI; x+y=z"},
	{"latin extended", "Łódź Kraków İstanbul Ångström Ħamrun ŉ ſ ĸ"},
	{"non latin", "Россия 中国 العربية ελληνικά 日本 emoji 🚀 fin"},
	{"long word", "a" + strings.Repeat("b", 39) + " " + strings.Repeat("c", 41) + " ok"},
	{"empty", ""},
	{"only separators", " ,;:!? — « » ’ ' - "},
}

// queryCases parse with testSynonyms.
var queryCases = []string{
	"PME", "sme", "petites et moyennes entreprises", "parrainage PME", "parrainage pme ", "financem",
	"financement ", "marches p", "marches pu", "l'AMI eau Maroc", "ex", "ex ", "appel à manifestation d'intérêt",
	"appel à manifestation", "Sénégal énergie", "VIE", "volontariat international en entreprise export",
	"sous-traitance", "l’énergie", "sdafadsf",
}

var testSynonyms = [][]string{
	{"pme", "sme", "petite et moyenne entreprise"},
	{"eti", "entreprise de taille intermédiaire"},
	{"ami", "appel à manifestation d'intérêt"},
	{"vie", "volontariat international en entreprise"},
}

func buildVectors() vectorFile {
	v := vectorFile{Comment: "written by go test ./internal/search/ -update; checked by analyzer_test.mjs"}
	rng := rand.New(rand.NewPCG(7, 2026))
	cases := analyzerCases
	for i := 0; i < 60; i++ {
		cases = append(cases, struct{ name, in string }{"random " + strings.Repeat("0", 2-len(itoa2(i))) + itoa2(i), randomText(rng)})
	}
	for _, c := range cases {
		av := analyzeVector{Name: c.name, In: c.in, Words: []string{}, Spans: []string{}, Tokens: Analyze(c.in)}
		if av.Tokens == nil {
			av.Tokens = []string{}
		}
		var sc wordScanner
		sc.scan(c.in, func(w []byte, start, end int) {
			av.Words = append(av.Words, string(w))
			av.Spans = append(av.Spans, c.in[start:end])
		})
		v.Analyze = append(v.Analyze, av)
	}
	groups := compileSynonyms(testSynonyms)
	v.Synonyms.Groups = testSynonyms
	var syn []synGroupJSON
	for _, g := range groups {
		v.Synonyms.Compiled = append(v.Synonyms.Compiled, []any{g.Canon, g.Members})
		syn = append(syn, synGroupJSON(g))
	}
	for _, q := range queryCases {
		qv := queryVector{In: q, Terms: []termJSONV{}}
		for _, t := range parseQuery(q, syn) {
			qv.Terms = append(qv.Terms, termJSONV{t.stem, t.prefix})
		}
		v.Synonyms.Queries = append(v.Synonyms.Queries, qv)
	}
	v.Postings = postingsVectors(rng)
	v.Buckets = bucketVectors{N: 977, Buckets: map[string]int{}}
	for _, stem := range []string{"a", "pme", "financ", "march", "public", "senegal", "energ", "export", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"} {
		v.Buckets.Buckets[stem] = bucketOf(stem, v.Buckets.N)
	}
	return v
}

// postingsVectors are posting lists that take every branch of the decoder: one segment or
// many, sections or none, tiny gaps, and a gap whose Rice code is hundreds of zeros long.
func postingsVectors(rng *rand.Rand) []postingsVector {
	vector := func(name string, p []posting, withSections bool) postingsVector {
		ranked := byImpact(p)
		docs := make([]string, len(ranked))
		for i, x := range ranked {
			sec := -1
			if withSections {
				sec = int(x.sec)
			}
			docs[i] = fmt.Sprintf("%d,%d,%d", x.doc, x.impact, sec)
		}
		return postingsVector{Name: name, Bytes: encodePostings(ranked, withSections), Docs: strings.Join(docs, " ")}
	}
	var many, gaps []posting
	for doc := uint32(0); len(many) < 400; doc += 1 + uint32(rng.IntN(40)) {
		many = append(many, posting{doc: doc, impact: uint8(1 + rng.IntN(63)), sec: int16(rng.IntN(14) - 1)})
	}
	// runs of consecutive docs keep the segment's Rice parameter at 0, so that each gap of
	// hundreds between them is hundreds of zeros, ending at every bit offset of a byte
	for run, doc := 0, uint32(0); run < 16; run++ {
		for range 300 {
			gaps = append(gaps, posting{doc: doc, impact: 31})
			doc++
		}
		doc += 200 + uint32(run*37)
	}
	return []postingsVector{
		vector("one posting", []posting{{doc: 7, impact: 47, sec: 2}}, true),
		vector("one segment, no sections", []posting{{doc: 0, impact: 20}, {doc: 1, impact: 20}, {doc: 9, impact: 20}, {doc: 300, impact: 20}}, false),
		vector("many segments with sections", many, true),
		vector("gaps of hundreds among gaps of zero", gaps, false),
	}
}

func itoa2(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }

// randomText mixes the characters the analyzer treats differently.
func randomText(rng *rand.Rand) string {
	alphabet := []string{"a", "e", "s", "x", "r", "i", "q", "u", "l", "d", "E", "S", "Z", "0", "7", " ", " ", "-", "'", "’",
		"é", "è", "ê", "ç", "œ", "Æ", "ß", "É", "À", "ï", "ÿ", "Ÿ", "×", "\u0301", "\u00ad", "\u00a0", "«", "»", ".", ",",
		"ment", "ation", "aux", "eaux", "ais", "ier", "ique", "es", "l'", "qu’", "les ", "des ", "Ω", "中", "🚀", "\t", "\n"}
	var b strings.Builder
	for n := 3 + rng.IntN(40); n > 0; n-- {
		b.WriteString(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

func marshalVectors(v vectorFile) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// TestAnalyzerVectors keeps testdata/analyzer_vectors.json current: -update rewrites it.
func TestAnalyzerVectors(t *testing.T) {
	want := marshalVectors(buildVectors())
	if *update {
		if err := os.MkdirAll(filepath.Dir(vectorsPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(vectorsPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(vectorsPath)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/search/ -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go test ./internal/search/ -update and review its diff", vectorsPath)
	}
}

package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"coexport/internal/output"
)

func buildFixture(t *testing.T) []output.File {
	t.Helper()
	docs, cfg := fixtureDocs()
	files, err := Build(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestBuildFiles(t *testing.T) {
	files := buildFixture(t)
	if !sort.SliceIsSorted(files, func(i, j int) bool { return files[i].Path < files[j].Path }) {
		t.Error("files are not sorted by path")
	}
	for _, f := range files {
		if !strings.HasPrefix(f.Path, "recherche/index/") {
			t.Errorf("%s: outside recherche/index/", f.Path)
		}
	}
	var meta map[string]any
	if err := json.Unmarshal(newReader(t, files, fixtureBuildDate).fetch("meta.json"), &meta); err != nil {
		t.Fatal(err)
	}
	if meta["v"] != float64(formatV) {
		t.Errorf("meta v = %v, want %d", meta["v"], formatV)
	}
}

func TestBuildDeterministic(t *testing.T) {
	docs, cfg := fixtureDocs()
	a, err := Build(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(docs)
	b, err := Build(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two builds of the same docs in another order", a[i].Path)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	ok := Doc{URL: "a/", Type: "page", Title: "A"}
	tests := []struct {
		name string
		docs []Doc
		want string
	}{
		{"duplicate URL", []Doc{ok, ok}, "duplicate URL"},
		{"leading slash", []Doc{{URL: "/a/", Type: "page"}}, "site-relative"},
		{"empty type", []Doc{{URL: "a/"}}, "empty type"},
		{"bad deadline", []Doc{{URL: "a/", Type: "ami", Deadline: "15/12/2026"}}, "want YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(tt.docs, Config{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build: error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestBuildEmpty(t *testing.T) {
	files, err := Build(nil, Config{})
	if err != nil {
		t.Fatal(err)
	}
	r := newReader(t, files, fixtureBuildDate)
	if res := r.search("énergie", filters{}); res.total != 0 {
		t.Errorf("empty index: %d results", res.total)
	}
}

func urls(res searchResult) []string {
	var out []string
	for _, r := range res.results {
		out = append(out, r.url)
	}
	return out
}

func hasURL(res searchResult, prefix string) bool {
	for _, u := range urls(res) {
		if strings.HasPrefix(u, prefix) {
			return true
		}
	}
	return false
}

func TestSearchFinds(t *testing.T) {
	tests := []struct {
		name, q string
		want    []string // URL prefixes that must be among the first page
		first   string   // URL prefix of the first result, if set
	}{
		{"title words first", "marchés publics", []string{"guide/marches-publics/", "guide/preparer-export/"}, "guide/marches-publics/"},
		{"without accents, singular", "marche public", []string{"guide/marches-publics/"}, "guide/marches-publics/"},
		{"elision", "l'énergie", []string{"guide/transition-energetique/", "ami/ami-2026-0003/"}, ""},
		{"demonym", "sénégalais", []string{"cas/solaris-helios/", "ami/ami-2026-0001/"}, ""},
		{"prefix of a stem", "financ", []string{"guide/financer/", "cas/numerix-orano/", "secteurs/finance/"}, "guide/financer/"},
		{"prefix past the stem", "financem", []string{"guide/preparer-export/", "cas/numerix-orano/"}, ""},
		{"whole word", "financement", []string{"guide/preparer-export/", "cas/numerix-orano/"}, ""},
		{"synonym of the canonical form", "SME", []string{"guide/parrainage-pme/", "cas/aquatek-veolys/", "cas/solaris-helios/"}, ""},
		{"phrase synonym", "petites et moyennes entreprises", []string{"guide/parrainage-pme/", "cas/aquatek-veolys/"}, ""},
		{"country name from the facet", "Côte d'Ivoire", []string{"guide/financer/"}, ""},
		{"sector name from the facet", "services financiers", []string{"guide/financer/"}, "secteurs/finance/"},
		{"issuer", "Veolys", []string{"ami/ami-2026-0002/", "cas/aquatek-veolys/"}, ""},
		{"heading", "assurance prospection", []string{"guide/financer/#l-assurance-prospection"}, ""},
		{"frequent term", "exportation", []string{"guide/preparer-export/", "guide/transition-energetique/"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := newReader(t, buildFixture(t), fixtureBuildDate).search(tt.q, filters{})
			for _, w := range tt.want {
				if !hasURL(res, w) {
					t.Errorf("search(%q) = %q, want %s among them", tt.q, urls(res), w)
				}
			}
			if tt.first != "" && (len(res.results) == 0 || !strings.HasPrefix(res.results[0].url, tt.first)) {
				t.Errorf("search(%q) = %q, want %s first", tt.q, urls(res), tt.first)
			}
		})
	}
}

// TestSearchHubsFirst: a country or sector named by the query is offered first, its page
// saying what it holds, then the pages that mention it.
func TestSearchHubsFirst(t *testing.T) {
	files := buildFixture(t)
	tests := []struct {
		q, hub, summary string
		then            []string
	}{
		{"sénégal", "pays/sn/", "2 AMI ouverts, 1 cas", []string{"cas/solaris-helios/", "ami/ami-2026-0001/"}},
		{"senegal", "pays/sn/", "2 AMI ouverts, 1 cas", []string{"cas/solaris-helios/"}},
		{"Côte d'Ivoire", "pays/ci/", "0 AMI ouverts, 1 cas", []string{"guide/financer/", "cas/numerix-orano/"}},
		{"eau", "secteurs/eau/", "1 AMI ouverts, 1 cas", []string{"cas/aquatek-veolys/", "ami/ami-2026-0002/"}},
		{"énergie", "secteurs/energie/", "3 AMI ouverts, 1 cas", []string{"guide/transition-energetique/"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			for _, general := range []bool{false, true} {
				res := newReader(t, files, fixtureBuildDate).searchPath(tt.q, filters{}, general)
				if len(res.results) == 0 || res.results[0].url != tt.hub {
					t.Fatalf("search(%q) = %q, want %s first", tt.q, urls(res), tt.hub)
				}
				if res.results[0].snippet != tt.summary {
					t.Errorf("search(%q): hub says %q, want %q", tt.q, res.results[0].snippet, tt.summary)
				}
				for _, u := range tt.then {
					if !hasURL(res, u) {
						t.Errorf("search(%q) = %q, want %s after the hub", tt.q, urls(res), u)
					}
				}
			}
		})
	}
}

// TestSearchHubSummaryNotSearched: a hub's summary ("2 AMI ouverts, 1 cas") is shown, not
// searched: "cas" or "ouverts" do not bring every country up.
func TestSearchHubSummaryNotSearched(t *testing.T) {
	for _, q := range []string{"cas", "ouverts"} {
		res := newReader(t, buildFixture(t), fixtureBuildDate).searchPath(q, filters{}, true)
		for _, u := range urls(res) {
			if strings.HasPrefix(u, "pays/") || strings.HasPrefix(u, "secteurs/") {
				t.Errorf("search(%q) = %q: a hub found by its summary", q, urls(res))
				break
			}
		}
	}
}

func TestSearchFindsNothing(t *testing.T) {
	for _, q := range []string{"sdafadsf", "sdafadsf énergie", "énergie sdafadsf", "le la les", "", "  "} {
		t.Run(q, func(t *testing.T) {
			if res := newReader(t, buildFixture(t), fixtureBuildDate).search(q, filters{}); res.total != 0 || len(res.results) != 0 {
				t.Errorf("search(%q) = %d results %q, want none", q, res.total, urls(res))
			}
		})
	}
}

// TestSearchTitleHoldersFirst is issue 7's relevance bar: every page whose title holds the
// query's words is found, and ranks above the pages that only mention them elsewhere.
func TestSearchTitleHoldersFirst(t *testing.T) {
	files := buildFixture(t)
	docs := orderDocs(func() []Doc { d, _ := fixtureDocs(); return d }())
	for _, q := range []string{"marchés publics", "marche public", "énergie", "l'energie", "sénégal", "parrainage PME", "exportation", "financement", "export"} {
		t.Run(q, func(t *testing.T) {
			checkTitleHoldersFirst(t, newReader(t, files, fixtureBuildDate), docs, q)
		})
	}
}

func checkTitleHoldersFirst(t *testing.T, r *reader, docs []Doc, q string) {
	t.Helper()
	res := r.searchPath(q, filters{}, true)
	terms := parseQuery(q, r.meta.Y)
	var stems [][]string
	for _, term := range terms {
		var ss []string
		for _, e := range r.lookup(term.stem, term.prefix) {
			ss = append(ss, e.stem)
		}
		stems = append(stems, ss)
	}
	holds := func(d int) bool {
		title := Analyze(docs[d].Title)
		for _, ss := range stems {
			if !slices.ContainsFunc(ss, func(s string) bool { return slices.Contains(title, s) }) {
				return false
			}
		}
		return true
	}
	rank := map[int]int{}
	for i, d := range res.hits {
		rank[d] = i
	}
	lastHolder, firstOther := -1, len(res.hits)
	for d := range docs {
		i, found := rank[d]
		switch {
		case holds(d) && !found:
			t.Errorf("search(%q): %s holds the words in its title but is not found", q, docs[d].URL)
		case holds(d):
			lastHolder = max(lastHolder, i)
		case found:
			firstOther = min(firstOther, i)
		}
	}
	if lastHolder > firstOther {
		t.Errorf("search(%q): a page without the words in its title ranks %d, above a title holder at %d", q, firstOther, lastHolder)
	}
}

func TestSearchSimpleAndGeneralAgree(t *testing.T) {
	files := buildFixture(t)
	for _, q := range []string{"exportation", "export", "ghana", "ghana@2026-12-05", "export@2027-01-01"} {
		t.Run(q, func(t *testing.T) {
			q, today, _ := strings.Cut(q, "@")
			if today == "" {
				today = fixtureBuildDate
			}
			r := newReader(t, files, today)
			simple := r.search(q, filters{})
			if !r.fetched["p/export.bin"] && q != "ghana" {
				t.Fatalf("search(%q) did not use the frequent term's file", q)
			}
			if r.fetched["f.bin"] && q != "ghana" {
				t.Errorf("search(%q) fetched the facet table: the term's file has the counts", q)
			}
			general := newReader(t, files, today).searchPath(q, filters{}, true)
			if simple.total != general.total || !slices.Equal(urls(simple), urls(general)) {
				t.Errorf("search(%q): simple path %d %q, general path %d %q", q, simple.total, urls(simple), general.total, urls(general))
			}
			for k, v := range general.counts {
				if simple.counts[k] != v {
					t.Errorf("search(%q): count %s = %d on the simple path, %d on the general one", q, k, simple.counts[k], v)
				}
			}
		})
	}
}

func TestSearchFacets(t *testing.T) {
	files := buildFixture(t)
	search := func(q string, f filters) searchResult { return newReader(t, files, fixtureBuildDate).search(q, f) }
	t.Run("type narrows", func(t *testing.T) {
		res := search("énergie", filters{types: []string{"ami"}})
		for _, u := range urls(res) {
			if !strings.HasPrefix(u, "ami/") {
				t.Errorf("type=ami: got %s", u)
			}
		}
	})
	t.Run("OR within a facet", func(t *testing.T) {
		sn := search("solaire", filters{countries: []string{"SN"}}).total
		ma := search("solaire", filters{countries: []string{"MA"}}).total
		both := search("solaire", filters{countries: []string{"SN", "MA"}}).total
		if both < max(sn, ma) || both > sn+ma {
			t.Errorf("solaire: SN %d, MA %d, SN or MA %d", sn, ma, both)
		}
	})
	t.Run("AND across facets", func(t *testing.T) {
		res := search("énergie", filters{types: []string{"ami"}, countries: []string{"KE"}})
		if !slices.Equal(urls(res), []string{"ami/ami-2026-0004/"}) {
			t.Errorf("énergie, type=ami, pays=KE: %q", urls(res))
		}
	})
	t.Run("count is what adding gives", func(t *testing.T) {
		for _, base := range []filters{{}, {types: []string{"ami"}}, {sectors: []string{"eau"}}, {open: true}} {
			res := search("énergie", base)
			for k, n := range res.counts {
				f := base
				name, v, _ := strings.Cut(k, ":")
				switch name {
				case "type":
					if len(f.types) > 0 {
						continue
					}
					f.types = []string{v}
				case "pays":
					f.countries = []string{v}
				case "secteur":
					if len(f.sectors) > 0 {
						continue
					}
					f.sectors = []string{v}
				case "ouvertes":
					f.open = true
				}
				if got := search("énergie", f).total; got != n {
					t.Errorf("énergie %+v: count %s = %d, but adding it gives %d results", base, k, n, got)
				}
			}
		}
	})
	t.Run("open follows the browser date", func(t *testing.T) {
		before := newReader(t, files, fixtureBuildDate).search("énergie", filters{}).counts["ouvertes"]
		later := newReader(t, files, "2026-12-05").search("énergie", filters{})
		if later.counts["ouvertes"] != before-1 { // ami-2026-0004 closed on 2026-12-01
			t.Errorf("ouvertes: %d at build, %d on 2026-12-05, want one less", before, later.counts["ouvertes"])
		}
		res := newReader(t, files, "2026-12-05").search("énergie", filters{open: true})
		if hasURL(res, "ami/ami-2026-0004/") {
			t.Errorf("ouvertes=1 on 2026-12-05 still shows ami-2026-0004 (deadline 2026-12-01)")
		}
	})
}

func TestSearchResultDisplay(t *testing.T) {
	res := newReader(t, buildFixture(t), fixtureBuildDate).search("batteries", filters{})
	if len(res.results) == 0 {
		t.Fatal("batteries: no result")
	}
	r := res.results[0]
	if r.url != "ami/ami-2026-0001/" || r.issuer != "Groupe Helios" || r.deadline != "2026-12-15" || r.countryList != "Sénégal" {
		t.Errorf("batteries: %+v", r)
	}
	if !strings.Contains(r.snippet, "batteries") {
		t.Errorf("batteries: snippet %q", r.snippet)
	}
	res = newReader(t, buildFixture(t), fixtureBuildDate).search("consultation", filters{})
	if len(res.results) == 0 || res.results[0].url != "guide/marches-publics/#les-etapes-cles" || res.results[0].heading != "Les étapes clés" {
		t.Errorf("consultation: %+v", res.results)
	}
}

func TestSnippet(t *testing.T) {
	text := strings.Repeat("mot ", 30) + "énergie " + strings.Repeat("fin ", 60)
	got := snippet(text, strings.Index(text, "énergie"))
	if !strings.HasPrefix(got, "… mot") || !strings.Contains(got, "énergie") || !strings.HasSuffix(got, " …") || len(got) > snippetLen+10 {
		t.Errorf("snippet = %q", got)
	}
	if got := snippet("court", 0); got != "court" {
		t.Errorf("snippet(court) = %q", got)
	}
}

// TestBenchCorpusRelevance checks issue 7's relevance bar on the corpus of
// ../shared/bench/gencorpus.py named by COEXPORT_CORPUS (its coexport/ folder).
func TestBenchCorpusRelevance(t *testing.T) {
	dir := os.Getenv("COEXPORT_CORPUS")
	if dir == "" {
		t.Skip("COEXPORT_CORPUS not set")
	}
	docs, cfg := loadBenchCorpus(t, dir)
	files, err := Build(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ordered := orderDocs(docs)
	for _, q := range []string{"financement", "marches publics", "énergie", "senegal", "parrainage PME", "exportation",
		"l'energie", "marche public", "senegalais", "marchés publics", "Sénégal", "financements", "exportations", "financ"} {
		t.Run(q, func(t *testing.T) {
			checkTitleHoldersFirst(t, newReader(t, files, "2026-11-25"), ordered, q)
		})
	}
	for q, hub := range map[string]string{"senegal": "pays/sn/", "Sénégal": "pays/sn/", "eau": "secteurs/eau/", "énergie": "secteurs/energie/"} {
		t.Run("hub "+q, func(t *testing.T) {
			res := newReader(t, files, "2026-11-25").search(q, filters{})
			if len(res.results) == 0 || res.results[0].url != hub {
				t.Errorf("search(%q) = %q, want %s first", q, urls(res), hub)
			}
		})
	}
}

// TestAppendString: the hand-written JSON of term files is what marshal writes.
func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "Sénégal", `guillemets " et \ barre`, "a\nb\tc\x01\r\b\f\x1f", "<b>&amp;</b>", "ligne\u2028paragraphe\u2029", "\xff invalide", "emoji 🚀"} {
		want, err := marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(appendString(nil, s)) + "\n"; got != string(want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestTwoFrequentWordsFromTheirFiles: a query of two frequent words ("marchés publics")
// draws its first page from the words' own files, with no doc chunk, even when the documents
// that hold both words are not among the best for either word alone. Here 30 pages have
// "marchés" in their title, 30 others "publics", and only 10 have both, in their body: for
// each word they rank 31st to 40th, within its records (frequentRecords) but beyond a page.
func TestTwoFrequentWordsFromTheirFiles(t *testing.T) {
	files, err := Build(twoWordsCorpus(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	r := newReader(t, files, "2026-11-25")
	for _, stem := range []string{"march", "public"} {
		if !slices.Contains(strings.Fields(r.meta.F), stem) {
			t.Fatalf("%s is not a frequent stem (meta f %q)", stem, r.meta.F)
		}
	}
	res := r.search("marchés publics", filters{})
	if res.total != 10 || len(res.results) != 10 {
		t.Fatalf("%d results of %d, want the 10 partnership pages", len(res.results), res.total)
	}
	for _, x := range res.results {
		if !strings.HasPrefix(x.title, "Un partenariat") {
			t.Errorf("result %q, want only the partnership pages", x.title)
		}
	}
	for path := range r.fetched {
		if strings.HasPrefix(path, "d/") || strings.HasPrefix(path, "x/") {
			t.Errorf("fetched %s: a result of the first page is in neither word's records", path)
		}
	}
}

// twoWordsCorpus: 30 pages with "marchés" in their title, 30 with "publics", 10 with both
// words in their body only, 40 with neither.
func twoWordsCorpus() []Doc {
	var docs []Doc
	add := func(n int, title, text string) {
		for i := range n {
			docs = append(docs, Doc{URL: fmt.Sprintf("cas/%d/", len(docs)), Type: "cas", Title: fmt.Sprintf("%s %d", title, i),
				Sections: []Section{{Text: text}}})
		}
	}
	add(30, "Marchés de l'eau", "Un texte sur l'irrigation.")
	add(30, "Achats publics", "Un texte sur la santé.")
	add(10, "Un partenariat", "Les marchés publics se gagnent à plusieurs.")
	add(40, "Autre chose", "Rien à voir.")
	return docs
}

// FuzzAppendString: for any string, valid UTF-8 or not, appendString writes what marshal does.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "Sénégal", `" \ `, "a\nb\x01\u2028\u2029", "\xff\xfe", "é\xc3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(appendString(nil, s)) + "\n"; got != string(want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}

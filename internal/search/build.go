package search

import (
	"sort"
	"time"

	"coexport/internal/output"
)

// Sizes of the index, described in the package documentation.
const (
	recordsPerTerm  = 10   // records (display data with a snippet) per term: a page of results…
	frequentRecords = 40   // …and per frequent term, whose own file also draws the first results of the queries it is in
	bucketBytes     = 8192 // the rare terms' records are grouped in buckets of about this size
	chunkSize       = 16   // documents per doc chunk
	shardBytes      = 3072 // a dictionary shard closes once it reaches this size
	minFrequent     = 16   // at least this many terms get their own file…
	frequentPart    = 10   // …or one term in this many documents, whichever is more
	snippetLen      = 160  // bytes of text in a snippet, about
	summaryLen      = 200  // bytes of a summary kept in doc chunks, about
	textBlock       = 2048 // a text block closes once it reaches this size…
	maxTextFiles    = 1000 // …and the text store is only written if it needs at most this many
	formatV         = 4    // meta.json "v"; bump when the format changes
	dir             = "recherche/index/"
	k1, b           = 1.2, 0.75 // BM25
)

// Build indexes docs for search.js. The result is deterministic (same input, same bytes) and
// sorted by Path; every file lies under recherche/index/.
func Build(docs []Doc, cfg Config) ([]output.File, error) {
	if err := checkDocs(docs); err != nil {
		return nil, err
	}
	ix := &index{cfg: &cfg, docs: orderDocs(docs), groups: compileSynonyms(cfg.Synonyms)}
	ix.facets()
	hits, lengths, stems, surfaces := analyzeDocs(ix.docs, ix.cfg, ix.groups)
	ix.stems = stems
	ix.surfaceLists(surfaces)
	ix.textStore()
	ix.postings(hits, lengths)
	ix.pickFrequent()
	return ix.files()
}

// index is the state of one Build.
type index struct {
	cfg    *Config
	docs   []Doc // in id order
	groups []synGroup

	types               []typeRange
	countries, sectors  []string // facet values in index order (codes, slugs)
	countryIx, sectorIx map[string]int
	docCountries        [][]int // per doc, sorted indexes in countries
	docSectors          [][]int
	open                openRange

	blocks    [][]textEntry // the text store, nil if the site is too large for one
	docBlocks [][]int       // per doc, the block of each section

	stems    []string
	surfaces [][]string  // per term: the folded words that reduce to it, but itself
	post     [][]posting // per term, in doc order
	frequent []bool      // the term has its own file (the others' records are in buckets)
}

type typeRange struct {
	name   string
	lo, hi int
}

// openRange is where the AMIs open at build time lie, and how many reach their deadline each
// day, so that the browser can close those whose deadline has passed since.
type openRange struct {
	lo, hi int
	d0     string
	perDay []int // AMIs whose deadline is d0 + i days; undated ones never close
}

func (ix *index) facets() {
	cs, ss := map[string]bool{}, map[string]bool{}
	for i, d := range ix.docs {
		if n := len(ix.types); n == 0 || ix.types[n-1].name != d.Type {
			ix.types = append(ix.types, typeRange{name: d.Type, lo: i})
		}
		ix.types[len(ix.types)-1].hi = i + 1
		for _, c := range d.Countries {
			cs[c] = true
		}
		for _, s := range d.Sectors {
			ss[s] = true
		}
	}
	ix.countries, ix.countryIx = sortedIndex(cs)
	ix.sectors, ix.sectorIx = sortedIndex(ss)
	ix.docCountries = make([][]int, len(ix.docs))
	ix.docSectors = make([][]int, len(ix.docs))
	for i, d := range ix.docs {
		ix.docCountries[i] = uniqueIndexes(d.Countries, ix.countryIx)
		ix.docSectors[i] = uniqueIndexes(d.Sectors, ix.sectorIx)
	}
	ix.openRange()
}

func sortedIndex(set map[string]bool) ([]string, map[string]int) {
	list := make([]string, 0, len(set))
	for v := range set {
		list = append(list, v)
	}
	sort.Strings(list)
	ix := make(map[string]int, len(list))
	for i, v := range list {
		ix[v] = i
	}
	return list, ix
}

func (ix *index) openRange() {
	for _, t := range ix.types {
		if t.name != "ami" {
			continue
		}
		ix.open.lo, ix.open.hi = t.hi, t.hi
		for i := t.lo; i < t.hi; i++ {
			if ix.docs[i].Open {
				ix.open.lo = i
				break
			}
		}
	}
	ix.open.perDay = []int{}
	var d0 time.Time
	for i := ix.open.lo; i < ix.open.hi; i++ {
		dl := ix.docs[i].Deadline
		if dl == "" {
			break // undated, sorted last
		}
		t, _ := time.Parse(time.DateOnly, dl)
		if d0.IsZero() {
			d0, ix.open.d0 = t, dl
		}
		day := int(t.Sub(d0).Hours() / 24)
		for len(ix.open.perDay) <= day {
			ix.open.perDay = append(ix.open.perDay, 0)
		}
		ix.open.perDay[day]++
	}
}

func (ix *index) surfaceLists(surfaces map[string]uint32) {
	ix.surfaces = make([][]string, len(ix.stems))
	for w, id := range surfaces {
		if w != ix.stems[id] {
			ix.surfaces[id] = append(ix.surfaces[id], w)
		}
	}
	for _, l := range ix.surfaces {
		sort.Strings(l)
	}
}

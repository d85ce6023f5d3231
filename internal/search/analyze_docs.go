package search

import (
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// Fields of a document, from the most weighted to the least. A term's class in a document is
// its best field: title 3, heading 2, lead (summary, country and sector names, issuer) 1,
// body 0.
const (
	fieldTitle = iota
	fieldHeading
	fieldLead
	fieldBody
	numFields
)

// fieldWeight multiplies a field's term frequency in BM25F's weighted frequency.
var fieldWeight = [numFields]float64{3, 2, 1.5, 1}

// hit is what one document says about one term.
type hit struct {
	term uint32            // a worker's term id, global once merged
	tf   [numFields]uint16 // occurrences per field
	sec  int16             // the section where the term weighs most, -1 if none
	off  int32             // byte offset of its first occurrence in that section's text, or in the summary when sec < 0; -1 if none
}

// arenaChunk is how many hits a worker's arena takes at a time: it grows by new chunks
// instead of one slice that append copies, which on a large site (10 million hits of 20
// bytes at 50,000 pages) held up to twice the hits at once and left the copies to collect.
const arenaChunk = 1 << 16

// docTerms is the analysis of one document.
type docTerms struct {
	worker int
	hits   []hit // in the worker's arena, with the worker's term ids
	length int   // tokens in all fields
}

// termTracker is per-document scratch for one term: which section holds it most.
type termTracker struct {
	cur, best       int16
	curScore, score int32
	curOff, bestOff int32
	leadOff         int32
}

// docAnalyzer analyzes documents on one goroutine with its own vocabulary; analyzeDocs merges
// the vocabularies afterwards so that the result does not depend on scheduling.
type docAnalyzer struct {
	id      int
	vocab   map[string]uint32
	stems   []string
	surface map[string]uint32 // folded word → term id
	syn     *synonymMatcher

	slot  []int32 // term id → index in hits during the current document
	stamp []uint32
	gen   uint32
	hits  []hit
	track []termTracker
	toks  []tokenAt
	arena []hit // the current chunk of hits (see arenaChunk)
	scan  wordScanner
	stemb []byte
	ids   []uint32
}

type tokenAt struct {
	id  uint32
	off int32
}

func newDocAnalyzer(id int, groups []synGroup) *docAnalyzer {
	a := &docAnalyzer{id: id, vocab: map[string]uint32{}, surface: map[string]uint32{}}
	a.syn = newSynonymMatcher(groups, a.intern)
	return a
}

func (a *docAnalyzer) intern(s string) uint32 {
	if id, ok := a.vocab[s]; ok {
		return id
	}
	id := uint32(len(a.stems))
	a.vocab[s] = id
	a.stems = append(a.stems, s)
	a.slot = append(a.slot, 0)
	a.stamp = append(a.stamp, 0)
	return id
}

// word returns the term id of a folded word, stemming it the first time it is seen.
func (a *docAnalyzer) word(w []byte) uint32 {
	if id, ok := a.surface[string(w)]; ok {
		return id
	}
	a.stemb = stem(append(a.stemb[:0], w...))
	id, ok := a.vocab[string(a.stemb)]
	if !ok {
		id = a.intern(string(a.stemb))
	}
	a.surface[string(w)] = id
	return id
}

// doc analyzes one document into the arena.
func (a *docAnalyzer) doc(d *Doc, cfg *Config) docTerms {
	a.gen++
	a.hits, a.track = a.hits[:0], a.track[:0]
	n := a.field(d.Title, fieldTitle, -1, false)
	if !d.Hub { // a hub's summary counts what it lists ("12 AMI ouverts"): shown, not searched
		n += a.field(d.Summary, fieldLead, -1, true)
	}
	for _, c := range d.Countries {
		n += a.field(countryName(cfg, c), fieldLead, -1, false)
	}
	for _, s := range d.Sectors {
		n += a.field(sectorName(cfg, s), fieldLead, -1, false)
	}
	n += a.field(d.Issuer, fieldLead, -1, false)
	for i, s := range d.Sections {
		sec := i
		if sec >= 1<<15-1 {
			sec = -1 // beyond int16: counted, but never a snippet's section
		}
		n += a.field(s.Heading, fieldHeading, sec, false)
		n += a.field(s.Text, fieldBody, sec, false)
	}
	if cap(a.arena)-len(a.arena) < len(a.hits) {
		a.arena = make([]hit, 0, max(arenaChunk, len(a.hits)))
	}
	lo := len(a.arena)
	for i := range a.hits {
		t := &a.track[i]
		t.close()
		h := a.hits[i]
		h.sec, h.off = t.best, t.bestOff
		if t.best < 0 {
			h.off = t.leadOff
		}
		a.arena = append(a.arena, h)
	}
	return docTerms{worker: a.id, hits: a.arena[lo:len(a.arena):len(a.arena)], length: n}
}

// field analyzes one field of the current document and returns its number of tokens. sec is
// the section index for headings and body text; lead marks the summary, whose offsets serve
// for snippets of terms found in no section.
func (a *docAnalyzer) field(text string, f, sec int, lead bool) int {
	if text == "" {
		return 0
	}
	a.toks = a.toks[:0]
	a.scan.scan(text, func(w []byte, start, _ int) {
		a.toks = append(a.toks, tokenAt{a.word(w), int32(start)})
	})
	for _, t := range a.toks {
		a.add(t.id, f, sec, t.off, lead)
	}
	if len(a.toks) > 0 {
		a.syn.match(idsOf(a.toks, &a.ids), func(c uint32, i int) { a.add(c, f, sec, a.toks[i].off, lead) })
	}
	return len(a.toks)
}

func idsOf(toks []tokenAt, buf *[]uint32) []uint32 {
	ids := (*buf)[:0]
	for _, t := range toks {
		ids = append(ids, t.id)
	}
	*buf = ids
	return ids
}

// add counts one occurrence of term id in field f.
func (a *docAnalyzer) add(id uint32, f, sec int, off int32, lead bool) {
	i := a.slot[id]
	if a.stamp[id] != a.gen {
		a.stamp[id] = a.gen
		i = int32(len(a.hits))
		a.slot[id] = i
		a.hits = append(a.hits, hit{term: id})
		a.track = append(a.track, termTracker{cur: -1, best: -1, curOff: -1, bestOff: -1, leadOff: -1})
	}
	h, t := &a.hits[i], &a.track[i]
	if h.tf[f] < 1<<16-1 {
		h.tf[f]++
	}
	if lead && t.leadOff < 0 {
		t.leadOff = off
	}
	if sec < 0 {
		return
	}
	if int(t.cur) != sec {
		t.close()
		t.cur, t.curScore, t.curOff = int16(sec), 0, -1
	}
	if f == fieldHeading {
		t.curScore += 3
	} else {
		t.curScore++
		if t.curOff < 0 {
			t.curOff = off
		}
	}
}

// close ends the section being counted: it becomes the best if it holds the term more.
func (t *termTracker) close() {
	if t.cur >= 0 && t.curScore > t.score {
		t.best, t.score, t.bestOff = t.cur, t.curScore, t.curOff
	}
	t.cur = -1
}

// analyzeDocs analyzes docs on all CPUs and returns, for each doc, its hits with global term
// ids, plus the sorted vocabulary and each folded word's term.
func analyzeDocs(docs []Doc, cfg *Config, groups []synGroup) (hits [][]hit, lengths []int, stems []string, surfaces map[string]uint32) {
	workers := min(runtime.GOMAXPROCS(0), max(1, len(docs)/64))
	as := make([]*docAnalyzer, workers)
	out := make([]docTerms, len(docs))
	var next atomic.Int64
	var wg sync.WaitGroup
	const batch = 32
	for w := range as {
		as[w] = newDocAnalyzer(w, groups)
		wg.Add(1)
		go func(a *docAnalyzer) {
			defer wg.Done()
			for {
				lo := int(next.Add(batch)) - batch
				if lo >= len(docs) {
					return
				}
				for i := lo; i < min(lo+batch, len(docs)); i++ {
					out[i] = a.doc(&docs[i], cfg)
				}
			}
		}(as[w])
	}
	wg.Wait()

	// merge the vocabularies: sorted stems, then each worker's ids remapped
	global := map[string]uint32{}
	for _, a := range as {
		for _, s := range a.stems {
			global[s] = 0
		}
	}
	stems = make([]string, 0, len(global))
	for s := range global {
		stems = append(stems, s)
	}
	sort.Strings(stems)
	for i, s := range stems {
		global[s] = uint32(i)
	}
	remap := make([][]uint32, len(as))
	surfaces = map[string]uint32{}
	for w, a := range as {
		remap[w] = make([]uint32, len(a.stems))
		for i, s := range a.stems {
			remap[w][i] = global[s]
		}
		for word, id := range a.surface {
			surfaces[word] = remap[w][id]
		}
	}
	hits = make([][]hit, len(docs))
	lengths = make([]int, len(docs))
	for i, dt := range out {
		hs := dt.hits
		for j := range hs {
			hs[j].term = remap[dt.worker][hs[j].term]
		}
		hits[i] = hs
		lengths[i] = dt.length
	}
	return hits, lengths, stems, surfaces
}

func countryName(cfg *Config, code string) string {
	if n := cfg.CountryNames[code]; n != "" {
		return n
	}
	return code
}

func sectorName(cfg *Config, slug string) string {
	if n := cfg.SectorNames[slug]; n != "" {
		return n
	}
	return slug
}

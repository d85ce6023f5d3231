package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Sizes of the index, described in the package documentation.
const (
	headSize     = 10   // records (display data with a snippet) carried by a frequent term
	chunkSize    = 16   // documents per doc chunk
	shardBytes   = 4096 // a dictionary shard closes once it reaches this size
	minFrequent  = 256  // at least this many terms get their own file…
	frequentPart = 10   // …or one term in this many documents, whichever is more
	snippetLen   = 160  // bytes of text in a snippet, about
	summaryLen   = 200  // bytes of a summary kept in doc chunks, about
	formatV      = 1    // meta.json "v"; bump when the format changes
	dir          = "recherche/index/"
	k1, b        = 1.2, 0.75 // BM25
)

// typeOrder ranks the known types; others follow, sorted by name.
var typeOrder = map[string]int{"chapitre": 0, "cas": 1, "ami": 2, "page": 3}

// Build indexes docs for search.js. The result is deterministic (same input, same bytes) and
// sorted by Path; every file lies under recherche/index/.
func Build(docs []Doc, cfg Config) ([]File, error) {
	if err := checkDocs(docs); err != nil {
		return nil, err
	}
	ix := &index{cfg: &cfg, docs: orderDocs(docs), groups: compileSynonyms(cfg.Synonyms)}
	ix.facets()
	hits, lengths, stems, surfaces := analyzeDocs(ix.docs, ix.cfg, ix.groups)
	ix.stems = stems
	ix.surfaceLists(surfaces)
	ix.postings(hits, lengths)
	ix.pickFrequent()
	return ix.files()
}

// checkDocs rejects what would make an ambiguous index.
func checkDocs(docs []Doc) error {
	seen := make(map[string]bool, len(docs))
	for _, d := range docs {
		switch {
		case d.URL == "" || strings.HasPrefix(d.URL, "/"):
			return fmt.Errorf("search: doc %q: URL must be site-relative, without a leading slash", d.Title)
		case seen[d.URL]:
			return fmt.Errorf("search: doc %q: duplicate URL", d.URL)
		case d.Type == "":
			return fmt.Errorf("search: doc %q: empty type", d.URL)
		case d.Deadline != "":
			if _, err := time.Parse(time.DateOnly, d.Deadline); err != nil {
				return fmt.Errorf("search: doc %q: deadline %q: want YYYY-MM-DD", d.URL, d.Deadline)
			}
		}
		seen[d.URL] = true
	}
	return nil
}

// orderDocs returns the docs in id order: grouped by type, so that a type is a range of ids;
// AMIs closed then open, each by deadline, so that "open today" is a range too; the rest by
// title, so that related pages share doc chunks.
func orderDocs(docs []Doc) []Doc {
	out := slices.Clone(docs)
	keys := make(map[string]string, len(out))
	for _, d := range out {
		keys[d.URL] = foldKey(d.Title)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if ra, rb := typeRank(a.Type), typeRank(b.Type); ra != rb {
			return ra < rb
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if a.Type == "ami" {
			if a.Open != b.Open {
				return !a.Open
			}
			if da, db := deadlineKey(a), deadlineKey(b); da != db {
				return da < db
			}
		}
		if ka, kb := keys[a.URL], keys[b.URL]; ka != kb {
			return ka < kb
		}
		return a.URL < b.URL
	})
	return out
}

func typeRank(t string) int {
	if r, ok := typeOrder[t]; ok {
		return r
	}
	return len(typeOrder)
}

// deadlineKey sorts undated AMIs last: they never close.
func deadlineKey(d *Doc) string {
	if d.Deadline == "" {
		return "9999-12-31"
	}
	return d.Deadline
}

// foldKey is a sort key for French labels: folded, lower case, words separated by a space.
func foldKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		var f string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			f = string(r)
		case r >= 'A' && r <= 'Z':
			f = string(r + 'a' - 'A')
		case r >= 0xC0 && r < 0x180 && foldLatin[r-0xC0] != ' ':
			f = foldedLetter(foldLatin[r-0xC0])
		default:
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteString(f)
	}
	return b.String()
}

func foldedLetter(f byte) string {
	switch f {
	case 'A':
		return "ae"
	case 'O':
		return "oe"
	case 'S':
		return "ss"
	case 'T':
		return "th"
	case 'I':
		return "ij"
	}
	return string(f)
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

	stems    []string
	surfaces [][]string  // per term: the folded words that reduce to it, but itself
	post     [][]posting // per term, in doc order
	frequent []bool      // the term has its own file
}

type typeRange struct {
	name   string
	lo, hi int
}

// openRange is where the AMIs open at build time lie, and their deadlines run by run, so
// that the browser can close those whose deadline has passed since.
type openRange struct {
	lo, hi int
	d0     string
	runs   []int // pairs: days after d0, number of AMIs
}

// posting is one document of a term's list.
type posting struct {
	doc    uint32
	impact uint8 // class*16 + BM25 level (1..15)
	sec    int16
	off    int32
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
	var d0 time.Time
	for i := ix.open.lo; i < ix.open.hi; i++ {
		day := 99999
		if dl := ix.docs[i].Deadline; dl != "" {
			t, _ := time.Parse(time.DateOnly, dl)
			if d0.IsZero() {
				d0, ix.open.d0 = t, dl
			}
			day = int(t.Sub(d0).Hours() / 24)
		}
		if n := len(ix.open.runs); n > 0 && ix.open.runs[n-2] == day {
			ix.open.runs[n-1]++
		} else {
			ix.open.runs = append(ix.open.runs, day, 1)
		}
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

// postings turns the documents' hits into per-term lists with their impacts.
func (ix *index) postings(hits [][]hit, lengths []int) {
	df := make([]int, len(ix.stems))
	total, sumLen := 0, 0
	for d, hs := range hits {
		for _, h := range hs {
			df[h.term]++
		}
		total += len(hs)
		sumLen += lengths[d]
	}
	avg := float64(sumLen) / float64(max(1, len(hits)))
	all := make([]posting, total)
	ix.post = make([][]posting, len(ix.stems))
	at := 0
	for t, n := range df {
		ix.post[t] = all[at : at : at+n]
		at += n
	}
	for d, hs := range hits {
		norm := k1 * (1 - b + b*float64(lengths[d])/max(avg, 1))
		for _, h := range hs {
			ix.post[h.term] = append(ix.post[h.term], posting{doc: uint32(d), impact: impact(&h, norm), sec: h.sec, off: h.off})
		}
	}
}

// impact is a term's weight in a document: its class (best field) times 16, plus its BM25F
// saturation quantized to 1..15. Sorting by impact sorts by class, then BM25.
func impact(h *hit, norm float64) uint8 {
	var wtf float64
	class := 0
	for f := numFields - 1; f >= 0; f-- {
		if h.tf[f] > 0 {
			wtf += fieldWeight[f] * float64(h.tf[f])
			class = numFields - 1 - f
		}
	}
	sat := wtf * (k1 + 1) / (wtf + norm) / (k1 + 1)
	q := min(15, max(1, int(math.Round(sat*15))))
	return uint8(class*16 + q)
}

// pickFrequent chooses the terms that get their own file: the most frequent ones.
func (ix *index) pickFrequent() {
	n := max(minFrequent, len(ix.docs)/frequentPart)
	ids := make([]int, 0, len(ix.stems))
	for t, p := range ix.post {
		if len(p) > headSize {
			ids = append(ids, t)
		}
	}
	sort.SliceStable(ids, func(i, j int) bool { return len(ix.post[ids[i]]) > len(ix.post[ids[j]]) })
	ix.frequent = make([]bool, len(ix.stems))
	for _, t := range ids[:min(n, len(ids))] {
		ix.frequent[t] = true
	}
}

// byImpact returns a term's postings in ranking order: impact descending, then doc id. It is
// a counting sort: impacts are below 64, and p is in doc order.
func byImpact(p []posting) []posting {
	var start [65]int
	for _, x := range p {
		start[64-int(x.impact)]++
	}
	at := 0
	for i, n := range start {
		start[i] = at
		at += n
	}
	out := make([]posting, len(p))
	for _, x := range p {
		i := 64 - int(x.impact)
		out[start[i]] = x
		start[i]++
	}
	return out
}

// encodePostings writes a term's list as impact segments (see the package documentation).
func encodePostings(ranked []posting) []byte {
	var w bitWriter
	var segs [][]posting
	for i := 0; i < len(ranked); {
		j := i
		for j < len(ranked) && ranked[j].impact == ranked[i].impact {
			j++
		}
		segs = append(segs, ranked[i:j])
		i = j
	}
	w.gamma(uint64(len(segs)))
	var gaps []uint32
	prev := uint8(0)
	for i, s := range segs {
		if i == 0 {
			w.fixed(uint64(s[0].impact), 6)
		} else {
			w.gamma(uint64(prev - s[0].impact))
		}
		prev = s[0].impact
		w.gamma(uint64(len(s)))
		gaps = gaps[:0]
		last := -1
		for _, x := range s {
			gaps = append(gaps, uint32(int(x.doc)-last-1))
			last = int(x.doc)
		}
		k := bestRice(gaps)
		w.fixed(uint64(k), 4)
		for _, g := range gaps {
			w.rice(uint64(g), k)
		}
	}
	return w.buf
}

// files writes the whole index.
func (ix *index) files() ([]File, error) {
	var files []File
	add := func(path string, data []byte) { files = append(files, File{Path: dir + path, Data: data}) }
	shards, bounds := ix.shards()
	for i, s := range shards {
		add("t/"+strconv.Itoa(i)+".bin", s)
	}
	for t, f := range ix.frequent {
		if f {
			data, err := ix.termFile(t)
			if err != nil {
				return nil, err
			}
			add("p/"+ix.stems[t]+".bin", data)
		}
	}
	for lo := 0; lo < len(ix.docs); lo += chunkSize {
		data, err := ix.chunk(lo, min(lo+chunkSize, len(ix.docs)))
		if err != nil {
			return nil, err
		}
		add("d/"+strconv.Itoa(lo/chunkSize)+".json", data)
	}
	add("f.bin", ix.facetTable())
	meta, err := ix.meta(bounds)
	if err != nil {
		return nil, err
	}
	add("meta.json", meta)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// shards packs the dictionary, in stem order, into files of about shardBytes and returns them
// with the first stem of each.
func (ix *index) shards() ([][]byte, []string) {
	var out [][]byte
	var bounds []string
	var head, body bytes.Buffer
	for t := range ix.stems {
		if head.Len() == 0 {
			bounds = append(bounds, ix.stems[t])
			head.WriteByte('[')
		} else {
			head.WriteByte(',')
		}
		var inline []byte
		if !ix.frequent[t] {
			inline = encodePostings(byImpact(ix.post[t]))
		}
		fmt.Fprintf(&head, `["%s","%s",%d,%d]`, ix.stems[t], strings.Join(ix.surfaces[t], " "), len(ix.post[t]), len(inline))
		body.Write(inline)
		if head.Len()+body.Len() >= shardBytes || t == len(ix.stems)-1 {
			head.WriteString("]\n")
			out = append(out, append(head.Bytes(), body.Bytes()...))
			head, body = bytes.Buffer{}, bytes.Buffer{}
		}
	}
	return out, bounds
}

// termFile is a frequent term's file: a JSON line with its facet counts and the records of
// its best documents, then its postings.
func (ix *index) termFile(t int) ([]byte, error) {
	p := ix.post[t]
	var head struct {
		Types     []int `json:"n"`
		Open      int   `json:"o"`
		Countries []int `json:"c"`
		Sectors   []int `json:"s"`
		Records   []any `json:"r"`
	}
	head.Types = make([]int, len(ix.types))
	head.Countries = make([]int, len(ix.countries))
	head.Sectors = make([]int, len(ix.sectors))
	ti := 0
	for _, x := range p {
		for int(x.doc) >= ix.types[ti].hi {
			ti++
		}
		head.Types[ti]++
		if int(x.doc) >= ix.open.lo && int(x.doc) < ix.open.hi {
			head.Open++
		}
		for _, c := range ix.docCountries[x.doc] {
			head.Countries[c]++
		}
		for _, s := range ix.docSectors[x.doc] {
			head.Sectors[s]++
		}
	}
	ranked := byImpact(p)
	for _, x := range ranked[:min(headSize, len(p))] {
		head.Records = append(head.Records, ix.record(x))
	}
	data, err := marshal(head)
	if err != nil {
		return nil, fmt.Errorf("search: term %q: %w", ix.stems[t], err)
	}
	return append(data, encodePostings(ranked)...), nil
}

// record is what a result needs on screen: [doc, title, URL, heading, anchor, snippet], and
// for AMIs [issuer, deadline, country indexes] after it.
func (ix *index) record(x posting) []any {
	d := &ix.docs[x.doc]
	heading, anchor, snip := "", "", ""
	if x.sec >= 0 && int(x.sec) < len(d.Sections) {
		s := &d.Sections[x.sec]
		heading, snip = s.Heading, snippet(s.Text, int(x.off))
		if d.Type == "chapitre" {
			anchor = s.Anchor
		}
	}
	if snip == "" {
		snip = snippet(d.Summary, int(x.off))
	}
	if snip == "" && len(d.Sections) > 0 {
		snip = snippet(d.Sections[0].Text, 0)
	}
	r := []any{x.doc, d.Title, d.URL, heading, anchor, snip}
	if d.Type == "ami" {
		r = append(r, d.Issuer, d.Deadline, ix.docCountries[x.doc])
	}
	return r
}

// snippet cuts about snippetLen bytes of text around byte offset off, on word boundaries,
// with "…" where text was cut, and whitespace collapsed.
func snippet(text string, off int) string {
	if text == "" {
		return ""
	}
	off = max(0, min(off, len(text)))
	start := max(0, off-snippetLen/3)
	if start > 0 {
		if i := strings.IndexAny(text[start:off], " \n\t"); i >= 0 {
			start += i + 1
		} else {
			start = off
		}
	}
	end := min(len(text), start+snippetLen)
	if end < len(text) {
		if i := strings.LastIndexAny(text[start:end], " \n\t"); i > 0 {
			end = start + i
		}
		for end > start && !utf8.RuneStart(text[end]) {
			end--
		}
	}
	out := strings.Join(strings.Fields(text[start:end]), " ")
	if start > 0 {
		out = "… " + out
	}
	if end < len(text) {
		out += " …"
	}
	return out
}

// chunk is the display data of docs [lo, hi): [title, URL, summary, issuer, deadline] each.
func (ix *index) chunk(lo, hi int) ([]byte, error) {
	rows := make([][]string, 0, hi-lo)
	for i := lo; i < hi; i++ {
		d := &ix.docs[i]
		row := []string{d.Title, d.URL, snippet(d.Summary, 0)}
		if len(d.Summary) <= summaryLen {
			row[2] = strings.Join(strings.Fields(d.Summary), " ")
		}
		if d.Issuer != "" || d.Deadline != "" {
			row = append(row, d.Issuer, d.Deadline)
		}
		rows = append(rows, row)
	}
	return marshal(rows)
}

// facetTable codes each doc's countries and sectors (see the package documentation).
func (ix *index) facetTable() []byte {
	var w bitWriter
	for i := range ix.docs {
		writeSet(&w, ix.docCountries[i], len(ix.countries))
		writeSet(&w, ix.docSectors[i], len(ix.sectors))
	}
	return w.buf
}

// writeSet codes a sorted set of indexes below n: its size in unary, then each index as its
// distance from the previous one, in as many bits as the values left to choose from need.
func writeSet(w *bitWriter, vals []int, n int) {
	w.rice(uint64(len(vals)), 0)
	prev := -1
	for _, v := range vals {
		w.fixed(uint64(v-prev-1), setWidth(n, prev))
		prev = v
	}
}

// setWidth is the width of the index following prev in a set of indexes below n.
func setWidth(n, prev int) int { return bits.Len(uint(max(0, n-prev-2))) }

func uniqueIndexes(vals []string, ix map[string]int) []int {
	out := make([]int, 0, len(vals))
	for _, v := range vals {
		out = append(out, ix[v])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// meta is the entry point of search.js.
func (ix *index) meta(bounds []string) ([]byte, error) {
	types := make([][]any, len(ix.types))
	for i, t := range ix.types {
		types[i] = []any{t.name, t.lo, t.hi}
	}
	named := func(vals []string, name func(*Config, string) string) [][2]string {
		out := make([][2]string, len(vals))
		for i, v := range vals {
			out[i] = [2]string{v, name(ix.cfg, v)}
		}
		return out
	}
	syn := make([][]any, len(ix.groups))
	for i, g := range ix.groups {
		syn[i] = []any{g.Canon, g.Members}
	}
	runs := ix.open.runs
	if runs == nil {
		runs = []int{}
	}
	return marshal(map[string]any{
		"v": formatV, "n": len(ix.docs), "k": headSize, "g": chunkSize,
		"t": types,
		"o": []any{ix.open.lo, ix.open.hi, ix.open.d0, runs},
		"c": named(ix.countries, countryName),
		"s": named(ix.sectors, sectorName),
		"y": syn,
		"b": bounds,
	})
}

// marshal is json.Marshal without HTML escaping, ending with a newline.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

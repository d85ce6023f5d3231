package search

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"coexport/internal/output"
)

// This file is a Go twin of search.js's query side, for tests: it decodes an index built by
// Build and runs queries the way the browser does, counting the bytes it had to fetch.

// reader fetches index files by path (under recherche/index/) and counts their bytes.
type reader struct {
	tb      testing.TB
	files   map[string][]byte
	fetched map[string]bool
	bytes   int
	meta    indexMeta
	today   string // YYYY-MM-DD, the browser's date
}

type indexMeta struct {
	V  int            `json:"v"`
	N  int            `json:"n"`
	K  int            `json:"k"`
	KF int            `json:"kf"`
	G  int            `json:"g"`
	T  [][]any        `json:"t"`
	O  []any          `json:"o"`
	C  [][2]string    `json:"c"`
	S  [][2]string    `json:"s"`
	Y  []synGroupJSON `json:"y"`
	B  []string       `json:"b"`
	R  int            `json:"r"`
	F  string         `json:"f"`
	X  bool           `json:"x"`
}

type synGroupJSON struct {
	Canon   string
	Members [][]string
}

func (g *synGroupJSON) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if err := json.Unmarshal(raw[0], &g.Canon); err != nil {
		return err
	}
	return json.Unmarshal(raw[1], &g.Members)
}

func newReader(tb testing.TB, files []output.File, today string) *reader {
	r := &reader{tb: tb, files: map[string][]byte{}, fetched: map[string]bool{}, today: today}
	for _, f := range files {
		r.files[strings.TrimPrefix(f.Path, dir)] = f.Data
	}
	if err := json.Unmarshal(r.fetch("meta.json"), &r.meta); err != nil {
		tb.Fatal(err)
	}
	return r
}

func (r *reader) fetch(path string) []byte {
	data, ok := r.files[path]
	if !ok {
		r.tb.Fatalf("fetch %s: not in the index", path)
	}
	if !r.fetched[path] {
		r.fetched[path] = true
		r.bytes += len(data)
	}
	return data
}

// splitHead cuts a file into its JSON line and its binary rest.
func splitHead(data []byte) ([]byte, []byte) {
	i := bytes.IndexByte(data, '\n')
	return data[:i], data[i+1:]
}

// entry is a term of the dictionary.
type entry struct {
	stem     string
	surfaces []string
	df       int
	inline   []byte // postings, nil for a frequent term
}

func (r *reader) shardIndex(key string) int {
	i := sort.Search(len(r.meta.B), func(i int) bool { return r.meta.B[i] > key }) - 1
	return max(i, 0)
}

// shard decodes dictionary shard i.
func (r *reader) shard(i int) []entry {
	head, body := splitHead(r.fetch("t/" + strconv.Itoa(i) + ".bin"))
	var raw [][]any
	if err := json.Unmarshal(head, &raw); err != nil {
		r.tb.Fatal(err)
	}
	var out []entry
	at := 0
	for _, e := range raw {
		n := int(e[3].(float64))
		en := entry{stem: e[0].(string), df: int(e[2].(float64))}
		if s := e[1].(string); s != "" {
			en.surfaces = strings.Split(s, " ")
		}
		if n > 0 {
			en.inline = body[at : at+n]
		}
		at += n
		out = append(out, en)
	}
	return out
}

// lookup returns the entry of the exact stem and, for a prefix, of the stems having a word
// that starts with it (at most maxExpand, the most frequent).
func (r *reader) lookup(stem, prefix string) []termStem {
	var out []termStem
	seen := map[string]bool{stem: true}
	for _, e := range r.shard(r.shardIndex(stem)) {
		if e.stem == stem {
			out = append(out, termStem{entry: e, exact: true})
		}
	}
	if prefix == "" {
		return out
	}
	key := prefix[:3]
	var cands []entry
	for i := r.shardIndex(key); i <= r.shardIndex(key+"{"); i++ {
		for _, e := range r.shard(i) {
			if seen[e.stem] {
				continue
			}
			ok := strings.HasPrefix(e.stem, prefix)
			for _, w := range e.surfaces {
				ok = ok || strings.HasPrefix(w, prefix)
			}
			if ok {
				cands = append(cands, e)
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].df > cands[j].df })
	for _, e := range cands[:min(len(cands), maxExpand)] {
		out = append(out, termStem{entry: e})
	}
	return out
}

const maxExpand = 8

type termStem struct {
	entry
	exact bool
}

// qterm is one word of a query: exact stems (the word's, or a synonym's canonical form), and
// for the last word typed, the prefix its folded form makes.
type qterm struct {
	stem   string
	prefix string
}

// parseQuery analyzes a query the way search.js does.
func parseQuery(q string, syn []synGroupJSON) []qterm {
	type w struct{ surface, stem string }
	var words []w
	var sc wordScanner
	sc.scan(q, func(b []byte, _, _ int) {
		words = append(words, w{string(b), string(stem(append([]byte(nil), b...)))})
	})
	prefixMode := q != "" && isWordByte(q[len(q)-1])
	var terms []qterm
	for i := 0; i < len(words); i++ {
		t := qterm{stem: words[i].stem}
		matched := false
		for _, g := range syn {
			for _, m := range g.Members {
				if i+len(m) <= len(words) && equalStems(words[i:i+len(m)], m, func(x w) string { return x.stem }) {
					if len(m) > 1 {
						i += len(m) - 1
					}
					t = qterm{stem: g.Canon}
					matched = true
					break
				}
			}
			if matched {
				break
			}
		}
		last := i == len(words)-1
		if last && prefixMode && !matched {
			if len(words[i].surface) > 2 {
				t.prefix = words[i].surface
			} else if len(words) > 1 {
				continue // a word being typed, too short to mean anything yet
			}
		}
		terms = append(terms, t)
	}
	return terms
}

func equalStems[T any](ws []T, m []string, stemOf func(T) string) bool {
	for i, s := range m {
		if stemOf(ws[i]) != s {
			return false
		}
	}
	return true
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// filters are the facet values ticked.
type filters struct {
	types, countries, sectors []string
	open                      bool
}

func (f filters) empty() bool {
	return len(f.types)+len(f.countries)+len(f.sectors) == 0 && !f.open
}

// result is one hit as shown: title, URL (with #anchor), heading, snippet.
type result struct {
	doc                           int
	title, url, heading, snippet  string
	issuer, deadline, countryList string
}

type searchResult struct {
	total   int
	hits    []int // all matches, ranked (general path only)
	results []result
	counts  map[string]int // "type:ami", "pays:SN", "secteur:energie", "ouvertes"
}

// search runs q with filters and returns the first page of results, as search.js does.
func (r *reader) search(q string, f filters) searchResult { return r.searchPath(q, f, false) }

// searchPath is search; general forces the path that decodes every posting list.
func (r *reader) searchPath(q string, f filters, general bool) searchResult {
	terms := parseQuery(q, r.meta.Y)
	if len(terms) == 0 {
		return searchResult{}
	}
	var resolved [][]termStem
	for _, t := range terms {
		ts := r.lookup(t.stem, t.prefix)
		if len(ts) == 0 {
			return searchResult{counts: map[string]int{}}
		}
		resolved = append(resolved, ts)
	}
	if !general && len(resolved) == 1 && len(resolved[0]) == 1 && f.empty() {
		return r.simple(resolved)
	}
	return r.general(resolved, f)
}

// termHead is the JSON line of a term's own file (c and s for a frequent term only).
type termHead struct {
	C []int   `json:"c"`
	S []int   `json:"s"`
	R [][]any `json:"r"`
}

// termFile returns what a stem's records come with: a frequent stem's own file (records,
// counts, postings), or its records from its bucket (with no postings: they are in its shard).
func (r *reader) termFile(stem string) (termHead, []byte) {
	var h termHead
	if slices.Contains(strings.Fields(r.meta.F), stem) {
		head, body := splitHead(r.fetch("p/" + stem + ".bin"))
		if err := json.Unmarshal(head, &h); err != nil {
			r.tb.Fatal(err)
		}
		return h, body
	}
	head, _ := splitHead(r.fetch("r/" + strconv.Itoa(bucketOf(stem, r.meta.R)) + ".bin"))
	var bucket map[string][][]any
	if err := json.Unmarshal(head, &bucket); err != nil {
		r.tb.Fatal(err)
	}
	h.R = bucket[stem]
	return h, nil
}

// simple answers a one-stem query without filters from the stem's own file: its records are
// the first page; a frequent stem's file has the counts too, a rare stem's counts take the
// facet table, as in general.
func (r *reader) simple(resolved [][]termStem) searchResult {
	e := resolved[0][0]
	h, body := r.termFile(e.stem)
	res := searchResult{total: e.df, counts: map[string]int{}}
	for _, rec := range h.R[:min(len(h.R), r.meta.K)] {
		res.results = append(res.results, r.fromRecord(rec))
	}
	if e.inline != nil {
		res.counts = r.general(resolved, filters{}).counts
		return res
	}
	lo, hi := r.openIDs()
	for _, p := range decodePostings(body) {
		res.counts["type:"+r.typeOf(p.doc)]++
		if p.doc >= lo && p.doc < hi {
			res.counts["ouvertes"]++
		}
	}
	for i, c := range r.meta.C {
		res.counts["pays:"+c[0]] = h.C[i]
	}
	for i, s := range r.meta.S {
		res.counts["secteur:"+s[0]] = h.S[i]
	}
	return res
}

func (r *reader) typeOf(d int) string {
	for _, t := range r.meta.T {
		if d >= int(t[1].(float64)) && d < int(t[2].(float64)) {
			return t[0].(string)
		}
	}
	return ""
}

// openIDs is the range of AMI ids open today.
func (r *reader) openIDs() (int, int) {
	lo, hi := int(r.meta.O[0].(float64)), int(r.meta.O[1].(float64))
	if lo >= hi {
		return lo, hi
	}
	d0, _ := time.Parse(time.DateOnly, r.meta.O[2].(string))
	today, _ := time.Parse(time.DateOnly, r.today)
	days := int(today.Sub(d0).Hours() / 24)
	for i, n := range r.meta.O[3].([]any) {
		if i >= days {
			break
		}
		lo += int(n.(float64))
	}
	return lo, hi
}

func (r *reader) fromRecord(rec []any) result {
	res := result{doc: int(rec[0].(float64)), title: rec[1].(string), url: rec[2].(string), heading: rec[3].(string), snippet: rec[5].(string)}
	if a := rec[4].(string); a != "" {
		res.url += "#" + a
	}
	if len(rec) > 6 {
		res.issuer, res.deadline = rec[6].(string), rec[7].(string)
		var names []string
		for _, c := range rec[8].([]any) {
			names = append(names, r.meta.C[int(c.(float64))][1])
		}
		res.countryList = strings.Join(names, ", ")
	}
	return res
}

type decodedPosting struct {
	doc    int
	impact int
	sec    int // -1 if unknown
}

// decodePostings reads a list written by encodePostings, in ranking order.
func decodePostings(data []byte) []decodedPosting {
	br := &bitReader{buf: data}
	width := int(br.fixed(4))
	nseg := int(br.gamma())
	var out []decodedPosting
	imp := 0
	for s := 0; s < nseg; s++ {
		if s == 0 {
			imp = int(br.fixed(6))
		} else {
			imp -= int(br.gamma())
		}
		n := int(br.gamma())
		k := int(br.fixed(4))
		doc := -1
		for i := 0; i < n; i++ {
			doc += int(br.rice(k)) + 1
			out = append(out, decodedPosting{doc, imp, int(br.fixed(width)) - 1})
		}
	}
	return out
}

func idf(n, df int) float64 { return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5)) }

// general scores every matching document: the sum over terms of the best of its stems.
func (r *reader) general(resolved [][]termStem, f filters) searchResult {
	n := r.meta.N
	score := make([]float64, n)
	matched := make([]int, n)
	secOf := make([]int, n)
	for i := range secOf {
		secOf[i] = -1
	}
	records := map[int][]any{}
	m := r.matcher(resolved)
	for _, ts := range resolved {
		best := map[int]float64{}
		for _, e := range ts {
			// the exact stems' own files come with the first request; a frequent stem's
			// holds its postings
			data := e.inline
			if e.exact || data == nil {
				h, body := r.termFile(e.stem)
				if data == nil {
					data = body
				}
				for _, rec := range h.R {
					records[int(rec[0].(float64))] = rec
				}
			}
			w, bonus := idf(n, e.df), 500.0
			if !e.exact {
				w, bonus = w*0.7, 0
			}
			for _, p := range decodePostings(data) {
				if secOf[p.doc] < 0 {
					secOf[p.doc] = p.sec
				}
				s := float64(p.impact>>4)*1000 + bonus + w*float64(p.impact&15)
				if s > best[p.doc] {
					best[p.doc] = s
				}
			}
		}
		for d, s := range best {
			matched[d]++
			score[d] += s
		}
	}
	countries, sectors := r.facetTable()
	openLo, openHi := r.openIDs()
	typeOf := r.typeOf
	res := searchResult{counts: map[string]int{}}
	var hits []int
	for d := 0; d < n; d++ {
		if matched[d] != len(resolved) {
			continue
		}
		open := d >= openLo && d < openHi
		pass := [4]bool{
			len(f.types) == 0 || contains(f.types, typeOf(d)),
			len(f.countries) == 0 || anyIn(f.countries, countries[d]),
			len(f.sectors) == 0 || anyIn(f.sectors, sectors[d]),
			!f.open || open,
		}
		others := func(skip int) bool {
			for i, p := range pass {
				if i != skip && !p {
					return false
				}
			}
			return true
		}
		if others(0) {
			res.counts["type:"+typeOf(d)]++
		}
		if others(1) {
			for _, c := range countries[d] {
				res.counts["pays:"+c]++
			}
		}
		if others(2) {
			for _, s := range sectors[d] {
				res.counts["secteur:"+s]++
			}
		}
		if others(3) && open {
			res.counts["ouvertes"]++
		}
		if others(-1) {
			hits = append(hits, d)
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return score[hits[i]] > score[hits[j]] })
	res.total, res.hits = len(hits), hits
	for _, d := range hits[:min(len(hits), r.meta.K)] {
		if rec, ok := records[d]; ok {
			res.results = append(res.results, r.fromRecord(rec))
			continue
		}
		res.results = append(res.results, r.fromChunk(d, countries[d], secOf[d], m))
	}
	return res
}

// matcher reports the words a query matches: a stem it resolved to (or one word of their
// synonyms), or a word that starts with its prefix.
func (r *reader) matcher(resolved [][]termStem) func(surface, stem string) bool {
	stems := map[string]bool{}
	for _, ts := range resolved {
		for _, e := range ts {
			stems[e.stem] = true
			for _, g := range r.meta.Y {
				if g.Canon == e.stem {
					for _, m := range g.Members {
						if len(m) == 1 {
							stems[m[0]] = true
						}
					}
				}
			}
		}
	}
	return func(surface, stem string) bool { return stems[stem] }
}

func (r *reader) fromChunk(d int, countries []string, sec int, match func(surface, stem string) bool) result {
	var rows [][]any
	if err := json.Unmarshal(r.fetch("d/"+strconv.Itoa(d/r.meta.G)+".json"), &rows); err != nil {
		r.tb.Fatal(err)
	}
	row := rows[d%r.meta.G]
	res := result{doc: d, title: row[0].(string), url: row[1].(string), snippet: row[2].(string)}
	if r.meta.X && sec >= 0 {
		block := int(row[5].([]any)[sec].(float64))
		var entries [][]any
		if err := json.Unmarshal(r.fetch("x/"+strconv.Itoa(block)+".json"), &entries); err != nil {
			r.tb.Fatal(err)
		}
		for _, e := range entries {
			if int(e[0].(float64)) == d && int(e[1].(float64)) == sec {
				res.heading, res.snippet = e[2].(string), cutAround(e[4].(string), match)
				if a := e[3].(string); a != "" {
					res.url += "#" + a
				}
			}
		}
	}
	if len(row) > 3 && (row[3] != "" || row[4] != "") {
		res.issuer, res.deadline = row[3].(string), row[4].(string)
		var names []string
		for _, c := range countries {
			for _, mc := range r.meta.C {
				if mc[0] == c {
					names = append(names, mc[1])
				}
			}
		}
		res.countryList = strings.Join(names, ", ")
	}
	return res
}

// cutAround is search.js's snippet: about snippetLen characters of text from a little before
// the first word that match accepts.
func cutAround(text string, match func(surface, stem string) bool) string {
	at := 0
	var sc wordScanner
	found := false
	sc.scan(text, func(w []byte, start, _ int) {
		if !found && match(string(w), string(stem(append([]byte(nil), w...)))) {
			at, found = start, true
		}
	})
	return snippet(text, at)
}

// facetTable decodes f.bin: each doc's country codes and sector slugs.
func (r *reader) facetTable() ([][]string, [][]string) {
	br := &bitReader{buf: r.fetch("f.bin")}
	cs, ss := make([][]string, r.meta.N), make([][]string, r.meta.N)
	first := [2]int{-1, -1}
	for d := 0; d < r.meta.N; d++ {
		cs[d] = readSet(br, r.meta.C, &first[0])
		ss[d] = readSet(br, r.meta.S, &first[1])
	}
	return cs, ss
}

func readSet(br *bitReader, vals [][2]string, first *int) []string {
	var out []string
	n := int(br.rice(0))
	prev := -1
	for i := 0; i < n; i++ {
		var v int
		if i == 0 && br.bit() == 1 {
			v = *first
		} else {
			v = prev + 1 + int(br.fixed(setWidth(len(vals), prev)))
		}
		if i == 0 {
			*first = v
		}
		out = append(out, vals[v][0])
		prev = v
	}
	return out
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func anyIn(want, have []string) bool {
	for _, h := range have {
		if contains(want, h) {
			return true
		}
	}
	return false
}

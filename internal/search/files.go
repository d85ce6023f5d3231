package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"coexport/internal/output"
	"coexport/internal/parallel"
)

// textEntry is one section in the text store: [doc, section, heading, anchor, text].
type textEntry [5]any

// textStore groups the sections' text, in doc order, into blocks of about textBlock bytes;
// it gives up (leaving blocks nil) when that takes more than maxTextFiles files.
func (ix *index) textStore() {
	size := 0
	for _, d := range ix.docs {
		for _, sec := range d.Sections {
			size += len(sec.Text)
		}
	}
	if size/textBlock > maxTextFiles {
		return // far too large: spare the work
	}
	var blocks [][]textEntry
	docBlocks := make([][]int, len(ix.docs))
	size = 0
	for d := range ix.docs {
		for s, sec := range ix.docs[d].Sections {
			if size >= textBlock || len(blocks) == 0 {
				if len(blocks) == maxTextFiles {
					return
				}
				blocks, size = append(blocks, nil), 0
			}
			anchor := ""
			if ix.docs[d].Type == "chapitre" {
				anchor = sec.Anchor
			}
			text := strings.Join(strings.Fields(sec.Text), " ")
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], textEntry{d, s, sec.Heading, anchor, text})
			docBlocks[d] = append(docBlocks[d], len(blocks)-1)
			size += len(text) + len(sec.Heading) + len(anchor) + 20
		}
	}
	ix.blocks, ix.docBlocks = blocks, docBlocks
}

// files writes the whole index.
func (ix *index) files() ([]output.File, error) {
	var files []output.File
	add := func(path string, data []byte) { files = append(files, output.File{Path: dir + path, Data: data}) }
	// each term's records, and its postings: inline in its shard, or for a frequent term in
	// its own file with its records; on all CPUs
	records := make([][]byte, len(ix.stems))
	own := make([][]byte, len(ix.stems))
	inline := make([][]byte, len(ix.stems))
	parallel.For(len(ix.stems), func(t int) {
		records[t], own[t], inline[t] = ix.termFile(t)
	})
	shards, bounds := ix.shards(inline)
	for i, s := range shards {
		add("t/"+strconv.Itoa(i)+".bin", s)
	}
	for t, stem := range ix.stems {
		if own[t] != nil {
			add("p/"+stem+".bin", own[t])
		}
	}
	buckets := ix.buckets(records, own)
	for i, b := range buckets {
		add("r/"+strconv.Itoa(i)+".bin", b)
	}
	for lo := 0; lo < len(ix.docs); lo += chunkSize {
		data, err := ix.chunk(lo, min(lo+chunkSize, len(ix.docs)))
		if err != nil {
			return nil, err
		}
		add("d/"+strconv.Itoa(lo/chunkSize)+".json", data)
	}
	for i, b := range ix.blocks {
		data, err := marshal(b)
		if err != nil {
			return nil, err
		}
		add("x/"+strconv.Itoa(i)+".json", data)
	}
	add("f.bin", ix.facetTable())
	meta, err := ix.meta(bounds, len(buckets), version(files))
	if err != nil {
		return nil, err
	}
	add("meta.json", meta)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// shards packs the dictionary, in stem order, into files of about shardBytes and returns them
// with their bounds: a shard holds the stems from its bound (included) to the next one's.
// inline holds each term's postings, nil for a frequent term (its postings are in its file).
func (ix *index) shards(inline [][]byte) ([][]byte, []string) {
	if len(ix.stems) == 0 {
		return [][]byte{[]byte("[]\n")}, []string{""}
	}
	var out [][]byte
	var bounds []string
	var head, body bytes.Buffer
	for t := range ix.stems {
		if head.Len() == 0 {
			bounds = append(bounds, "")
			if t > 0 {
				bounds[len(bounds)-1] = shortBound(ix.stems[t-1], ix.stems[t])
			}
			head.WriteByte('[')
		} else {
			head.WriteByte(',')
		}
		fmt.Fprintf(&head, `["%s","%s",%d,%d]`, ix.stems[t], strings.Join(ix.surfaces[t], " "), len(ix.post[t]), len(inline[t]))
		body.Write(inline[t])
		if head.Len()+body.Len() >= shardBytes || t == len(ix.stems)-1 {
			head.WriteString("]\n")
			out = append(out, append(head.Bytes(), body.Bytes()...))
			head, body = bytes.Buffer{}, bytes.Buffer{}
		}
	}
	return out, bounds
}

// shortBound is the shortest prefix of first that sorts after prev: the bound between a shard
// ending with prev and one starting with first.
func shortBound(prev, first string) string {
	for n := 1; n < len(first); n++ {
		if first[:n] > prev {
			return first[:n]
		}
	}
	return first
}

// termFile returns the records of term t's first results, as a JSON array; for a frequent
// term, its own file p/STEM.bin, else its postings for the dictionary shard. The own file is a
// JSON line {"r": records, "c", "s": counts per country and sector} (type and open counts
// depend on the reader's date: search.js takes them from the postings), then the postings.
func (ix *index) termFile(t int) (records, own, inline []byte) {
	p := ix.post[t]
	ranked := byImpact(p)
	// written by hand rather than with encoding/json: there are tens of thousands of records
	records = []byte{'['}
	keep := recordsPerTerm
	if ix.frequent[t] {
		keep = frequentRecords
	}
	for i, x := range ranked[:min(keep, len(p))] {
		if i > 0 {
			records = append(records, ',')
		}
		records = ix.appendRecord(records, x)
	}
	records = append(records, ']')
	postings := encodePostings(ranked, ix.blocks != nil)
	if !ix.frequent[t] {
		return records, nil, postings
	}
	countries, sectors := make([]int, len(ix.countries)), make([]int, len(ix.sectors))
	for _, x := range p {
		for _, c := range ix.docCountries[x.doc] {
			countries[c]++
		}
		for _, s := range ix.docSectors[x.doc] {
			sectors[s]++
		}
	}
	own = append(append([]byte(`{"r":`), records...), `,"c":`...)
	own = appendInts(own, countries)
	own = appendInts(append(own, `,"s":`...), sectors)
	return records, append(append(own, "}\n"...), postings...), nil
}

// buckets groups the records of the terms without their own file into files of about
// bucketBytes: a term's bucket is bucketOf(stem, len(buckets)), so that search.js knows which
// file to ask for before it has any. A bucket is a JSON line {stem: records, …}, stems in order.
func (ix *index) buckets(records, own [][]byte) [][]byte {
	size := 0
	for t := range ix.stems {
		if own[t] == nil {
			size += len(ix.stems[t]) + len(records[t]) + 4
		}
	}
	n := max(1, (size+bucketBytes-1)/bucketBytes)
	out := make([][]byte, n)
	for t, stem := range ix.stems {
		if own[t] != nil {
			continue
		}
		i := bucketOf(stem, n)
		if out[i] == nil {
			out[i] = []byte{'{'}
		} else {
			out[i] = append(out[i], ',')
		}
		out[i] = append(appendString(out[i], stem), ':')
		out[i] = append(out[i], records[t]...)
	}
	for i := range out {
		if out[i] == nil {
			out[i] = []byte{'{'}
		}
		out[i] = append(out[i], "}\n"...)
	}
	return out
}

// bucketOf is the bucket of stem among n: the FNV-1a hash (32 bits) of its bytes, modulo n.
func bucketOf(stem string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(stem))
	return int(h.Sum32() % uint32(n))
}

// appendRecord appends what a result needs on screen, as JSON: [doc, title, URL, heading,
// anchor, snippet], and for AMIs [issuer, deadline, country indexes] after it.
func (ix *index) appendRecord(buf []byte, x posting) []byte {
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
	buf = strconv.AppendInt(append(buf, '['), int64(x.doc), 10)
	for _, s := range []string{d.Title, d.URL, heading, anchor, snip} {
		buf = appendString(append(buf, ','), s)
	}
	if d.Type == "ami" {
		buf = appendString(append(buf, ','), d.Issuer)
		buf = appendString(append(buf, ','), d.Deadline)
		buf = appendInts(append(buf, ','), ix.docCountries[x.doc])
	}
	return append(buf, ']')
}

// appendString appends s as a JSON string, as marshal writes it: UTF-8 kept, no HTML escaping.
// Runs of characters that need no escape, nearly all of a text, are copied at once.
func appendString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	kept := 0 // s[kept:i] is to be copied as it is
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\\' {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
			if (r != utf8.RuneError || n > 1) && r != '\u2028' && r != '\u2029' {
				i += n
				continue
			}
		}
		buf = append(buf, s[kept:i]...)
		switch {
		case c == '"' || c == '\\':
			buf = append(buf, '\\', c)
		case c == '\n':
			buf = append(buf, '\\', 'n')
		case c == '\r':
			buf = append(buf, '\\', 'r')
		case c == '\t':
			buf = append(buf, '\\', 't')
		case c == '\b':
			buf = append(buf, '\\', 'b')
		case c == '\f':
			buf = append(buf, '\\', 'f')
		case c < 0x20:
			buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		case n == 1: // a byte that is not UTF-8
			buf = append(buf, `\ufffd`...)
		default: // U+2028 or U+2029, which end a line in JavaScript source
			buf = append(buf, `\u202`...)
			buf = append(buf, hex[r&15])
		}
		i += n
		kept = i
	}
	buf = append(buf, s[kept:]...)
	return append(buf, '"')
}

func appendInts(buf []byte, vals []int) []byte {
	buf = append(buf, '[')
	for i, v := range vals {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendInt(buf, int64(v), 10)
	}
	return append(buf, ']')
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
	out := collapseSpaces(text[start:end])
	if start > 0 {
		out = "… " + out
	}
	if end < len(text) {
		out += " …"
	}
	return out
}

// collapseSpaces replaces each run of white space in s by one space, and trims it.
func collapseSpaces(s string) string {
	prevSpace := true // no space at the start
	for _, r := range s {
		space := unicode.IsSpace(r)
		if space && (r != ' ' || prevSpace) {
			return strings.Join(strings.Fields(s), " ")
		}
		prevSpace = space
	}
	if prevSpace && s != "" {
		return strings.Join(strings.Fields(s), " ") // a space at the end
	}
	return s // the usual case, without allocating
}

// chunk is the display data of docs [lo, hi): [title, URL, summary, issuer, deadline] each,
// and with a text store, the text block of each section.
func (ix *index) chunk(lo, hi int) ([]byte, error) {
	rows := make([][]any, 0, hi-lo)
	for i := lo; i < hi; i++ {
		d := &ix.docs[i]
		summary := d.Summary
		if len(summary) > summaryLen {
			summary = snippet(summary, 0)
		}
		row := []any{d.Title, d.URL, strings.Join(strings.Fields(summary), " ")}
		if d.Issuer != "" || d.Deadline != "" || ix.blocks != nil {
			row = append(row, d.Issuer, d.Deadline)
		}
		if ix.blocks != nil {
			row = append(row, append([]int{}, ix.docBlocks[i]...))
		}
		rows = append(rows, row)
	}
	return marshal(rows)
}

// facetTable codes each doc's countries and sectors (see the package documentation).
func (ix *index) facetTable() []byte {
	var w bitWriter
	first := [2]int{-1, -1}
	for i := range ix.docs {
		writeSet(&w, ix.docCountries[i], len(ix.countries), &first[0])
		writeSet(&w, ix.docSectors[i], len(ix.sectors), &first[1])
	}
	return w.bytes()
}

// writeSet codes a sorted set of indexes below n: its size in unary; a bit telling whether
// its first index is the previous set's first, and if not, that index; then each other index
// as its distance from the one before, in as many bits as the values left to choose from need.
func writeSet(w *bitWriter, vals []int, n int, first *int) {
	w.rice(uint64(len(vals)), 0)
	prev := -1
	for i, v := range vals {
		if i == 0 {
			if v == *first {
				w.bit(1)
				prev = v
				continue
			}
			w.bit(0)
			*first = v
		}
		w.fixed(uint64(v-prev-1), setWidth(n, prev))
		prev = v
	}
}

// setWidth is the width of the index following prev in a set of indexes below n.
func setWidth(n, prev int) int { return bits.Len(uint(max(0, n-prev-2))) }

// uniqueIndexes maps vals to their sorted, distinct indexes in ix.
func uniqueIndexes(vals []string, ix map[string]int) []int {
	out := make([]int, 0, len(vals))
	for _, v := range vals {
		out = append(out, ix[v])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// meta is the entry point of search.js.
func (ix *index) meta(bounds []string, buckets int, version string) ([]byte, error) {
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
	return marshal(map[string]any{
		"v": formatV, "n": len(ix.docs), "k": recordsPerTerm, "kf": frequentRecords, "g": chunkSize, "x": ix.blocks != nil,
		"t": types,
		"o": []any{ix.open.lo, ix.open.hi, ix.open.d0, ix.open.perDay},
		"c": named(ix.countries, countryName),
		"s": named(ix.sectors, sectorName),
		"y": syn,
		"b": bounds,
		"r": buckets,
		"f": strings.Join(ix.frequentStems(), " "),
		"h": version,
	})
}

// frequentStems lists, in order, the terms that have their own file.
func (ix *index) frequentStems() []string {
	var out []string
	for t, stem := range ix.stems {
		if ix.frequent[t] {
			out = append(out, stem)
		}
	}
	return out
}

// version hashes the files, so that search.js asks for this index's files and not for those a
// cache kept from an earlier build.
func version(files []output.File) string {
	h := fnv.New64a()
	for _, f := range files {
		h.Write([]byte(f.Path))
		h.Write(f.Data)
	}
	return strconv.FormatUint(h.Sum64()>>24, 36)
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

package search

import (
	"math"
	"math/bits"
	"sort"

	"coexport/internal/parallel"
)

// posting is one document of a term's list.
type posting struct {
	doc    uint32
	impact uint8 // class*16 + BM25 level (1..15)
	sec    int16
	off    int32
}

// postings turns the documents' hits into per-term lists with their impacts, in two passes
// so that the hits (20 bytes each) and the postings (12) are not all in memory at once: each
// document's hits become the list of its terms' postings, and are let go of; then those lists
// are dealt out to the terms, each let go of once dealt. On the 50k-page benchmark corpus the
// hits weigh 203 MB and the postings 119.
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
	type termPosting struct {
		term   uint32
		impact uint8
		sec    int16
		off    int32
	}
	byDoc := make([][]termPosting, len(hits))
	parallel.For(len(hits), func(d int) {
		norm := k1 * (1 - b + b*float64(lengths[d])/max(avg, 1))
		list := make([]termPosting, len(hits[d]))
		for i := range hits[d] {
			h := &hits[d][i]
			list[i] = termPosting{term: h.term, impact: impact(h, norm, ix.docs[d].Hub), sec: h.sec, off: h.off}
		}
		byDoc[d], hits[d] = list, nil
	})
	all := make([]posting, total)
	ix.post = make([][]posting, len(ix.stems))
	at := 0
	for t, n := range df {
		ix.post[t] = all[at : at : at+n]
		at += n
	}
	for d, list := range byDoc {
		for _, x := range list {
			ix.post[x.term] = append(ix.post[x.term], posting{doc: uint32(d), impact: x.impact, sec: x.sec, off: x.off})
		}
		byDoc[d] = nil
	}
}

// impact is a term's weight in a document: its class (best field) times 16, plus its BM25F
// saturation quantized to 1..15. Sorting by impact sorts by class, then BM25. A hub's title
// words take the top level, 15.
func impact(h *hit, norm float64, hub bool) uint8 {
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
	if hub && class == numFields-1-fieldTitle {
		q = 15
	}
	return uint8(class*16 + q)
}

// pickFrequent chooses the terms that get their own file: the most frequent ones.
func (ix *index) pickFrequent() {
	n := max(minFrequent, len(ix.docs)/frequentPart)
	ids := make([]int, 0, len(ix.stems))
	for t, p := range ix.post {
		if len(p) > recordsPerTerm {
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

// encodePostings writes a term's list as impact segments (see the package documentation),
// with each document's best section when withSections.
func encodePostings(ranked []posting, withSections bool) []byte {
	var w bitWriter
	width := 0
	if withSections {
		for _, x := range ranked {
			width = max(width, bits.Len(uint(x.sec+1)))
		}
	}
	w.fixed(uint64(width), 4)
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
		for i, g := range gaps {
			w.rice(uint64(g), k)
			w.fixed(uint64(s[i].sec+1), width)
		}
	}
	return w.bytes()
}

package site

import (
	"slices"

	"coexport/internal/content"
	"coexport/internal/data"
)

// Related returns the cases and the open AMIs that share a country or a sector with p,
// the most shared first (a shared country counts 2, a shared sector 1, ties in list
// order), at most n of each.
func (s *Site) Related(p *content.Page, n int) (cases []*content.Page, open []*data.AMI) {
	t := s.tagIndex()
	w := t.weights(p)
	return topBy(s.Cases, p, n, &t.cases, w), topBy(s.Open, nil, n, &t.open, w)
}

// tagIndex holds the countries and sectors of the cases and the open AMIs as small
// integers: every chapter page asks for its related items, and scoring thousands of
// them by comparing strings was a tenth of the rendering.
type tagIndex struct {
	countries, sectors map[string]int32 // code or slug → tag
	cases, open        tagLists         // in the order of Site.Cases and Site.Open
}

// tagLists are the tags of a list of items, item i's being tags[start[i]:start[i+1]].
type tagLists struct {
	tags  []int32
	start []int32
}

func (s *Site) tagIndex() *tagIndex {
	if s.tags == nil { // a Site not made by Assemble
		return newTagIndex(s)
	}
	return s.tags()
}

func newTagIndex(s *Site) *tagIndex {
	t := &tagIndex{countries: map[string]int32{}, sectors: map[string]int32{}}
	for _, c := range s.Cases {
		t.cases.add(t.tagsOf(c.Countries, c.Sectors))
	}
	for _, a := range s.Open {
		t.open.add(t.tagsOf(a.Countries, a.Sectors))
	}
	return t
}

// tagsOf returns the tags of an item's countries and sectors, giving new ones a number.
func (t *tagIndex) tagsOf(countries, sectors []string) []int32 {
	var out []int32
	for _, group := range []struct {
		names []string
		ids   map[string]int32
	}{{countries, t.countries}, {sectors, t.sectors}} {
		for _, name := range group.names {
			id, ok := group.ids[name]
			if !ok {
				id = int32(len(t.countries) + len(t.sectors))
				group.ids[name] = id
			}
			out = append(out, id)
		}
	}
	return out
}

func (l *tagLists) add(tags []int32) {
	if l.start == nil {
		l.start = []int32{0}
	}
	l.tags = append(l.tags, tags...)
	l.start = append(l.start, int32(len(l.tags)))
}

// weights returns what each tag scores for p: 2 for one of its countries, 1 for one of
// its sectors, 0 for the others.
func (t *tagIndex) weights(p *content.Page) []int {
	w := make([]int, len(t.countries)+len(t.sectors))
	for _, c := range p.Countries {
		if id, ok := t.countries[c]; ok {
			w[id] = 2
		}
	}
	for _, sec := range p.Sectors {
		if id, ok := t.sectors[sec]; ok {
			w[id] = 1
		}
	}
	return w
}

// score returns the sum of the weights of item i's tags.
func (l *tagLists) score(i int, w []int) int {
	n := 0
	for _, id := range l.tags[l.start[i]:l.start[i+1]] {
		n += w[id]
	}
	return n
}

// topBy returns up to n of items with a positive score, best first, ties in list order,
// keeping only the best n while it scores them.
func topBy[T comparable](items []T, self T, n int, l *tagLists, w []int) []T {
	if n <= 0 {
		return nil
	}
	type scored struct{ i, score int }
	top := make([]scored, 0, n+1)
	for i, it := range items {
		if it == self {
			continue
		}
		sc := l.score(i, w)
		if sc == 0 || len(top) == n && sc <= top[n-1].score {
			continue
		}
		j := len(top)
		for j > 0 && top[j-1].score < sc {
			j--
		}
		top = slices.Insert(top, j, scored{i, sc}) // within its capacity, n+1
		top = top[:min(n, len(top))]
	}
	out := make([]T, len(top))
	for k, s := range top {
		out[k] = items[s.i]
	}
	return out
}

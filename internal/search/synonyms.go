package search

import "strings"

// synGroup is one line of site.yaml's synonyms, analyzed: every member (a word or a phrase)
// stands for the canonical token.
type synGroup struct {
	Canon   string     // the shortest one-word member, else the first member's stems joined
	Members [][]string // each member's stems, in site.yaml's order
}

// compileSynonyms analyzes the synonym groups. Members that analyze to nothing (only stop
// words) are dropped, and so are groups left with fewer than two members.
func compileSynonyms(groups [][]string) []synGroup {
	var out []synGroup
	for _, g := range groups {
		var sg synGroup
		for _, m := range g {
			if toks := Analyze(m); len(toks) > 0 {
				sg.Members = append(sg.Members, toks)
			}
		}
		if len(sg.Members) < 2 {
			continue
		}
		sg.Canon = strings.Join(sg.Members[0], "")
		best := -1
		for i, m := range sg.Members {
			if len(m) == 1 && (best < 0 || len(m[0]) < len(sg.Members[best][0])) {
				best = i
			}
		}
		if best >= 0 {
			sg.Canon = sg.Members[best][0]
		}
		out = append(out, sg)
	}
	return out
}

// synonymMatcher finds synonyms in a sequence of term ids: members of one word map to their
// canonical id, phrases are looked up by their first word.
type synonymMatcher struct {
	single  map[uint32]uint32
	phrases map[uint32][]synPhrase
}

type synPhrase struct {
	rest  []uint32 // the ids after the first
	canon uint32
}

// newSynonymMatcher interns the groups' stems with intern. When a word belongs to several
// groups, the first group wins.
func newSynonymMatcher(groups []synGroup, intern func(string) uint32) *synonymMatcher {
	m := &synonymMatcher{single: map[uint32]uint32{}, phrases: map[uint32][]synPhrase{}}
	for _, g := range groups {
		canon := intern(g.Canon)
		for _, mem := range g.Members {
			ids := make([]uint32, len(mem))
			for i, s := range mem {
				ids[i] = intern(s)
			}
			if len(ids) == 1 {
				if _, dup := m.single[ids[0]]; !dup && ids[0] != canon {
					m.single[ids[0]] = canon
				}
				continue
			}
			m.phrases[ids[0]] = append(m.phrases[ids[0]], synPhrase{rest: ids[1:], canon: canon})
		}
	}
	return m
}

// match calls fn(canon, i) for each synonym found at position i of ids.
func (m *synonymMatcher) match(ids []uint32, fn func(canon uint32, i int)) {
	if m == nil {
		return
	}
	for i, id := range ids {
		if c, ok := m.single[id]; ok {
			fn(c, i)
		}
		for _, p := range m.phrases[id] {
			if i+len(p.rest) < len(ids) && equalIDs(ids[i+1:i+1+len(p.rest)], p.rest) {
				fn(p.canon, i)
			}
		}
	}
}

func equalIDs(a, b []uint32) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

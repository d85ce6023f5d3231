package search

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// typeOrder ranks the known types; others follow, sorted by name. Hubs come first: ties in
// score go to the lower doc id.
var typeOrder = map[string]int{"pays": 0, "secteur": 1, "chapitre": 2, "cas": 3, "modele": 4, "ami": 5, "page": 6}

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
// open AMIs last and by deadline, so that "open today" is a range too; closed AMIs and cases
// by first sector and first country, so that the facet table compresses; the rest (chapters,
// pages) by title, so that related pages share doc chunks.
func orderDocs(docs []Doc) []Doc {
	out := slices.Clone(docs)
	keys := make(map[string][3]string, len(out))
	for _, d := range out {
		k := [3]string{"", "", foldKey(d.Title)}
		switch {
		case d.Type == "ami" && d.Open:
			k[0], k[1] = "1", deadlineKey(&d)
		case d.Type == "ami" || d.Type == "cas":
			k[0], k[1] = "0", minOf(d.Sectors)+" "+minOf(d.Countries)
		}
		keys[d.URL] = k
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if ra, rb := typeRank(a.Type), typeRank(b.Type); ra != rb {
			return ra < rb
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if ka, kb := keys[a.URL], keys[b.URL]; ka != kb {
			return slices.Compare(ka[:], kb[:]) < 0
		}
		return a.URL < b.URL
	})
	return out
}

// minOf is the smallest of vals, the one the facet table codes first.
func minOf(vals []string) string {
	if len(vals) == 0 {
		return ""
	}
	return slices.Min(vals)
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

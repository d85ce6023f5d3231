package french

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collators holds French collators; a collate.Collator keeps iteration state
// and must not be shared between goroutines.
var collators = sync.Pool{New: func() any { return collate.New(language.French) }}

// Compare orders a and b by French collation: accents and case matter only
// when the letters are otherwise equal, so "Égypte" < "Émirats" < "Équateur"
// < "Espagne" < "États-Unis" < "Éthiopie". Strings that collate equal but
// differ (for instance composed and decomposed accents) are ordered by their
// bytes, so Compare returns 0 only when a == b. It returns -1, 0 or +1 and is
// safe for concurrent use.
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	if r := c.CompareString(a, b); r != 0 {
		return r
	}
	return strings.Compare(a, b)
}

// Sort sorts s in place in the order of Compare.
func Sort(s []string) {
	SortFunc(s, func(x string) string { return x })
}

// SortFunc sorts s in place by the French collation of key(e), in the order
// of Compare; the sort is stable, and key is called once per element.
func SortFunc[T any](s []T, key func(T) string) {
	if len(s) < 2 {
		return
	}
	type item struct {
		coll []byte // collation key: bytewise order is the collation order
		text string
		v    T
	}
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	var buf collate.Buffer
	items := make([]item, len(s))
	for i, v := range s {
		k := key(v)
		items[i] = item{coll: c.KeyFromString(&buf, k), text: k, v: v}
	}
	slices.SortStableFunc(items, func(a, b item) int {
		if r := bytes.Compare(a.coll, b.coll); r != 0 {
			return r
		}
		return strings.Compare(a.text, b.text)
	})
	for i := range items {
		s[i] = items[i].v
	}
}

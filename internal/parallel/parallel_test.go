package parallel

import (
	"runtime"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
)

func TestFor(t *testing.T) {
	for _, procs := range []int{1, 4} {
		for _, n := range []int{0, 1, 2, 7, 1000} {
			t.Run(strconv.Itoa(procs)+"cpu/"+strconv.Itoa(n), func(t *testing.T) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				calls := make([]atomic.Int32, n)
				For(n, func(i int) { calls[i].Add(1) })
				for i := range calls {
					if c := calls[i].Load(); c != 1 {
						t.Errorf("For(%d): fn(%d) called %d times, want 1", n, i, c)
					}
				}
			})
		}
	}
}

func TestMap(t *testing.T) {
	items := make([]int, 500)
	for i := range items {
		items[i] = i
	}
	got := Map(items, func(i int) string { return strconv.Itoa(i * i) })
	want := make([]string, len(items))
	for i := range items {
		want[i] = strconv.Itoa(i * i)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Map(0…499, square) is not in the items' order: %v…", got[:5])
	}
	if got := Map([]int(nil), func(int) int { return 1 }); len(got) != 0 {
		t.Errorf("Map(nil) = %v, want empty", got)
	}
}

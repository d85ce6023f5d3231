// Package parallel runs independent pieces of work on all cores. The stages use it where
// each item's result depends on that item alone, so the order of work never changes the
// bytes they produce.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls fn(0) … fn(n-1), each exactly once, on up to GOMAXPROCS goroutines, and returns
// when all calls have returned. With one core or one item it calls them in order on the
// calling goroutine. fn must be safe to call concurrently for different i.
func For(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// Map applies fn to every item with For and returns the results in the items' order.
func Map[T, R any](items []T, fn func(T) R) []R {
	out := make([]R, len(items))
	For(len(items), func(i int) { out[i] = fn(items[i]) })
	return out
}

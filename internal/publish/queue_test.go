package publish

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"coexport/internal/output"
)

// TestQueueWritesEveryFile: every file handed to a Queue is written once, whichever
// goroutine hands it on.
func TestQueueWritesEveryFile(t *testing.T) {
	var mu sync.Mutex
	got := map[string]string{}
	q := NewQueue(func(f output.File) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := got[f.Path]; dup {
			t.Errorf("%s written twice", f.Path)
		}
		got[f.Path] = string(f.Data)
		return nil
	})
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			for i := range 500 {
				p := fmt.Sprintf("%d/%d.html", w, i)
				if err := q.Write(output.File{Path: p, Data: []byte(p)}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if err := q.Close(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1500 {
		t.Fatalf("wrote %d files, want 1500", len(got))
	}
	for p, d := range got {
		if p != d {
			t.Errorf("%s holds %q", p, d)
		}
	}
}

// TestQueueStopsOnError: after a write fails, Write and Close return that error and the
// files still queued are not written.
func TestQueueStopsOnError(t *testing.T) {
	full := errors.New("disk full")
	var n atomic.Int32
	q := NewQueue(func(output.File) error {
		if n.Add(1) == 5 {
			return full
		}
		return nil
	})
	var err error
	for i := 0; i < 10000 && err == nil; i++ {
		err = q.Write(output.File{Path: fmt.Sprint(i)})
	}
	if !errors.Is(err, full) {
		t.Errorf("Write after a failed write = %v, want %v", err, full)
	}
	if err := q.Close(); !errors.Is(err, full) {
		t.Errorf("Close = %v, want %v", err, full)
	}
	if got := n.Load(); got > 5+queueDepth+8 {
		t.Errorf("%d files written after the failure", got-5)
	}
}

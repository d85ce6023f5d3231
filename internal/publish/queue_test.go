package publish

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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
	if got := n.Load(); got > 5+8 {
		t.Errorf("%d files written after the failure", got-5)
	}
}

// TestQueueHoldsAtMostItsBudget: Write waits while the files queued or being written
// weigh queueBytes; a file larger than that goes through alone.
func TestQueueHoldsAtMostItsBudget(t *testing.T) {
	release := make(chan struct{})
	var (
		q    *Queue
		mu   sync.Mutex
		held []int // q.held at each write
	)
	q = NewQueue(func(f output.File) error {
		q.mu.Lock()
		h := q.held
		q.mu.Unlock()
		mu.Lock()
		held = append(held, h)
		mu.Unlock()
		<-release
		return nil
	})
	var admitted atomic.Int32
	sizes := []int{queueBytes / 4, queueBytes / 4, queueBytes / 4, queueBytes / 4, queueBytes / 4, 2 * queueBytes, 10}
	go func() {
		for i, n := range sizes {
			if err := q.Write(output.File{Path: fmt.Sprint(i), Data: make([]byte, n)}); err != nil {
				t.Error(err)
			}
			admitted.Add(1)
		}
	}()
	// the writers hold the first four files: the fifth must wait
	deadline := time.Now().Add(10 * time.Second)
	for admitted.Load() < 4 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if n := admitted.Load(); n != 4 {
		t.Fatalf("%d files admitted with the writers stuck, want 4 (queueBytes)", n)
	}
	for range sizes {
		release <- struct{}{}
	}
	if err := q.Close(); err != nil {
		t.Fatal(err)
	}
	for _, h := range held {
		if h > queueBytes && h != 2*queueBytes {
			t.Errorf("held %d bytes during a write, budget %d (writes saw %v)", h, queueBytes, held)
		}
	}
}

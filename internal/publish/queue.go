package publish

import (
	"runtime"
	"sync"

	"coexport/internal/output"
)

// queueDepth is how many files a Queue holds, made but not yet written, before Write
// waits: enough to keep its writers busy while a stage makes a burst of outputs, and few
// enough that a build never holds more than a sliver of its site in memory.
const queueDepth = 64

// Queue writes files through a write function on goroutines of its own, so that what
// makes the files (the render workers) never waits for the disk unless the disk falls
// queueDepth files behind. Each file's bytes are dropped once written. Creating many
// small files is bound by system calls more than by the disk, hence several writers.
type Queue struct {
	files chan output.File
	wg    sync.WaitGroup

	mu  sync.Mutex
	err error // the first write error
}

// NewQueue starts the writers, each calling write(f) for the files handed to Write.
// write must be safe for concurrent use.
func NewQueue(write func(output.File) error) *Queue {
	q := &Queue{files: make(chan output.File, queueDepth)}
	for range max(4, runtime.GOMAXPROCS(0)*2) {
		q.wg.Go(func() {
			for f := range q.files {
				if q.failed() {
					continue // drain: the build is stopping
				}
				if err := write(f); err != nil {
					q.mu.Lock()
					if q.err == nil {
						q.err = err
					}
					q.mu.Unlock()
				}
			}
		})
	}
	return q
}

func (q *Queue) failed() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.err != nil
}

// Write queues f, waiting while the queue is full. It returns the first error of an
// earlier write, if any, so that the caller stops making files. It is safe for
// concurrent use, but not after Close.
func (q *Queue) Write(f output.File) error {
	q.mu.Lock()
	err := q.err
	q.mu.Unlock()
	if err != nil {
		return err
	}
	q.files <- f
	return nil
}

// Close waits until every queued file is written and returns the first write error.
func (q *Queue) Close() error {
	close(q.files)
	q.wg.Wait()
	return q.err
}

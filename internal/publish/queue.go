package publish

import (
	"runtime"
	"sync"

	"coexport/internal/output"
)

// queueBytes is how many bytes of files a Queue holds, made but not yet written, before
// Write waits. The disk of a build machine stalls now and then for hundreds of
// milliseconds (a journal commit, another process's deletions): the render workers should
// go on making pages through a stall, not wait for the disk file by file, as they did
// behind a queue of 64 files (on the 10k benchmark corpus they waited 0.9 to 8.5 s in all,
// against 0.07 to 0.3 s with this budget). It stays a sliver of a site: 1/7 of the 10k
// corpus's 236 MB, and the build's soft memory limit stands above it.
const queueBytes = 32 << 20

// queueFiles bounds the files a Queue holds when they are small (empty files weigh nothing).
const queueFiles = 4096

// Queue writes files through a write function on goroutines of its own, so that what
// makes the files (the render workers) never waits for the disk unless the disk falls
// queueBytes behind. Each file's bytes are dropped once written. Creating many small files
// is bound by system calls more than by the disk, hence several writers.
type Queue struct {
	wg sync.WaitGroup

	mu      sync.Mutex
	room    sync.Cond     // signalled when written files free room, or on an error
	files   []output.File // queued, oldest first
	held    int           // bytes of the queued files and of those being written
	closed  bool
	pending sync.Cond // signalled when a file is queued or the queue is closed
	err     error     // the first write error
}

// NewQueue starts the writers, each calling write(f) for the files handed to Write.
// write must be safe for concurrent use.
func NewQueue(write func(output.File) error) *Queue {
	q := &Queue{}
	q.room.L, q.pending.L = &q.mu, &q.mu
	for range max(4, runtime.GOMAXPROCS(0)*2) {
		q.wg.Go(func() {
			for {
				f, ok := q.next()
				if !ok {
					return
				}
				err := write(f)
				q.mu.Lock()
				q.held -= len(f.Data)
				if err != nil && q.err == nil {
					q.err = err
					q.files = nil // the build is stopping: what is queued is not written
				}
				q.room.Broadcast()
				q.mu.Unlock()
			}
		})
	}
	return q
}

// next takes the oldest queued file, waiting for one; false once the queue is closed and
// empty.
func (q *Queue) next() (output.File, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.files) == 0 && !q.closed {
		q.pending.Wait()
	}
	if len(q.files) == 0 {
		return output.File{}, false
	}
	f := q.files[0]
	q.files[0] = output.File{}
	q.files = q.files[1:]
	return f, true
}

// Write queues f, waiting while the queue holds queueBytes or more (a file larger than
// that waits for an empty queue) or queueFiles files. It returns the first error of an earlier write, if any,
// so that the caller stops making files. It is safe for concurrent use, but not after
// Close.
func (q *Queue) Write(f output.File) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.err == nil && (q.held > 0 && q.held+len(f.Data) > queueBytes || len(q.files) >= queueFiles) {
		q.room.Wait()
	}
	if q.err != nil {
		return q.err
	}
	q.held += len(f.Data)
	q.files = append(q.files, f)
	q.pending.Signal()
	return nil
}

// Close waits until every queued file is written and returns the first write error.
func (q *Queue) Close() error {
	q.mu.Lock()
	q.closed = true
	q.pending.Broadcast()
	q.mu.Unlock()
	q.wg.Wait()
	return q.err
}

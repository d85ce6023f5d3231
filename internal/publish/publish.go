// Package publish is the only writer of a build's outputs: to a folder on disk, swapped in
// whole so that readers and hosts never see half a site and a failed build never touches
// the last good one, or to an in-memory Snapshot that the dev server serves.
//
// On disk, a build goes through a Staging: Stage checks that the output folder may be
// replaced (guard.go), takes a lock beside it (lock_*.go), finishes what a killed build
// left (swap.go) and opens a temporary folder; Write fills it, possibly from several
// goroutines; Commit writes the manifest of what coexport wrote (manifest.go) and swaps
// the folder in, carrying over the files that are the user's. Dir does all three.
package publish

import (
	"cmp"
	"runtime"
	"sync"
	"sync/atomic"

	"coexport/internal/output"
)

// Dir writes files as the complete new content of dir: Stage, Write of each file, Commit.
// When it fails, dir is left as it was.
func Dir(dir string, files []output.File, opts Options) error {
	s, err := Stage(dir, opts)
	if err != nil {
		return err
	}
	if err := s.WriteAll(files); err != nil {
		s.Abort()
		return err
	}
	return s.Commit()
}

// WriteAll writes files on several goroutines, since creating many small files is bound
// by system calls, not by the disk.
func (s *Staging) WriteAll(files []output.File) error {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		next     atomic.Int64
	)
	for range max(4, runtime.GOMAXPROCS(0)*2) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				if err := s.Write(files[i]); err != nil {
					mu.Lock()
					firstErr = cmp.Or(firstErr, err)
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return firstErr
}

// Snapshot is an in-memory site that is replaced whole: readers see either the previous
// site or the next one, never a mix.
type Snapshot struct {
	cur atomic.Pointer[map[string][]byte]
}

// Swap makes files the current site.
func (s *Snapshot) Swap(files []output.File) {
	m := make(map[string][]byte, len(files))
	for _, f := range files {
		m[f.Path] = f.Data
	}
	s.cur.Store(&m)
}

// Get returns the bytes at path ("guide/x/index.html") in the current site.
func (s *Snapshot) Get(path string) ([]byte, bool) {
	m := s.cur.Load()
	if m == nil {
		return nil, false
	}
	b, ok := (*m)[path]
	return b, ok
}

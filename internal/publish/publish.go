// Package publish is the only writer of a build's outputs: to a folder on disk, swapped in
// whole so that readers and hosts never see half a site and a failed build never touches
// the last good one, or to an in-memory Snapshot that the dev server serves.
package publish

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"coexport/internal/output"
)

// Dir writes files as the complete new content of dir. It writes them into a temporary
// folder beside dir, then swaps it in with renames, keeping dir's hidden top-level files
// (such as a committed .gitkeep). When it fails, dir is left as it was.
func Dir(dir string, files []output.File) (err error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := writeAll(tmp, files); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := keepHidden(dir, tmp); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			err = errors.Join(err, os.Rename(old, dir))
		}
		return fmt.Errorf("publish: %w", err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// keepHidden copies the hidden top-level files of dir (".gitkeep") into tmp.
func keepHidden(dir, tmp string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") || !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(tmp, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	return nil
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

// writeAll writes files under root: folders first, then the files on several goroutines,
// since creating many small files is bound by system calls, not by the disk.
func writeAll(root string, files []output.File) error {
	dirs := map[string]bool{}
	for _, f := range files {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
			return fmt.Errorf("output path %q leaves the output folder", f.Path)
		}
		dirs[filepath.Dir(filepath.Join(root, filepath.FromSlash(f.Path)))] = true
	}
	for d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
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
				p := filepath.Join(root, filepath.FromSlash(files[i].Path))
				if err := os.WriteFile(p, files[i].Data, 0o644); err != nil {
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

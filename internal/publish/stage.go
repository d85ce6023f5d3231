package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"coexport/internal/output"
)

// Options says where a build may publish and what it must keep.
type Options struct {
	// Src is the project folder. When set, Stage refuses an output folder that is Src,
	// holds it, or lies inside Src/content or Src/layouts.
	Src string
	// Keep lists paths (slash-separated, relative to the output folder) of files or
	// folders that are the user's: each build carries them over untouched, as it does
	// .git, CNAME, .nojekyll and the other names of alwaysKept.
	Keep []string
	// LockWait is how long Stage waits while another build writes into the same place:
	// zero means DefaultLockWait, a negative value not at all.
	LockWait time.Duration
	// Waiting, when set, is called once if Stage has to wait for another build.
	Waiting func()
}

// DefaultLockWait is how long Stage waits for another build by default.
const DefaultLockWait = time.Minute

// Staging is a build's output being written: files go into a temporary folder beside
// the output folder, which Commit swaps in whole. Write may be called from several
// goroutines; Commit or Abort, called once every Write has returned, ends it and
// releases the lock.
type Staging struct {
	dir, tmp string
	keep     []string
	unlock   func()

	mu    sync.Mutex
	paths map[string]bool
	dirs  map[string]bool
	ended bool
}

// Stage prepares a build into dir: it refuses a dir that is not the build's to replace
// (see guard.go), waits for any other build into it, finishes what a killed build left
// beside it, and creates the temporary folder that Write fills.
func Stage(dir string, opts Options) (_ *Staging, err error) {
	out, err := resolve(dir)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := checkPlace(dir, out, opts.Src); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	keep, err := keepList(opts.Keep)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	// The lock is the parent folder's (the output folder itself is swapped out): builds into
	// one folder take turns, and so do builds into folders side by side.
	unlock, err := lock(parent, lockWait(opts.LockWait), opts.Waiting)
	if err != nil {
		return nil, fmt.Errorf("publish: %s: %w (builds into one folder, or into folders side by side in %s, take turns)", displayPath(dir), err, displayPath(parent))
	}
	defer func() {
		if err != nil {
			unlock()
		}
	}()
	step("locked")
	if err := recoverBeside(out); err != nil {
		return nil, fmt.Errorf("publish: finishing an interrupted build: %w", err)
	}
	if err := checkContents(dir, out, keep); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, tempPrefix(out))
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("publish: %w", err)
	}
	return &Staging{dir: out, tmp: tmp, keep: keep, unlock: unlock, paths: map[string]bool{}, dirs: map[string]bool{}}, nil
}

// lockWait applies Options.LockWait's default.
func lockWait(d time.Duration) time.Duration {
	if d == 0 {
		return DefaultLockWait
	}
	return max(d, 0)
}

// Write writes one output into the temporary folder; it has the signature of
// pipeline.Config.Write, so that a build streams its outputs straight in.
func (s *Staging) Write(f output.File) error {
	p := f.Path
	if err := checkOutputPath(p); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	s.mu.Lock()
	if s.ended {
		s.mu.Unlock()
		return errors.New("publish: write after the build was committed or aborted")
	}
	if s.paths[p] {
		s.mu.Unlock()
		return fmt.Errorf("publish: output path %q written twice", p)
	}
	s.paths[p] = true
	d := path.Dir(p)
	mkdir := d != "." && !s.dirs[d]
	s.mu.Unlock()
	if mkdir {
		if err := makeDir(filepath.Join(s.tmp, filepath.FromSlash(d))); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		s.mu.Lock()
		s.dirs[d] = true
		s.mu.Unlock()
	}
	if err := writeFile(filepath.Join(s.tmp, filepath.FromSlash(p)), f.Data); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	step("written")
	return nil
}

// makeDir makes the folder dir and its parents. Most pages' folders are new and their
// parent exists (ami/ for ami/ami-2026-0001/): one mkdir, where os.MkdirAll would first
// stat the folder and its parent. Like MkdirAll, it is safe when two goroutines make the
// same folder at once.
func makeDir(dir string) error {
	err := os.Mkdir(dir, 0o755)
	switch {
	case err == nil || errors.Is(err, fs.ErrExist):
		return nil
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	}
	return err
}

// checkOutputPath refuses a path that would leave the output folder, replace the
// manifest, or could not be listed in it.
func checkOutputPath(p string) error {
	switch {
	case !fs.ValidPath(p) || p == "." || strings.ContainsAny(p, "\\\n\r"):
		return fmt.Errorf("output path %q leaves the output folder or is not a clean path", p)
	case p == ManifestName:
		return fmt.Errorf("output path %q is reserved for coexport's manifest", p)
	}
	return nil
}

// Commit writes the manifest and swaps the temporary folder in as the output folder,
// carrying over the files that are the user's. When it fails before the swap, the
// output folder is left as it was.
func (s *Staging) Commit() (err error) {
	s.mu.Lock()
	if s.ended {
		s.mu.Unlock()
		return errors.New("publish: commit after the build was committed or aborted")
	}
	s.ended = true
	s.mu.Unlock()
	defer s.unlock()
	defer func() {
		if err != nil {
			os.RemoveAll(s.tmp)
		}
	}()
	paths := make([]string, 0, len(s.paths))
	for p := range s.paths {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	if err := writeManifest(s.tmp, paths); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	step("staged")
	if err := s.checkCollisions(); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := swapIn(s.tmp, s.dir); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// checkCollisions refuses a build that would write where the swap must carry over the
// user's files: the kept ones, and any that appeared during the build.
func (s *Staging) checkCollisions() error {
	kept, foreign, err := classify(s.dir, s.keep)
	if err != nil {
		return err
	}
	dirs := ancestors(s.paths)
	for _, k := range append(kept, foreign...) {
		k = strings.TrimSuffix(k, "/")
		at := ""
		if dirs[k] {
			at = k
		}
		for d := k; d != "." && at == ""; d = path.Dir(d) {
			if s.paths[d] {
				at = d
			}
		}
		if at != "" {
			return fmt.Errorf("the site has an output at %s, where the output folder keeps the user's %s: rename the page or move %s away", at, k, k)
		}
	}
	return nil
}

// Abort removes the temporary folder and releases the lock; the output folder is left
// as it was. Abort after Commit does nothing.
func (s *Staging) Abort() {
	s.mu.Lock()
	ended := s.ended
	s.ended = true
	s.mu.Unlock()
	if ended {
		return
	}
	os.RemoveAll(s.tmp)
	s.unlock()
}

// step marks a named point of a build; tests replace it to stop a build there and kill it.
var step = func(name string) {}

// ErrBusy is returned by Stage when another build holds the output folder's lock for
// longer than Options.LockWait.
var ErrBusy = errors.New("another coexport build is writing there")

func busy(wait time.Duration) error {
	if wait <= 0 {
		return fmt.Errorf("%w: try again when it has finished", ErrBusy)
	}
	return fmt.Errorf("%w (waited %s): try again when it has finished", ErrBusy, wait)
}

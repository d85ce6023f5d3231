package pipeline

import (
	"cmp"
	"path"
	"slices"
	"strings"
	"sync"

	"coexport/internal/diag"
	"coexport/internal/output"
)

// emitter hands the outputs of a build on as they are made: to Config.Write, which
// streams them to the disk so that the build holds none of them, or into a list that
// Result.Files returns. Either way it refuses an output whose path is taken: the same path
// twice, or a file where a folder of another output is (sitemap.xml and a page at
// /sitemap.xml/). Such a collision is a content error at the source that makes the output,
// the same in check and build; the output is not handed on, so the disk never sees it.
type emitter struct {
	write func(output.File) error

	origin func(path string) diag.Pos // the source that makes an output

	mu         sync.Mutex
	paths      map[string]struct{}
	dirs       map[string]string // a folder of some output ("a/b") → that output
	collisions diag.List
	list       []output.File // without write
	pages      int           // HTML outputs
	files      int
	writeErr   error // the first error of write: the build stops, and fails
}

func newEmitter(write func(output.File) error, origin func(string) diag.Pos) *emitter {
	return &emitter{write: write, origin: origin, paths: map[string]struct{}{}, dirs: map[string]string{}}
}

// emit hands f on. It is safe for concurrent use.
func (e *emitter) emit(f output.File) error {
	e.mu.Lock()
	if e.writeErr != nil {
		e.mu.Unlock()
		return e.writeErr
	}
	if other, ok := e.taken(f.Path); ok {
		e.collide(f.Path, other)
		e.mu.Unlock()
		return nil
	}
	e.paths[f.Path] = struct{}{}
	for dir := path.Dir(f.Path); dir != "."; dir = path.Dir(dir) {
		if _, seen := e.dirs[dir]; seen {
			break
		}
		e.dirs[dir] = f.Path
	}
	e.files++
	if strings.HasSuffix(f.Path, ".html") {
		e.pages++
	}
	if e.write == nil {
		e.list = append(e.list, f)
		e.mu.Unlock()
		return nil
	}
	e.mu.Unlock()
	if err := e.write(f); err != nil {
		e.mu.Lock()
		e.writeErr = cmp.Or(e.writeErr, err)
		e.mu.Unlock()
		return err
	}
	return nil
}

// taken returns the output already handed on that p collides with: p itself, an output
// below the folder p, or an output at one of p's folders.
func (e *emitter) taken(p string) (string, bool) {
	if _, dup := e.paths[p]; dup {
		return p, true
	}
	if below, ok := e.dirs[p]; ok {
		return below, true
	}
	for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
		if _, ok := e.paths[dir]; ok {
			return dir, true
		}
	}
	return "", false
}

// collide reports that p collides with other, at the source of whichever of the two comes
// from the content (p's when both do).
func (e *emitter) collide(p, other string) {
	why := "both would be written at /" + p
	if p != other {
		why = "one would be written inside the other, as a folder"
	}
	at, culprit := e.origin(p), p
	if at.File == "" {
		at, culprit = e.origin(other), other
	}
	if at.File == "" { // two outputs of the layouts and feeds
		e.collisions.Add(diag.Pos{File: "layouts"}, "/%s collides with /%s (%s)", urlOf(p), urlOf(other), why)
		return
	}
	e.collisions.Add(at, "/%s collides with /%s (%s): rename the file that makes /%s",
		urlOf(p), urlOf(other), why, urlOf(culprit))
}

// urlOf returns the site-relative URL of an output path: "guide/x/" for guide/x/index.html.
func urlOf(p string) string {
	if p == "index.html" {
		return ""
	}
	return strings.TrimSuffix(p, "index.html")
}

// all emits files in order, stopping at the first error.
func (e *emitter) all(files []output.File) error {
	for _, f := range files {
		if err := e.emit(f); err != nil {
			return err
		}
	}
	return nil
}

// sorted returns the outputs kept without write, sorted by path.
func (e *emitter) sorted() []output.File {
	slices.SortFunc(e.list, func(a, b output.File) int { return cmp.Compare(a.Path, b.Path) })
	return e.list
}

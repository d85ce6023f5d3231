package pipeline

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"coexport/internal/output"
)

// emitter hands the outputs of a build on as they are made: to Config.Write, which
// streams them to the disk so that the build holds none of them, or into a list that
// Result.Files returns. Either way it refuses a second output with the same path.
type emitter struct {
	write func(output.File) error

	mu       sync.Mutex
	paths    map[string]struct{}
	list     []output.File // without write
	pages    int           // HTML outputs
	files    int
	writeErr error // the first error of write: the build stops, and fails
}

func newEmitter(write func(output.File) error) *emitter {
	return &emitter{write: write, paths: map[string]struct{}{}}
}

// emit hands f on. It is safe for concurrent use.
func (e *emitter) emit(f output.File) error {
	e.mu.Lock()
	if _, dup := e.paths[f.Path]; dup {
		e.mu.Unlock()
		return fmt.Errorf("two outputs have the path %s", f.Path)
	}
	if e.writeErr != nil {
		e.mu.Unlock()
		return e.writeErr
	}
	e.paths[f.Path] = struct{}{}
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

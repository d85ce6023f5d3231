package cli

import (
	"io/fs"
	"path/filepath"
	"runtime/debug"
)

// A one-shot build's live heap peaks at about 4.5 times the size of content/ (the parsed
// pages and catalogue, the search index being built, the outputs in flight): 160 MB for
// the 35 MB of the 10k-page benchmark corpus. The garbage collector's default pacing
// lets the heap grow to twice the live heap, and the runtime keeps freed memory a while;
// the limit below caps both, with room above the live peak, so that the collector
// rarely runs more often than it would anyway.
const (
	memoryBase     = 64 << 20 // the program, layouts, goroutine stacks, small sites
	memoryPerInput = 8        // bytes of limit per byte of content/
)

// limitMemory sets a soft memory limit for a build of src from the size of its content,
// unless the user set GOMEMLIMIT (then the runtime's own reading of it stands).
func limitMemory(src string, getenv func(string) string) {
	if getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(memoryLimit(contentSize(src)))
}

// memoryLimit is the soft memory limit of a build whose content/ holds size bytes.
func memoryLimit(size int64) int64 { return memoryBase + memoryPerInput*size }

// contentSize adds up the sizes of the regular files under src/content.
func contentSize(src string) int64 {
	var n int64
	filepath.WalkDir(filepath.Join(src, "content"), func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // the build reports unreadable files itself
		}
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

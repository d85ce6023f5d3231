package cli

import (
	"io/fs"
	"path/filepath"
	"runtime/debug"
)

// A one-shot build's live heap peaks while the pages render (the whole model alive) and
// again when it makes the search index, last: about 3.7 times the size of content/ on the
// 50k-page benchmark corpus (the model is 2.6 times content/ while the pages render, 1.3
// once they and the feeds have let go of what they alone read; the index's analysis of the
// text adds up to 2.3 times, while it turns the hits into postings), 150-210 MiB on the 33
// MiB of the 10k corpus. The garbage collector's default pacing lets the heap grow to twice
// the live heap, and the runtime keeps freed memory a while; the limit below caps both, with
// room above the live peak. The fixed part keeps a 10k-page build collecting no more often
// than it would anyway (with a limit of 229 MiB its CPU time grew by 8 %); the part per byte
// stays below the output's size (6 to 7 bytes per byte of content/ on the benchmark
// corpora), so that memory grows more slowly than what the build writes: peak RSS 993-1,005
// MiB on the 50k corpus (165 MiB of content/), 332-334 on the 10k. A lower limit does not
// lower the 50k peak, which the live heap sets: 917 MiB gives the same for 10-20 % more CPU.
const (
	memoryBase     = 160 << 20 // the program, layouts, goroutine stacks, small sites
	memoryPerInput = 5         // bytes of limit per byte of content/
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

package cli

import (
	"runtime/debug"
	"testing"
)

// TestLimitMemory: a build sets a soft memory limit from the size of content/, unless
// GOMEMLIMIT is set.
func TestLimitMemory(t *testing.T) {
	orig := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(orig) })
	const site = "../../testdata/sites/basic"
	size := contentSize(site)
	if size == 0 {
		t.Fatal("contentSize of the fixture site = 0")
	}
	limitMemory(site, func(string) string { return "" })
	if got, want := debug.SetMemoryLimit(-1), memoryLimit(size); got != want {
		t.Errorf("memory limit = %d, want %d", got, want)
	}
	debug.SetMemoryLimit(orig)
	limitMemory(site, func(k string) string {
		if k == "GOMEMLIMIT" {
			return "1GiB"
		}
		return ""
	})
	if got := debug.SetMemoryLimit(-1); got != orig {
		t.Errorf("with GOMEMLIMIT set, the limit changed to %d", got)
	}
}

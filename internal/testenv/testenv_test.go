package testenv

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestRepoRoot(t *testing.T) {
	root := repoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "internal", "testenv", "testenv.go")); err != nil {
		t.Errorf("repoRoot = %s, not the repository: %v", root, err)
	}
}

// TestMissing: without CI a missing tool skips the test; in CI it fails it.
func TestMissing(t *testing.T) {
	for _, ci := range []string{"", "true"} {
		t.Run("CI="+ci, func(t *testing.T) {
			t.Setenv("CI", ci)
			var r recorder
			done := make(chan struct{})
			go func() { // Skip and Fatal end the goroutine, as they end a test
				defer close(done)
				Missing(&r, "tool %s", "x")
			}()
			<-done
			if r.skipped != (ci == "") || r.failed != (ci == "true") {
				t.Errorf("CI=%q: skipped %v, failed %v", ci, r.skipped, r.failed)
			}
		})
	}
}

// recorder is a testing.TB that records how Missing ended it.
type recorder struct {
	testing.TB
	skipped, failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Skipf(string, ...any)  { r.skipped = true; runtime.Goexit() }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; runtime.Goexit() }

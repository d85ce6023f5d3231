package chrome

import (
	"context"
	"os"
	"testing"
)

// Need starts a headless Chromium for a test of another package and closes it when the
// test ends. Without Chromium the test is skipped, with a message, unless CI=true: CI
// installs it (.ci/run), so there a missing browser fails the test.
func Need(t testing.TB) *Browser {
	t.Helper()
	path, err := ExecPath()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v (CI=true: the browser tests must run; .ci/run installs chromium)", err)
		}
		t.Skipf("skipped: %v (CI has it: see .ci/run)", err)
	}
	b, err := Start(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

package search

import (
	"os"
	"os/exec"
	"testing"
)

// TestJSParity runs analyzer_test.mjs with node's test runner: search.js must analyze text
// exactly as Analyze does, on every vector of testdata/analyzer_vectors.json. It skips
// without node, except in CI (CI=true).
func TestJSParity(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node not found: the Go↔JS analyzer parity test must run in CI")
		}
		t.Skip("node not found: Go↔JS analyzer parity test skipped")
	}
	out, err := exec.Command(node, "--test", "analyzer_test.mjs").CombinedOutput()
	if err != nil {
		t.Fatalf("node --test analyzer_test.mjs: %v\n%s", err, out)
	}
}

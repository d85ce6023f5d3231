package search

import (
	"os/exec"
	"testing"

	"coexport/internal/testenv"
)

// TestJSParity runs analyzer_test.mjs with node's test runner: search.js must analyze text
// exactly as Analyze does, on every vector of testdata/analyzer_vectors.json. It skips
// without node, except in CI (CI=true).
func TestJSParity(t *testing.T) {
	node := testenv.LookPath(t, "node", "nodejs")
	out, err := exec.Command(node, "--test", "analyzer_test.mjs").CombinedOutput()
	if err != nil {
		t.Fatalf("node --test analyzer_test.mjs: %v\n%s", err, out)
	}
}

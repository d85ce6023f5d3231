package chrome

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestProgramsDoNotLinkTesting: the test helpers for other packages live in package
// chrometest, so that the programs (coexport, screenshots) do not link package testing
// and its flags. (go test puts its own go command first in PATH.)
func TestProgramsDoNotLinkTesting(t *testing.T) {
	for _, cmd := range []string{"coexport/cmd/coexport", "coexport/cmd/screenshots"} {
		out, err := exec.Command("go", "list", "-deps", cmd).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", cmd, err)
		}
		if slices.Contains(strings.Fields(string(out)), "testing") {
			t.Errorf("%s links package testing", cmd)
		}
	}
}

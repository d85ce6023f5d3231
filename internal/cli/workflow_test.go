package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPublishWorkflow lints .github/workflows/publish.yml with actionlint, a tool dependency
// of go.mod (go tool actionlint), and checks that the linter does fail on a broken workflow,
// so that a clean result means something.
func TestPublishWorkflow(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	lint := func(file string) (string, error) {
		cmd := exec.Command("go", "tool", "actionlint", "-no-color", file)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := lint(".github/workflows/publish.yml"); err != nil {
		t.Fatalf("actionlint publish.yml: %v\n%s", err, out)
	}

	broken := filepath.Join(t.TempDir(), "broken.yml")
	src := "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.nope.outputs.x }}\n        uses: actions/checkout@v5\n"
	if err := os.WriteFile(broken, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := lint(broken)
	if err == nil || !strings.Contains(out, "broken.yml") {
		t.Errorf("actionlint on a broken workflow: err = %v, output:\n%s\nwant a failure naming the file", err, out)
	}
}

// TestPublishWorkflowFlags checks that the workflow runs the commands and flags coexport
// has, and builds on the day (SOURCE_DATE_EPOCH at 00:00 UTC), as the README says.
func TestPublishWorkflowFlags(t *testing.T) {
	b, err := os.ReadFile("../../.github/workflows/publish.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"go run ./cmd/coexport check -format github",
		`go run ./cmd/coexport build -format github -base-url "$BASE_URL"`,
		`SOURCE_DATE_EPOCH=$(( $(date -u +%s) / 86400 * 86400 ))`,
		`cron: "7 0 * * *"`,
		"pull_request:", "workflow_dispatch:",
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("publish.yml has no %q", want)
		}
	}
	for _, line := range strings.Split(string(b), "\n") {
		if _, ref, ok := strings.Cut(line, "uses: "); ok {
			if at := strings.Index(ref, "@"); at < 0 || len(strings.Fields(ref[at+1:])[0]) != 40 || !strings.Contains(ref, "# v") {
				t.Errorf("action not pinned to a commit SHA with its tag in a comment: %s", strings.TrimSpace(line))
			}
		}
	}
}

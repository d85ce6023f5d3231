package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"coexport/internal/cli"
)

// TestCommittedSchemas checks that .vscode/schemas holds exactly what `coexport schema`
// generates for the repo's own content, and that the content files name their schema.
func TestCommittedSchemas(t *testing.T) {
	out := t.TempDir()
	run(t, "schema", "-src", "../..", "-out", out)
	generated, _ := filepath.Glob(filepath.Join(out, "*.schema.json"))
	committed, _ := filepath.Glob("../../.vscode/schemas/*.schema.json")
	names := func(paths []string) []string {
		var n []string
		for _, p := range paths {
			n = append(n, filepath.Base(p))
		}
		return n
	}
	if !slices.Equal(names(generated), names(committed)) {
		t.Fatalf(".vscode/schemas holds %v, coexport schema writes %v", names(committed), names(generated))
	}
	for _, p := range generated {
		want, _ := os.ReadFile(p)
		got, _ := os.ReadFile(filepath.Join("../../.vscode/schemas", filepath.Base(p)))
		if !bytes.Equal(got, want) {
			t.Errorf(".vscode/schemas/%s is stale: run go run ./cmd/coexport schema -out .vscode/schemas", filepath.Base(p))
		}
	}
	for _, name := range []string{"site", "amis", "enquete"} {
		b, err := os.ReadFile("../../content/" + name + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		modeline := "# yaml-language-server: $schema=../.vscode/schemas/" + name + ".schema.json\n"
		if !strings.HasPrefix(string(b), modeline) {
			t.Errorf("content/%s.yaml does not start with %q", name, strings.TrimSpace(modeline))
		}
	}
}

// TestSchemaKeepsTheUsersFiles: `coexport schema` replaces what an earlier run wrote, but
// refuses, exit 1, to overwrite a file of the same name that it did not write.
func TestSchemaKeepsTheUsersFiles(t *testing.T) {
	out := t.TempDir()
	run(t, "schema", "-src", "../..", "-out", out)
	run(t, "schema", "-src", "../..", "-out", out) // its own files: replaced

	mine := filepath.Join(out, "site.schema.json")
	hand := []byte(`{"title": "my own schema"}`)
	if err := os.WriteFile(mine, hand, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := cli.Main([]string{"schema", "-src", "../..", "-out", out}, cli.Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }})
	if code != cli.ExitContent || !strings.Contains(stderr.String(), "was not written by coexport schema") {
		t.Errorf("schema over a user's file: exit %d, stderr %q; want exit %d and a message", code, stderr.String(), cli.ExitContent)
	}
	if got, _ := os.ReadFile(mine); !bytes.Equal(got, hand) {
		t.Errorf("the user's %s was overwritten:\n%s", mine, got)
	}
}

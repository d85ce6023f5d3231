package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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

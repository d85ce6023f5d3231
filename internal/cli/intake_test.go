package cli_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coexport/internal/cli"
)

// run runs coexport in-process and fails the test on a non-zero exit.
func run(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	env := cli.Env{Stdout: &out, Stderr: &errOut, Getenv: func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1795680000" // 2026-11-26
		}
		return ""
	}}
	if code := cli.Main(args, env); code != 0 {
		t.Fatalf("coexport %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errOut.String())
	}
	return out.String()
}

// copyContent copies the repo's content/ into dir/content.
func copyContent(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir("../../content", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("../../content", p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, "content", rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestImportRoundTrip builds the repo's own site, imports its amis.csv into the same
// project with an empty catalogue, builds again, and wants the same amis.json and amis.csv
// byte for byte: the export holds every field, and the intake reads each back.
func TestImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	copyContent(t, dir)
	run(t, "build", "-src", dir, "-out", filepath.Join(dir, "first"))
	catalogue := filepath.Join(dir, "content", "amis.yaml")
	if err := os.WriteFile(catalogue, []byte("# Le catalogue, importé.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(catalogue, 0o640); err != nil { // the editor's own permissions, kept by the import
		t.Fatal(err)
	}
	out := run(t, "import", "ami", "-src", dir, filepath.Join(dir, "first", "ami", "amis.csv"))
	if info, err := os.Stat(catalogue); err != nil || info.Mode().Perm() != 0o640 {
		t.Errorf("amis.yaml after the import: %v, %v; want its permissions kept (-rw-r-----)", info.Mode(), err)
	}
	if !strings.Contains(out, " added, 0 replaced") {
		t.Errorf("import said %q", out)
	}
	run(t, "build", "-src", dir, "-out", filepath.Join(dir, "second"))
	for _, f := range []string{"ami/amis.json", "ami/amis.csv"} {
		a, errA := os.ReadFile(filepath.Join(dir, "first", f))
		b, errB := os.ReadFile(filepath.Join(dir, "second", f))
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs after export → import → build", f)
		}
	}
	cat, _ := os.ReadFile(filepath.Join(dir, "content", "amis.yaml"))
	if !bytes.HasPrefix(cat, []byte("# Le catalogue, importé.\n\n- id: ")) {
		t.Errorf("amis.yaml lost its comment or layout:\n%.200s", cat)
	}
}

package publish

import (
	"os"
	"path/filepath"
	"testing"

	"coexport/internal/output"
)

func TestDirSwapsWholeAndKeepsHiddenFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(filepath.Join(out, "old"), 0o755)
	os.WriteFile(filepath.Join(out, ".gitkeep"), nil, 0o644)
	os.WriteFile(filepath.Join(out, "old", "index.html"), []byte("stale"), 0o644)
	if err := Dir(out, []output.File{{Path: "index.html", Data: []byte("home")}, {Path: "guide/x/index.html", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{"index.html": "home", "guide/x/index.html": "x", ".gitkeep": ""} {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", p, b, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "old")); !os.IsNotExist(err) {
		t.Error("a file of the previous build survived the swap")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("temporary folders left beside the output: %v", entries)
	}
}

func TestDirRefusesEscapingPaths(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "index.html"), []byte("last good"), 0o644)
	if err := Dir(out, []output.File{{Path: "../evil.html", Data: []byte("x")}}); err == nil {
		t.Fatal("an output path leaving the folder was written")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "last good" {
		t.Errorf("a failed publish changed the output: %q", b)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(out), "evil.html")); err == nil {
		t.Error("evil.html was written outside the output")
	}
}

func TestSnapshot(t *testing.T) {
	var s Snapshot
	if _, ok := s.Get("index.html"); ok {
		t.Error("an empty snapshot serves a file")
	}
	s.Swap([]output.File{{Path: "index.html", Data: []byte("a")}})
	s.Swap([]output.File{{Path: "b.html", Data: []byte("b")}})
	if _, ok := s.Get("index.html"); ok {
		t.Error("a file of the previous snapshot is still served")
	}
	if b, ok := s.Get("b.html"); !ok || string(b) != "b" {
		t.Errorf("Get(b.html) = %q, %v", b, ok)
	}
}

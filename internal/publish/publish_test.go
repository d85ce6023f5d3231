package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coexport/internal/output"
)

// write creates the files of a map (path → content) under root.
func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		f := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tree returns the regular files under root (path → content), skipping none.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		m[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func files(m map[string]string) []output.File {
	var fs []output.File
	for p, s := range m {
		fs = append(fs, output.File{Path: p, Data: []byte(s)})
	}
	return fs
}

func TestDirReplacesWhatItWroteAndKeepsTheUsersFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	write(t, out, map[string]string{".gitkeep": "", "CNAME": "guide.example.org", ".git/HEAD": "ref", "notes/a.txt": "mes notes"})
	opts := Options{Keep: []string{"notes"}}
	if err := Dir(out, files(map[string]string{"index.html": "v1", "old/index.html": "stale"}), opts); err != nil {
		t.Fatal(err)
	}
	if err := Dir(out, files(map[string]string{"index.html": "home", "guide/x/index.html": "x"}), opts); err != nil {
		t.Fatal(err)
	}
	got := tree(t, out)
	want := map[string]string{
		"index.html": "home", "guide/x/index.html": "x",
		".gitkeep": "", "CNAME": "guide.example.org", ".git/HEAD": "ref", "notes/a.txt": "mes notes",
		ManifestName: manifestHeader + "guide/x/index.html\nindex.html\n",
	}
	if len(got) != len(want) {
		t.Errorf("output = %v, want %v", got, want)
	}
	for p, s := range want {
		if got[p] != s {
			t.Errorf("%s = %q, want %q", p, got[p], s)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "old")); !os.IsNotExist(err) {
		t.Error("a folder of the previous build survived the swap")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("temporary folders left beside the output: %v", entries)
	}
}

func TestDirRefusesEscapingPaths(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Dir(out, files(map[string]string{"index.html": "last good"}), Options{}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"../evil.html", "/abs.html", "a/../../evil.html", ManifestName, "a\nb.html", "."} {
		if err := Dir(out, []output.File{{Path: p, Data: []byte("x")}}, Options{}); err == nil {
			t.Errorf("output path %q was written", p)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "last good" {
		t.Errorf("a failed publish changed the output: %q", b)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(out), "evil.html")); err == nil {
		t.Error("evil.html was written outside the output")
	}
}

// TestStageRefusesForeignFiles: a folder holding anything coexport neither wrote nor
// keeps is never replaced, and the error names what was found.
func TestStageRefusesForeignFiles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"a file", map[string]string{"notes.txt": "x", "CNAME": "c"}, "did not write: notes.txt; "},
		{"a folder", map[string]string{"content/a.md": "x", ".git/HEAD": "r"}, "did not write: content/; "},
		{"a previous site of another tool", map[string]string{"index.html": "x"}, "did not write: index.html; "},
		{"many", map[string]string{"a": "", "b": "", "c": "", "d": "", "e": "", "f": "", "g": ""}, "did not write: a, b, c, d, e and 2 more; "},
		{"a hidden file", map[string]string{".env": "SECRET=1"}, "did not write: .env; "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "site")
			write(t, out, tc.files)
			err := Dir(out, files(map[string]string{"index.html": "new"}), Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Dir = %v, want an error containing %q", err, tc.want)
			}
			if got := tree(t, out); len(got) != len(tc.files) {
				t.Errorf("a refused build changed the folder: %v", got)
			}
			for p, s := range tc.files {
				if b, err := os.ReadFile(filepath.Join(out, p)); err != nil || string(b) != s {
					t.Errorf("%s = %q, %v; want %q", p, b, err, s)
				}
			}
		})
	}
}

// TestStageRefusesForeignFilesInsideItsOwnFolders: a manifest covers its files only.
func TestStageRefusesForeignFilesInsideItsOwnFolders(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Dir(out, files(map[string]string{"guide/a/index.html": "a"}), Options{}); err != nil {
		t.Fatal(err)
	}
	write(t, out, map[string]string{"guide/mine.txt": "x"})
	err := Dir(out, files(map[string]string{"index.html": "b"}), Options{})
	if err == nil || !strings.Contains(err.Error(), "did not write: guide/mine.txt; ") {
		t.Fatalf("Dir = %v", err)
	}
	if err := Dir(out, files(map[string]string{"index.html": "b"}), Options{Keep: []string{"guide/mine.txt"}}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "guide", "mine.txt")); string(b) != "x" {
		t.Errorf("a kept file was lost: %q", b)
	}
}

func TestCommitRefusesAnOutputOnAKeptPath(t *testing.T) {
	out := filepath.Join(t.TempDir(), "docs")
	write(t, out, map[string]string{"CNAME": "mine"})
	err := Dir(out, files(map[string]string{"CNAME": "site's", "index.html": "x"}), Options{})
	if err == nil || !strings.Contains(err.Error(), "output at CNAME") {
		t.Fatalf("Dir = %v", err)
	}
	if got := tree(t, out); len(got) != 1 || got["CNAME"] != "mine" {
		t.Errorf("output = %v", got)
	}
}

func TestStageRefusesBadKeep(t *testing.T) {
	for _, k := range []string{"../x", "/etc", ".", ManifestName} {
		if _, err := Stage(filepath.Join(t.TempDir(), "public"), Options{Keep: []string{k}}); err == nil {
			t.Errorf("-keep %q accepted", k)
		}
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

// TestDirThroughASymlink: an output folder that is a link to a folder is built in the
// link's target, and the link stays.
func TestDirThroughASymlink(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "www", "site")
	write(t, target, map[string]string{"CNAME": "c"})
	link := filepath.Join(root, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := Dir(link, files(map[string]string{"index.html": "x"}), Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v, %v", fi, err)
	}
	if got := tree(t, target); got["index.html"] != "x" || got["CNAME"] != "c" {
		t.Errorf("target = %v", got)
	}
}

// TestCommitRefusesAnOutputOnAFileAddedDuringTheBuild: a file the user adds while the
// build runs is carried over, or, if the site has it too, the build fails before the swap.
func TestCommitRefusesAnOutputOnAFileAddedDuringTheBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Dir(out, files(map[string]string{"index.html": "v1"}), Options{}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		site map[string]string
		err  string
	}{
		{map[string]string{"index.html": "v2"}, ""},
		{map[string]string{"index.html": "v3", "late.txt": "site's"}, "output at late.txt"},
	} {
		s, err := Stage(out, Options{})
		if err != nil {
			t.Fatal(err)
		}
		write(t, out, map[string]string{"late.txt": "mine"})
		if err := s.WriteAll(files(tc.site)); err != nil {
			t.Fatal(err)
		}
		err = s.Commit()
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("Commit = %v, want %q", err, tc.err)
		}
		if b, _ := os.ReadFile(filepath.Join(out, "late.txt")); string(b) != "mine" {
			t.Errorf("late.txt = %q, want the user's", b)
		}
		os.Remove(filepath.Join(out, "late.txt"))
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "v2" {
		t.Errorf("index.html = %q, want v2", b)
	}
}

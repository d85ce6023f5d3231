package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStageRefusesPlaces: whatever it holds, a build never replaces the project, its
// sources, the root or the home folder, however the path is spelled.
func TestStageRefusesPlaces(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "projet")
	write(t, src, map[string]string{"content/site.yaml": "title: x", "layouts/base.html": "x", "notes.txt": "x"})
	if err := os.Symlink(filepath.Join(src, "content"), filepath.Join(root, "lien")); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(t.TempDir(), "home")
	t.Setenv("HOME", home)
	t.Chdir(src)
	for _, tc := range []struct{ out, want string }{
		{src, "is the project folder"},
		{".", "is the project folder"},
		{"content/..", "is the project folder"},
		{root, "holds the project folder"},
		{"..", "holds the project folder"},
		{"content", "content/: the site would replace"},
		{"content/guide/new", "content/: the site would replace"},
		{"layouts", "layouts/: the site would replace"},
		{filepath.Join(root, "lien", "x"), "content/: the site would replace"},
		{filepath.Join(root, "lien", "..", "projet"), "is the project folder"}, // .. from the link's target
		{"/", "is the root of the file system"},
		{home, "is your home folder"},
		{filepath.Dir(home), "holds your home folder"},
	} {
		_, err := Stage(tc.out, Options{Src: src})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Stage(%q) = %v, want an error containing %q", tc.out, err, tc.want)
		}
	}
	if got := tree(t, src); len(got) != 3 {
		t.Errorf("a refused build changed the project: %v", got)
	}
	if _, err := os.Lstat(home); !os.IsNotExist(err) {
		t.Error("a refused build created the home folder")
	}
	s, err := Stage("public", Options{Src: src})
	if err != nil {
		t.Fatalf("Stage(public) = %v, want no error", err)
	}
	s.Abort()
}

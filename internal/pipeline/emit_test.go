package pipeline

import (
	"strings"
	"testing"

	"coexport/internal/diag"
	"coexport/internal/output"
)

// TestEmitterCollisions: an output whose path is taken — the same path, a file where a
// folder of another output is, or the reverse — is a content error at the source that
// makes it, and is never handed to Write (where the disk would fail with "is a directory").
func TestEmitterCollisions(t *testing.T) {
	origin := func(p string) diag.Pos {
		return map[string]diag.Pos{
			"sitemap.xml/index.html":    {File: "content/sitemap.xml.md", Line: 2, Col: 1},
			"cas/index.html/index.html": {File: "content/cas/index.html.md", Line: 2, Col: 1},
		}[p]
	}
	var written []string
	e := newEmitter(func(f output.File) error {
		written = append(written, f.Path)
		return nil
	}, origin)
	for _, p := range []string{"sitemap.xml", "sitemap.xml/index.html", "cas/index.html/index.html", "cas/index.html",
		"404.html", "404.html", "a/b/c.txt", "a/b", "a/b/d.txt"} {
		if err := e.emit(output.File{Path: p}); err != nil {
			t.Fatalf("emit(%s): %v", p, err)
		}
	}
	want := []string{
		"content/cas/index.html.md:2:1: /cas/ collides with /cas/index.html/ (one would be written inside the other, as a folder): rename the file that makes /cas/index.html/",
		"content/sitemap.xml.md:2:1: /sitemap.xml/ collides with /sitemap.xml (one would be written inside the other, as a folder): rename the file that makes /sitemap.xml/",
		"layouts: /404.html collides with /404.html (both would be written at /404.html)",
		"layouts: /a/b collides with /a/b/c.txt (one would be written inside the other, as a folder)",
	}
	var got []string
	for _, d := range e.collisions.Sorted() {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("collisions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if w := strings.Join(written, " "); w != "sitemap.xml cas/index.html/index.html 404.html a/b/c.txt a/b/d.txt" {
		t.Errorf("written: %s", w)
	}
}

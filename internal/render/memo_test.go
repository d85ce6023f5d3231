package render

import (
	"testing"
	"testing/fstest"

	"coexport/internal/data"
	"coexport/internal/diag"
	"coexport/internal/site"
)

// TestMemo: with a Memo, a second build with the same layouts reuses their parsed templates,
// whose functions then reach the second build's site (not the first's), and the first's
// again once it claims them; a layout edit is
// parsed again; a chapter's part of the printable guide is made once for the same text,
// again for a new one.
func TestMemo(t *testing.T) {
	fsys := fstest.MapFS{
		"base.html":     {Data: []byte(`{{block "main" .}}{{end}}`)},
		"partials.html": {Data: []byte(``)},
		"page.html":     {Data: []byte(`{{define "main"}}{{url "x/"}} {{buildyear}}{{end}}`)},
	}
	memo := &Memo{}
	build := func(fsys fstest.MapFS, base string, year int) (*Renderer, string) {
		t.Helper()
		var d diag.List
		s := &site.Site{Config: &data.Site{Title: "Guide", BaseURL: "https://example.org" + base}}
		s.BuildDate = s.BuildDate.AddDate(year-1, 0, 0)
		r := New(fsys, s, Options{Memo: memo}, &d)
		if len(d) > 0 {
			t.Fatal(d.Error())
		}
		b, err := r.execute("page.html", r.view("page", "x/", "X"))
		if err != nil {
			t.Fatal(err)
		}
		return r, string(b)
	}
	r1, out1 := build(fsys, "/a/", 2025)
	r2, out2 := build(fsys, "/b/", 2026)
	if r1.pages["page.html"] != r2.pages["page.html"] {
		t.Error("the same layouts were parsed again")
	}
	if out1 != "/a/x/ 2025" || out2 != "/b/x/ 2026" {
		t.Errorf("outputs %q then %q, want each build's own base and year", out1, out2)
	}
	r1.Claim() // as CompleteIndex does with the last good build's renderer
	if out, err := r1.execute("page.html", r1.view("page", "x/", "X")); err != nil || string(out) != "/a/x/ 2025" {
		t.Errorf("the first build's renderer after Claim: %q, %v, want its own base and year", out, err)
	}
	r2.Claim()
	edited := fstest.MapFS{"base.html": fsys["base.html"], "partials.html": fsys["partials.html"],
		"page.html": {Data: []byte(`{{define "main"}}{{url "y/"}}{{end}}`)}}
	r3, out3 := build(edited, "/b/", 2026)
	if r3.pages["page.html"] == r2.pages["page.html"] || out3 != "/b/y/" {
		t.Errorf("after a layout edit: %q, reused %v", out3, r3.pages["page.html"] == r2.pages["page.html"])
	}

	made := 0
	part := func(html string) string {
		return memo.get(memoKey{"test", "slug", html}, func() string { made++; return "<" + html + ">" })
	}
	part("a")
	memo.begin()
	part("a")
	if made != 1 {
		t.Errorf("the same chapter text was made %d times over two builds, want 1", made)
	}
	part("b")
	memo.begin()
	memo.begin() // "a" unused for a whole build: dropped
	part("a")
	if made != 3 {
		t.Errorf("made %d times, want 3 (a, b, then a again once dropped)", made)
	}
}

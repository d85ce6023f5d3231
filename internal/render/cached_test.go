package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"coexport/internal/data"
	"coexport/internal/diag"
	"coexport/internal/site"
)

// TestCached: a part called with equal data is rendered once per layout, and each
// distinct data gets its own rendering; data that cannot be a key, or a part that no
// layout defines, is an error.
func TestCached(t *testing.T) {
	fsys := fstest.MapFS{
		"base.html":     {Data: []byte(`{{cached "nav" .Frame}}|{{.Title}}{{define "nav"}}<a{{if eq .Kind "ami"}} aria-current="page"{{end}}>{{.Site.Config.Title}}</a>{{end}}`)},
		"partials.html": {Data: []byte(``)},
		"ami.html":      {Data: []byte(``)},
	}
	var d diag.List
	r := New(fsys, &site.Site{Config: &data.Site{Title: "Guide", BaseURL: "https://example.org/"}}, Options{}, &d)
	if len(d) > 0 {
		t.Fatal(d.Error())
	}
	for _, c := range []struct{ kind, title, want string }{
		{"ami", "A", `<a aria-current="page">Guide</a>|A`},
		{"ami", "B", `<a aria-current="page">Guide</a>|B`},
		{"amis", "C", `<a>Guide</a>|C`},
		{"ami", "D", `<a aria-current="page">Guide</a>|D`},
	} {
		b, err := r.execute("ami.html", r.view(c.kind, "x/", c.title))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != c.want {
			t.Errorf("page %s of kind %s = %q, want %q", c.title, c.kind, b, c.want)
		}
	}
	n := 0
	r.parts.Range(func(any, any) bool { n++; return true })
	if n != 2 {
		t.Errorf("%d parts rendered, want 2 (one per kind)", n)
	}
	if _, err := r.cached("ami.html", "nav", map[string]string{"Kind": "ami"}); err == nil || !strings.Contains(err.Error(), "cache key") {
		t.Errorf("cached with a map: err = %v, want one about the cache key", err)
	}
	if _, err := r.cached("ami.html", "nav", [][]string{{"ami"}}); err == nil || !strings.Contains(err.Error(), "cache key") {
		t.Errorf("cached with a slice of slices: err = %v, want one about the cache key", err)
	}
	if _, err := r.cached("ami.html", "nope", "ami"); err == nil || !strings.Contains(err.Error(), `"nope" is not defined`) {
		t.Errorf("cached of an undefined part: err = %v, want one naming it", err)
	}
}

// TestCachedSlice: a slice of comparable values is keyed by its elements: equal trails
// from different slices share one rendering, and a trail that differs gets its own.
func TestCachedSlice(t *testing.T) {
	fsys := fstest.MapFS{
		"base.html":     {Data: []byte(`{{cached "trail" .Crumbs}}{{define "trail"}}{{range .}}<a href="{{.URL}}">{{.Name}}</a>{{end}}{{end}}`)},
		"partials.html": {Data: []byte(``)},
		"ami.html":      {Data: []byte(``)},
	}
	var d diag.List
	r := New(fsys, &site.Site{Config: &data.Site{Title: "Guide"}}, Options{}, &d)
	if len(d) > 0 {
		t.Fatal(d.Error())
	}
	for _, c := range []struct {
		crumbs []Crumb
		want   string
	}{
		{[]Crumb{{"Accueil", ""}, {"AMI", "ami/"}}, `<a href="">Accueil</a><a href="ami/">AMI</a>`},
		{[]Crumb{{"Accueil", ""}, {"AMI", "ami/"}}, `<a href="">Accueil</a><a href="ami/">AMI</a>`},
		{[]Crumb{{"Accueil", ""}}, `<a href="">Accueil</a>`},
		{nil, ``},
	} {
		v := r.view("ami", "x/", "T")
		v.Crumbs = c.crumbs
		b, err := r.execute("ami.html", v)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != c.want {
			t.Errorf("trail %v = %q, want %q", c.crumbs, b, c.want)
		}
	}
	n := 0
	r.parts.Range(func(any, any) bool { n++; return true })
	if n != 3 {
		t.Errorf("%d parts rendered, want 3 (one per distinct trail)", n)
	}
}

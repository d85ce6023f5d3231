package source

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"
)

func TestClassifyAndURL(t *testing.T) {
	for _, tc := range []struct {
		path string
		kind Kind
		url  string
	}{
		{"content/site.yaml", SiteConfig, ""},
		{"content/amis.yaml", AMIs, "ami/"},
		{"content/enquete.yaml", Survey, "enquete/"},
		{"content/index.md", Home, ""},
		{"content/a-propos.md", Page, "a-propos/"},
		{"content/guide/042-le-portage.md", Chapter, "guide/le-portage/"},
		{"content/cas/un-cas.md", Case, "cas/un-cas/"},
		{"content/modeles/un-plan.md", Model, "modeles/un-plan/"},
		{"content/guide/.01-a.md.swp", Ignored, ""},
		{"content/guide/01-a.md~", Ignored, ""},
		{"content/guide/4913", Ignored, ""},
		{"content/#01-a.md#", Ignored, ""},
		{"content/.#01-a.md", Ignored, ""},
		{"content/images/x.png", Unknown, ""},
		{"layouts/base.html", Layout, ""},
		{"README.md", Ignored, ""},
	} {
		if k := Classify(tc.path); k != tc.kind {
			t.Errorf("Classify(%q) = %s, want %s", tc.path, k, tc.kind)
		}
		if u, _ := URL(tc.path); u != tc.url {
			t.Errorf("URL(%q) = %q, want %q", tc.path, u, tc.url)
		}
	}
}

func TestChapterName(t *testing.T) {
	for _, tc := range []struct {
		name  string
		order int
		slug  string
		ok    bool
	}{
		{"01-pourquoi.md", 1, "pourquoi", true},
		{"042-le-portage.md", 42, "le-portage", true},
		{"pourquoi.md", 0, "", false},
		{"1a-x.md", 0, "", false},
		{"01-.md", 0, "", false},
	} {
		o, s, ok := ChapterName(tc.name)
		if o != tc.order || s != tc.slug || ok != tc.ok {
			t.Errorf("ChapterName(%q) = %d, %q, %v; want %d, %q, %v", tc.name, o, s, ok, tc.order, tc.slug, tc.ok)
		}
	}
}

// TestEvalLinks: links are followed component by component inside the project; out of it,
// to nothing or in a loop they are refused.
func TestEvalLinks(t *testing.T) {
	link := func(to string) *fstest.MapFile { return &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte(to)} }
	fsys := fstest.MapFS{
		"content/a.md":      {Data: []byte("a")},
		"content/in.md":     link("a.md"),
		"content/up.md":     link("../notes/n.md"),
		"notes/n.md":        {Data: []byte("n")},
		"content/out.md":    link("../../x.md"),
		"content/abs.md":    link("/etc/passwd"),
		"content/gone.md":   link("nothing.md"),
		"content/self.md":   link("self.md"),
		"content/dir":       link("../notes"),
		"content/via.md":    link("dir/n.md"),
		"content/viaout.md": link("dir/../../../x.md"),
		"content/ping.md":   link("pong.md"),
		"content/pong.md":   link("ping.md"),
	}
	for _, tc := range []struct {
		p, want string
		err     error
	}{
		{"content/a.md", "content/a.md", nil},
		{"content/in.md", "content/a.md", nil},
		{"content/up.md", "notes/n.md", nil},
		{"content/via.md", "notes/n.md", nil},
		{"content/out.md", "", ErrLinkOutside},
		{"content/abs.md", "", ErrLinkOutside},
		{"content/viaout.md", "", ErrLinkOutside},
		{"content/gone.md", "", ErrLinkMissing},
		{"content/self.md", "", ErrLinkLoop},
		{"content/ping.md", "", ErrLinkLoop},
	} {
		got, err := EvalLinks(fsys, tc.p)
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("EvalLinks(%s) = %q, %v; want %q, %v", tc.p, got, err, tc.want, tc.err)
		}
	}
}

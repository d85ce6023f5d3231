package source

import "testing"

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

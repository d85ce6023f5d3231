package render

import (
	"strings"
	"testing"

	"coexport/internal/data"
	"coexport/internal/site"
)

// TestSitemapEscapes: every URL of the sitemap is percent-encoded, whatever its path holds.
func TestSitemapEscapes(t *testing.T) {
	r := &Renderer{site: &site.Site{Config: &data.Site{BaseURL: "https://example.org/g/"}},
		pagePaths: []string{"index.html", "a b/index.html", "é/x?#%/index.html", "404.html"}}
	b, err := r.sitemap()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<loc>https://example.org/g/</loc>", "<loc>https://example.org/g/a%20b/</loc>",
		"<loc>https://example.org/g/%C3%A9/x%3F%23%25/</loc>"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("sitemap has no %s:\n%s", want, b)
		}
	}
}

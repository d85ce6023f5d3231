// Package data reads the project's YAML data — site.yaml (the site and its sector
// vocabulary), amis.yaml (the catalogue of appels à manifestation d'intérêt) and
// enquete.yaml (the survey) — into typed values, through yaml.Node so that every error
// carries the line and column of the value at fault.
//
// It is the parse stage for data files. site.yaml is read first: its sectors form the
// vocabulary that every other file is checked against.
package data

import (
	"net/url"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"coexport/internal/diag"
	"coexport/internal/fields"
	"coexport/internal/french"
	"coexport/internal/source"
	"coexport/internal/vocab"
)

// Site is content/site.yaml.
type Site struct {
	Title       string
	Description string
	Language    string
	BaseURL     string // absolute, ends with "/"
	Contact     string
	Sectors     []Sector
	Synonyms    [][]string
	UnsafeHTML  bool // keep raw HTML found in markdown
	// Links are every external site the guide links to, kept here so that a maintainer
	// checks them in one place; markdown cites one as [texte](../site.yaml#slug).
	Links        []Link
	LinksChecked time.Time // when the links were last checked by hand
}

// Link is an external site the guide links to.
type Link struct {
	Slug, Name, URL string
}

// LinkURLs returns the URL of each link by slug.
func (s *Site) LinkURLs() map[string]string {
	m := make(map[string]string, len(s.Links))
	for _, l := range s.Links {
		m[l.Slug] = l.URL
	}
	return m
}

// Sector is one entry of the sector vocabulary.
type Sector struct {
	Slug, Name string
	CPV        []string // CPV division codes with check digit: "09000000-3"
}

// BasePath returns the path of BaseURL, "/" or "/coexport/", under which the site lives.
func (s *Site) BasePath() string {
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimSuffix(u.Path, "/") + "/"
}

// Vocab returns the vocabulary pages and AMIs are checked against.
func (s *Site) Vocab() vocab.Set {
	v := vocab.Set{Sectors: map[string]bool{}}
	for _, sec := range s.Sectors {
		v.Sectors[sec.Slug] = true
	}
	return v
}

// SectorName returns the French name of a sector slug.
func (s *Site) SectorName(slug string) string {
	for _, sec := range s.Sectors {
		if sec.Slug == slug {
			return sec.Name
		}
	}
	return slug
}

// ParseSite reads content/site.yaml. baseURL, when not empty, overrides base_url.
func ParseSite(f source.File, baseURL string, d *diag.List) *Site {
	s := &Site{Language: "fr", BaseURL: "/"}
	node := fields.Decode(f.Path, f.Data, 0, d)
	if node == nil {
		return s
	}
	m := fields.NewObject(f.Path, 0, node, SiteSpec, d)
	s.Title = m.Text("title")
	s.Description = m.Text("description")
	if lang := m.String("language", false); lang != "" {
		if lang != "fr" {
			m.Errorf("language", "language %q is not supported: the site is in French (fr)", lang)
		}
	}
	s.Contact = m.Text("contact")
	s.UnsafeHTML = m.Flag("unsafe_html")
	raw := m.String("base_url", false)
	if baseURL != "" {
		raw = baseURL
	}
	s.BaseURL = normalizeBaseURL(raw, m)
	seen := map[string]bool{}
	for _, sm := range m.Objects("sectors") {
		sec := Sector{Slug: sm.String("slug", true), Name: sm.Text("name")}
		if sec.Slug != "" && french.Slug(sec.Slug) != sec.Slug {
			sm.Errorf("slug", "sector slug %q must be lower case ASCII words joined by dashes (e.g. %q)", sec.Slug, french.Slug(sec.Slug))
		}
		if seen[sec.Slug] {
			sm.Errorf("slug", "duplicate sector slug %q", sec.Slug)
		}
		seen[sec.Slug] = true
		sec.CPV = readCPV(sm)
		s.Sectors = append(s.Sectors, sec)
	}
	for _, n := range m.List("synonyms") {
		var words []string
		for _, w := range n.Content {
			if w.Kind == yaml.ScalarNode && strings.TrimSpace(w.Value) != "" {
				words = append(words, strings.TrimSpace(w.Value))
			}
		}
		if n.Kind != yaml.SequenceNode || len(words) < 2 {
			m.Report(m.At(n), "a synonym group needs at least two words, e.g. [pme, sme]")
			continue
		}
		s.Synonyms = append(s.Synonyms, words)
	}
	s.Links = parseLinks(m)
	s.LinksChecked = m.Day("links_checked")
	return s
}

// parseLinks reads the external links: a unique slug, a name and an absolute http(s) URL.
func parseLinks(m *fields.Map) []Link {
	var links []Link
	seen := map[string]bool{}
	for _, lm := range m.Objects("links") {
		l := Link{Slug: lm.String("slug", true), Name: lm.Text("name"), URL: lm.String("url", true)}
		if l.Slug != "" && french.Slug(l.Slug) != l.Slug {
			lm.Errorf("slug", "link slug %q must be lower case ASCII words joined by dashes (e.g. %q)", l.Slug, french.Slug(l.Slug))
		}
		if seen[l.Slug] {
			lm.Errorf("slug", "duplicate link slug %q", l.Slug)
		}
		seen[l.Slug] = true
		if u, err := url.Parse(l.URL); l.URL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
			lm.Errorf("url", "link url %q must be an absolute http(s) URL such as https://www.example.org/", l.URL)
		}
		links = append(links, l)
	}
	return links
}

func normalizeBaseURL(raw string, m *fields.Map) string {
	if raw == "" {
		return "/"
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		m.Errorf("base_url", "base_url %q must be an absolute http(s) URL such as https://example.org/guide/", raw)
		return "/"
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String()
}

package pipeline_test

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"coexport/internal/content"
	"coexport/internal/vocab"
)

// TestRepoContent keeps the guide shipped in content/ to the bar its issue sets: it builds
// with no error, and it has the chapters, cases and AMIs a reader needs.
func TestRepoContent(t *testing.T) {
	res := buildDir(t, "../..")
	s := res.Site
	if n := len(s.Chapters); n < 10 || n > 14 {
		t.Errorf("%d chapters, want 10 to 14", n)
	}
	for _, c := range s.Chapters {
		if c.Summary == "" {
			t.Errorf("%s has no summary", c.Source)
		}
		// Each chapter ends with whom to contact, linked through site.yaml's links.
		if h := lastH2(c); h != "ou-s-adresser" {
			t.Errorf("%s ends with the section #%s, want « Où s'adresser » (#ou-s-adresser)", c.Source, h)
		}
		if n := countLinks(c, "content/site.yaml"); n < 2 {
			t.Errorf("%s links to %d external sites, want at least 2 in « Où s'adresser »", c.Source, n)
		}
		if c.Body.Words < 700 {
			t.Errorf("%s has %d words, want at least 800", c.Source, c.Body.Words)
		}
		if len(c.Body.Links) < 2 {
			t.Errorf("%s links to %d other pages, want at least 2", c.Source, len(c.Body.Links))
		}
	}
	// No sentence of eight words or more is repeated verbatim from one chapter to another.
	said := map[string]string{}
	for _, c := range s.Chapters {
		for _, sec := range c.Body.Sections {
			for _, sentence := range sentenceEnd.Split(sec.Text, -1) {
				words := strings.Fields(sentence)
				sentence = strings.Join(words, " ")
				if other := said[sentence]; len(words) >= 8 && other != "" && other != c.Source {
					t.Errorf("%s repeats a sentence of %s: %q", c.Source, other, sentence)
				}
				said[sentence] = c.Source
			}
		}
	}
	// The model documents exist, and the chapters lead to each of them.
	linked := map[string]bool{}
	for _, c := range s.Chapters {
		for _, l := range c.Body.Links {
			linked[l.Target] = true
		}
	}
	if len(s.Models) < 6 {
		t.Errorf("%d model documents, want at least 6", len(s.Models))
	}
	for _, m := range s.Models {
		if m.Summary == "" {
			t.Errorf("%s has no summary", m.Source)
		}
		if !linked[m.Source] {
			t.Errorf("no chapter links to the model document %s", m.Source)
		}
	}
	if n := len(s.Cases); n < 8 || n > 12 {
		t.Errorf("%d cases, want 8 to 12", n)
	}
	countries, sectors, schemes := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range s.Cases {
		if !c.Fictional {
			t.Errorf("%s is not marked fictional: true", c.Source)
		}
		for _, x := range c.Countries {
			countries[x] = true
		}
		for _, x := range c.Sectors {
			sectors[x] = true
		}
		for _, x := range c.Schemes {
			schemes[x] = true
		}
	}
	if len(countries) < 8 || len(sectors) < 6 {
		t.Errorf("cases cover %d countries and %d sectors, want at least 8 and 6", len(countries), len(sectors))
	}
	for _, sc := range vocab.SchemeSlugs {
		if !schemes[sc] {
			t.Errorf("no case illustrates the scheme %q", sc)
		}
	}
	if len(s.AMIs) < 40 {
		t.Errorf("%d AMIs, want at least 40", len(s.AMIs))
	}
	countries, sectors = map[string]bool{}, map[string]bool{}
	short := 0
	for _, a := range s.AMIs {
		if !a.Fictional {
			t.Errorf("%s is not marked fictional: true", a.ID)
		}
		// Readers see titles and summaries as they are: escaping tests belong in testdata.
		for _, text := range []string{a.Title, a.Summary} {
			if strings.ContainsAny(text, "<>&‹›") {
				t.Errorf("%s: %q holds a markup-like character (< > & ‹ ›)", a.ID, text)
			}
		}
		if a.Deadline.Sub(a.Published) < 30*24*time.Hour {
			short++
		}
		if a.Contact.Email != "" && !strings.HasSuffix(a.Contact.Email, ".example") {
			t.Errorf("%s: contact %s is not on an .example domain", a.ID, a.Contact.Email)
		}
		for _, x := range a.Countries {
			countries[x] = true
		}
		for _, x := range a.Sectors {
			sectors[x] = true
		}
	}
	if len(countries) < 20 || len(sectors) < 10 {
		t.Errorf("AMIs cover %d countries and %d sectors, want at least 20 and 10", len(countries), len(sectors))
	}
	// Chapters 7 and 9 say that AMI deadlines are short: the catalogue must show it.
	if short < 3 {
		t.Errorf("%d AMIs leave under 30 days between published and deadline, want at least 3", short)
	}
	if len(s.Closed) == 0 || len(s.Open) == 0 {
		t.Errorf("%d open and %d closed AMIs on %s: want both", len(s.Open), len(s.Closed), s.Today.Format("2006-01-02"))
	}
	if s.Survey == nil || s.Survey.Respondents != 400 {
		t.Error("the survey is missing or does not have the 400 respondents of FACTS.md")
	}
}

// TestExternalLinks lists every external link of the guide, all kept in site.yaml (run it
// with -v to check them by hand), and keeps them to the guide's rules: the https home
// page of an official site, no deep link; a date of the last check; every link used; and
// no page linking outside of that list.
func TestExternalLinks(t *testing.T) {
	s := buildDir(t, "../..").Site
	if s.Config.LinksChecked.IsZero() {
		t.Error("site.yaml has no links_checked date")
	}
	t.Logf("external links, last checked on %s:", s.Config.LinksChecked.Format(time.DateOnly))
	urls := map[string]bool{}
	for _, l := range s.Config.Links {
		t.Logf("%-24s %s", l.Slug, l.URL)
		urls[l.URL] = true
		u, err := url.Parse(l.URL)
		if err != nil || u.Scheme != "https" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
			t.Errorf("link %s: %s is not the https home page of a site", l.Slug, l.URL)
		}
	}
	used := map[string]bool{}
	pages := slices.Concat(s.Chapters, s.Cases, s.Pages, []*content.Page{s.Home})
	for _, p := range pages {
		for _, l := range p.Body.Links {
			if l.Target == "content/site.yaml" {
				used[l.Fragment] = true
			}
		}
		for _, m := range hrefRe.FindAllStringSubmatch(p.Body.HTML, -1) {
			if !urls[m[1]] {
				t.Errorf("%s links to %s, which is not one of site.yaml's links", p.Source, m[1])
			}
		}
	}
	for _, l := range s.Config.Links {
		if !used[l.Slug] {
			t.Errorf("link %s of site.yaml is used by no page", l.Slug)
		}
	}
}

var (
	hrefRe      = regexp.MustCompile(`href="(https?://[^"]*)"`)
	sentenceEnd = regexp.MustCompile(`[.!?]\s+`)
)

func lastH2(p *content.Page) string {
	id := ""
	for _, h := range p.Body.Headings {
		if h.Level == 2 {
			id = h.ID
		}
	}
	return id
}

func countLinks(p *content.Page, target string) int {
	n := 0
	for _, l := range p.Body.Links {
		if l.Target == target {
			n++
		}
	}
	return n
}

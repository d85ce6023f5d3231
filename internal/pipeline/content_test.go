package pipeline_test

import (
	"strings"
	"testing"
	"time"

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
		if c.Body.Words < 700 {
			t.Errorf("%s has %d words, want at least 800", c.Source, c.Body.Words)
		}
		if len(c.Body.Links) < 2 {
			t.Errorf("%s links to %d other pages, want at least 2", c.Source, len(c.Body.Links))
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

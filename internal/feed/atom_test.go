package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"coexport/internal/data"
	"coexport/internal/french"
	"coexport/internal/site"
)

// Atom as a reader sees it, for encoding/xml to fill.
type (
	readFeed struct {
		XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		ID      string      `xml:"id"`
		Title   string      `xml:"title"`
		Updated string      `xml:"updated"`
		Links   []readLink  `xml:"link"`
		Author  string      `xml:"author>name"`
		Entries []readEntry `xml:"entry"`
	}
	readLink struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	}
	readEntry struct {
		ID         string     `xml:"id"`
		Title      string     `xml:"title"`
		Published  string     `xml:"published"`
		Updated    string     `xml:"updated"`
		Author     string     `xml:"author>name"`
		Links      []readLink `xml:"link"`
		Summary    string     `xml:"summary"`
		Content    readText   `xml:"content"`
		Categories []struct {
			Term  string `xml:"term,attr"`
			Label string `xml:"label,attr"`
		} `xml:"category"`
	}
	readText struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	}
)

// wellFormed walks every token of doc with a strict decoder, which rejects characters
// that XML 1.0 forbids.
func wellFormed(t *testing.T, path string, doc []byte) {
	t.Helper()
	if !bytes.HasPrefix(doc, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("%s: no XML declaration", path)
	}
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s: not well-formed: %v", path, err)
		}
	}
}

// checkFeed parses a feed and checks it against the open AMIs it must list, in any order.
func checkFeed(t *testing.T, path, page string, doc []byte, open []*data.AMI, s *site.Site) readFeed {
	t.Helper()
	wellFormed(t, path, doc)
	var f readFeed
	if err := xml.Unmarshal(doc, &f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	base := "https://example.org/coexport/"
	if f.ID != base+path || f.Lang != "fr" || f.Title == "" || f.Author == "" {
		t.Errorf("%s: feed id %q lang %q title %q author %q", path, f.ID, f.Lang, f.Title, f.Author)
	}
	links := map[string]readLink{}
	for _, l := range f.Links {
		links[l.Rel] = l
	}
	if l := links["self"]; l.Href != base+path || l.Type != "application/atom+xml" {
		t.Errorf("%s: self link %+v", path, l)
	}
	if l := links["alternate"]; l.Href != base+page || l.Type != "text/html" {
		t.Errorf("%s: alternate link %+v", path, l)
	}
	if len(f.Entries) != len(open) {
		t.Fatalf("%s: %d entries, want %d", path, len(f.Entries), len(open))
	}
	want := map[string]*data.AMI{}
	for _, a := range open {
		want[base+"ami/"+a.Slug+"/"] = a
	}
	latest := ""
	for i, e := range f.Entries {
		a := want[e.ID]
		if a == nil {
			t.Fatalf("%s: unexpected or repeated entry %q", path, e.ID)
		}
		delete(want, e.ID)
		if i > 0 && e.Updated > f.Entries[i-1].Updated {
			t.Errorf("%s: entry %d (%s) updated %s after entry %d (%s)", path, i, e.ID, e.Updated, i-1, f.Entries[i-1].Updated)
		}
		if e.Updated > latest {
			latest = e.Updated
		}
		if e.Published != isoDate(a.Published)+"T00:00:00Z" || e.Updated != isoDate(lastChange(a))+"T00:00:00Z" {
			t.Errorf("%s %s: published %s updated %s", path, a.ID, e.Published, e.Updated)
		}
		if want := a.ID + " — " + oneLine(a.Title); e.Title != want {
			t.Errorf("%s: entry title %q, want %q", path, e.Title, want)
		}
		if e.Summary != clean(a.Summary) || e.Author != oneLine(a.Issuer) {
			t.Errorf("%s %s: summary %q author %q", path, a.ID, e.Summary, e.Author)
		}
		if e.Content.Type != "html" {
			t.Errorf("%s %s: content type %q", path, a.ID, e.Content.Type)
		}
		for _, part := range append([]string{french.Date(a.Deadline)}, countryNames(a)...) {
			if !strings.Contains(e.Content.Text, strings.ReplaceAll(part, "'", "&#39;")) {
				t.Errorf("%s %s: content lacks %q:\n%s", path, a.ID, part, e.Content.Text)
			}
		}
		if len(e.Categories) != len(a.Countries)+len(a.Sectors) {
			t.Errorf("%s %s: %d categories", path, a.ID, len(e.Categories))
		}
	}
	if len(open) > 0 && f.Updated != latest {
		t.Errorf("%s: feed updated %s, want its newest entry's %s", path, f.Updated, latest)
	}
	if len(open) == 0 && f.Updated != "2026-02-20T00:00:00Z" {
		t.Errorf("%s: empty feed updated %s, want the build day", path, f.Updated)
	}
	return f
}

func TestFeeds(t *testing.T) {
	s := testSite()
	out := files(t, s)
	f := checkFeed(t, "ami/feed.xml", "ami/", out["ami/feed.xml"], s.Open, s)
	var ids []string
	for _, e := range f.Entries {
		ids = append(ids, strings.TrimSuffix(strings.TrimPrefix(e.ID, "https://example.org/coexport/ami/"), "/"))
	}
	// Newest change first: 002 revised on 15 Feb, 004 published 10 Feb, 003 on 1 Feb, 001 on 10 Jan.
	if got, want := strings.Join(ids, " "), "ami-2026-002 ami-2026-004 ami-2026-003 ami-2026-001"; got != want {
		t.Errorf("main feed order: %s, want %s", got, want)
	}
	for _, c := range s.Countries {
		p := "pays/" + c.Slug() + "/"
		checkFeed(t, p+"feed.xml", p, out[p+"feed.xml"], c.Open, s)
	}
	for _, sec := range s.Sectors {
		p := "secteurs/" + sec.Slug + "/"
		checkFeed(t, p+"feed.xml", p, out[p+"feed.xml"], sec.Open, s)
	}
}

// TestFeedHostile checks that a title with & < > " and control characters comes back as
// text, with the forbidden characters dropped.
func TestFeedHostile(t *testing.T) {
	s := testSite()
	s.Config.Title = "Titre \x00 & <b>\"x\"</b> \x0b"
	out := files(t, s)
	f := checkFeed(t, "ami/feed.xml", "ami/", out["ami/feed.xml"], s.Open, s)
	if want := "AMI ouverts — Titre  & <b>\"x\"</b> "; f.Title != want {
		t.Errorf("feed title %q, want %q", f.Title, want)
	}
	e := f.Entries[0]
	if want := "AMI-2026-002 — \"quoted\" & <tag> ; semi, comma \\ back line two  end"; e.Title != want {
		t.Errorf("entry title %q, want %q", e.Title, want)
	}
	if !strings.Contains(e.Content.Text, "<p>Première ligne ; avec, virgules et \\ barre.\nDeuxième ligne &lt;b&gt;pas du HTML&lt;/b&gt; &amp; &#34;guillemets&#34;.") {
		t.Errorf("content does not escape the summary as HTML:\n%s", e.Content.Text)
	}
	if !strings.Contains(e.Content.Text, "mis à jour le 15 février 2026") {
		t.Errorf("revised AMI: content does not say so:\n%s", e.Content.Text)
	}
}

// TestFeedRevision checks that revising an AMI moves its entry up with the same id and a
// new updated date, as readers expect of a revised notice.
func TestFeedRevision(t *testing.T) {
	amis := testAMIs()
	amis[0].Updated = day("2026-02-18") // AMI-2026-001: deadline moved
	s := newSite("Guide", testSecs, amis, buildDate)
	f := checkFeed(t, "ami/feed.xml", "ami/", files(t, s)["ami/feed.xml"], s.Open, s)
	e := f.Entries[0]
	if e.ID != "https://example.org/coexport/ami/ami-2026-001/" || e.Updated != "2026-02-18T00:00:00Z" || e.Published != "2026-01-10T00:00:00Z" {
		t.Errorf("revised entry first: id %s updated %s published %s", e.ID, e.Updated, e.Published)
	}
	if f.Updated != "2026-02-18T00:00:00Z" {
		t.Errorf("feed updated %s, want the revision date", f.Updated)
	}
}

// TestEntryMarshal: an entry is written as xml.MarshalIndent(e, "  ", "  ") writes it.
func TestEntryMarshal(t *testing.T) {
	odd := "a \"b\" 'c' <d> & e\tf\ng\rh \x01 \xff \ufffd \u2028 é"
	for _, e := range []*atomEntry{
		{},
		{ID: "https://x/ami/a/", Title: atomText{"text", odd},
			Links:     []atomLink{{Rel: "alternate", Href: odd}, {Rel: "related", Type: "text/calendar", Title: odd, Href: "h"}},
			Published: "2026-01-01T00:00:00Z", Updated: odd, Author: atomPerson{Name: odd, URI: odd},
			Categories: []atomCategory{{Term: odd, Scheme: "s", Label: odd}, {}},
			Summary:    atomText{"text", odd}, Content: atomText{"html", "<p>" + odd + "</p>\n<ul>\n</ul>"}},
	} {
		want, err := xml.MarshalIndent(e, "  ", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if got := e.marshal(); string(got) != string(want) {
			t.Errorf("marshal(%+v) =\n%s\nwant\n%s", e, got, want)
		}
	}
}

// TestFeedNewestOnly: a feed holds the FeedEntries open AMIs most recently changed, newest
// first; the calendars and exports still list them all.
func TestFeedNewestOnly(t *testing.T) {
	var amis []*data.AMI
	const n = FeedEntries + 12
	for i := range n {
		amis = append(amis, &data.AMI{ID: fmt.Sprintf("AMI-2026-%03d", i+1), Title: "Appel", Issuer: "Groupe",
			Countries: []string{"SN"}, Sectors: []string{"energie"}, Summary: "Résumé.",
			// two AMIs a day: the order between them falls to the id
			Published: buildDate.AddDate(0, 0, -n+i/2).Truncate(24 * time.Hour), Deadline: day("2026-06-30")})
	}
	amis[3].Updated = day("2026-02-19") // an old AMI revised yesterday comes back first
	s := newSite("Guide", testSecs, withSlugs(amis), buildDate)
	out := files(t, s)
	for _, p := range []string{"ami/feed.xml", "pays/sn/feed.xml", "secteurs/energie/feed.xml"} {
		var f readFeed
		if err := xml.Unmarshal(out[p], &f); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var got []string
		for _, e := range f.Entries {
			got = append(got, strings.TrimSuffix(strings.TrimPrefix(e.ID, "https://example.org/coexport/ami/ami-2026-"), "/"))
		}
		want := []string{"004"}
		for i := n; len(want) < FeedEntries; i-- {
			if i != 4 {
				want = append(want, fmt.Sprintf("%03d", i))
			}
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: entries\n%s\nwant\n%s", p, strings.Join(got, " "), strings.Join(want, " "))
		}
	}
	if got := strings.Count(string(out["ami/echeances.ics"]), "BEGIN:VEVENT"); got != n {
		t.Errorf("ami/echeances.ics: %d events, want every open AMI's %d", got, n)
	}
	if got := strings.Count(string(out["ami/amis.csv"]), "\r\nAMI-2026-"); got != n {
		t.Errorf("ami/amis.csv: %d rows, want %d", got, n)
	}
}

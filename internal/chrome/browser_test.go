package chrome

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"coexport/internal/tour"
)

// TestKinds checks that the list of page kinds covers the site and that each URL answers
// with the status its kind expects.
func TestKinds(t *testing.T) {
	s := servedSite(t)
	kinds := tour.Kinds(s.Result.Site)
	var names []string
	for _, k := range kinds {
		names = append(names, k.Name)
		resp, err := http.Get(s.URL + k.Path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != k.Status {
			t.Errorf("GET %s (%s) = %d, want %d", k.Path, k.Name, resp.StatusCode, k.Status)
		}
	}
	want := []string{"home", "guide", "chapter", "print", "cases", "case", "models", "model", "amis", "ami", "archives",
		"countries", "country", "sectors", "sector", "survey", "search", "page", "404"}
	if !slices.Equal(names, want) {
		t.Errorf("Kinds = %v, want %v", names, want)
	}
}

// TestAccessibility runs axe-core on every kind of page, in the light and the dark colour
// scheme: any violation of WCAG 2.1 A/AA or of axe's best practices fails, with the rule,
// the page and the elements.
func TestAccessibility(t *testing.T) {
	s := servedSite(t)
	axe := axeSource(t)
	tb := tab(t)
	for _, k := range tour.Kinds(s.Result.Site) {
		for _, dark := range []bool{false, true} {
			name := k.Name + "/light"
			if dark {
				name = k.Name + "/dark"
			}
			t.Run(name, func(t *testing.T) {
				u := s.URL + k.Path
				if _, err := tb.Open(u, View{Dark: dark}); err != nil {
					t.Fatal(err)
				}
				vs, err := tb.Axe(axe)
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range vs {
					t.Errorf("%s: %s", u, v)
				}
			})
		}
	}
}

// TestNarrowScreen checks that no page scrolls sideways on a 320 px wide screen, in the
// phone's emulation and without it.
func TestNarrowScreen(t *testing.T) {
	s := servedSite(t)
	tb := tab(t)
	for _, k := range tour.Kinds(s.Result.Site) {
		for _, mobile := range []bool{false, true} {
			name := k.Name + "/desktop"
			if mobile {
				name = k.Name + "/mobile"
			}
			t.Run(name, func(t *testing.T) {
				u := s.URL + k.Path
				if _, err := tb.Open(u, View{Width: 320, Height: 640, Mobile: mobile}); err != nil {
					t.Fatal(err)
				}
				o, err := tb.Overflow()
				if err != nil {
					t.Fatal(err)
				}
				if o.InnerWidth != 320 || o.Scrolls() {
					t.Errorf("%s at 320 px: scrollWidth %d > innerWidth %d; wide elements:\n  %s",
						u, o.ScrollWidth, o.InnerWidth, strings.Join(o.Culprits, "\n  "))
				}
			})
		}
	}
}

// TestWithoutJavaScript checks that every page but search shows its content with scripts
// off: a main landmark with a heading, and every link it shows with scripts on.
func TestWithoutJavaScript(t *testing.T) {
	s := servedSite(t)
	tb := tab(t)
	for _, k := range tour.Kinds(s.Result.Site) {
		if k.NeedsJS {
			continue
		}
		t.Run(k.Name, func(t *testing.T) {
			u := s.URL + k.Path
			if _, err := tb.Open(u, View{}); err != nil {
				t.Fatal(err)
			}
			with, err := tb.Main()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tb.Open(u, View{NoScript: true}); err != nil {
				t.Fatal(err)
			}
			without, err := tb.Main()
			if err != nil {
				t.Fatal(err)
			}
			if !without.Found || without.Heading == "" || without.Text < 80 {
				t.Errorf("%s without JavaScript: main found %v, h1 %q, %d characters", u, without.Found, without.Heading, without.Text)
			}
			for _, l := range with.Links {
				if !slices.Contains(without.Links, l) {
					t.Errorf("%s: link %s is shown only with JavaScript", u, l)
				}
			}
		})
	}
}

// maxScript is the most JavaScript a page but search may load.
const maxScript = 15 << 10

// TestRequests checks what each page loads: nothing but from the site's own server
// (127.0.0.1), no request that fails, and no more than maxScript bytes of JavaScript on
// any page but search.
func TestRequests(t *testing.T) {
	s := servedSite(t)
	tb := tab(t)
	for _, k := range tour.Kinds(s.Result.Site) {
		t.Run(k.Name, func(t *testing.T) {
			u := s.URL + k.Path
			visit, err := tb.Open(u, View{})
			if err != nil {
				t.Fatal(err)
			}
			if visit.Status != k.Status {
				t.Errorf("%s: status %d, want %d", u, visit.Status, k.Status)
			}
			for i, r := range visit.Requests {
				ru, err := url.Parse(r.URL)
				if err != nil {
					t.Errorf("%s: request %q: %v", u, r.URL, err)
					continue
				}
				switch {
				case ru.Scheme == "data" || ru.Scheme == "blob":
				case ru.Hostname() != "127.0.0.1":
					t.Errorf("%s: third-party request %s (%s)", u, r.URL, r.Type)
				case r.Failed != "":
					t.Errorf("%s: request %s (%s) failed: %s", u, r.URL, r.Type, r.Failed)
				case r.Status >= 400 && !(i == 0 && r.Status == k.Status):
					t.Errorf("%s: request %s (%s): status %d", u, r.URL, r.Type, r.Status)
				}
			}
			n, err := tb.ScriptBytes()
			if err != nil {
				t.Fatal(err)
			}
			if n > maxScript && !k.NeedsJS {
				t.Errorf("%s loads %d bytes of JavaScript, want at most %d", u, n, maxScript)
			}
			t.Logf("%s: %d requests, %d bytes of JavaScript", k.Path, len(visit.Requests), n)
		})
	}
}

// TestAccessibilityEveryPage runs axe-core on every HTML page of the site in the light
// colour scheme: content can break a rule on one page only (a table, a heading level).
func TestAccessibilityEveryPage(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: axe-core on every page takes a minute")
	}
	s := servedSite(t)
	axe := axeSource(t)
	tb := tab(t)
	for _, f := range s.Result.Files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		p := "/" + strings.TrimSuffix(f.Path, "index.html")
		u := s.URL + p
		if _, err := tb.Open(u, View{}); err != nil {
			t.Fatal(err)
		}
		vs, err := tb.Axe(axe)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			t.Errorf("%s: %s", u, v)
		}
	}
}

// TestSkipLink checks the first thing a keyboard reader meets on every page: Tab shows the
// skip link, with a visible focus outline, and Enter moves the focus to the main content.
func TestSkipLink(t *testing.T) {
	s := servedSite(t)
	tb := tab(t)
	for _, k := range tour.Kinds(s.Result.Site) {
		t.Run(k.Name, func(t *testing.T) {
			u := s.URL + k.Path
			if _, err := tb.Open(u, View{}); err != nil {
				t.Fatal(err)
			}
			f, err := tb.Press("\t")
			if err != nil {
				t.Fatal(err)
			}
			if f.Element != "a.skip" || f.Top < 0 || f.Outline == "none" {
				t.Errorf("%s: Tab focuses %s at top %.0f px, outline %s; want the skip link, on screen, outlined", u, f.Element, f.Top, f.Outline)
			}
			f, err = tb.Press("\r")
			if err != nil {
				t.Fatal(err)
			}
			if f.Element != "main#contenu.wrap" || f.Hash != "#contenu" {
				t.Errorf("%s: Enter on the skip link focuses %s (location %s), want main#contenu", u, f.Element, f.Hash)
			}
		})
	}
}

// TestSearchResultsOnAPhoneScreen: on a 400 × 800 phone, the search filters form one row
// and the first result starts within the first screen.
func TestSearchResultsOnAPhoneScreen(t *testing.T) {
	s := servedSite(t)
	tb := tab(t)
	if _, err := tb.Open(s.URL+"/recherche/?q=export", View{Width: 400, Height: 800, Mobile: true}); err != nil {
		t.Fatal(err)
	}
	type layout struct {
		Groups   int     `json:"groups"`
		Rows     int     `json:"rows"`
		FirstTop float64 `json:"firstTop"`
		Height   float64 `json:"height"`
	}
	got, err := Eval[layout](tb, `new Promise((resolve) => { const look = () => {
  const groups = [...document.querySelectorAll('#search-facets fieldset')], first = document.querySelector('#search-results > li');
  if (groups.length < 3 || !first) return setTimeout(look, 20);
  resolve({groups: groups.length, rows: new Set(groups.map((g) => Math.round(g.getBoundingClientRect().top))).size,
    firstTop: first.getBoundingClientRect().top, height: innerHeight});
}; look(); })`)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rows != 1 {
		t.Errorf("the %d filter groups take %d rows, want one row", got.Groups, got.Rows)
	}
	if got.FirstTop >= got.Height {
		t.Errorf("the first result starts at %.0f px, below the %.0f px screen", got.FirstTop, got.Height)
	}
}

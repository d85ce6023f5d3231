package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"coexport/internal/content"
	"coexport/internal/data"
	"coexport/internal/diag"
	"coexport/internal/markdown"
	"coexport/internal/source"
)

// page makes a published page of kind k from its project path, as content.Parse would.
func page(src string, k source.Kind) *content.Page {
	url, _ := source.URL(src)
	p := &content.Page{Kind: k, Source: src, URL: url, Pos: diag.Pos{File: src, Line: 1, Col: 1}}
	p.Slug = strings.TrimSuffix(src[strings.LastIndex(src, "/")+1:], ".md")
	if k == source.Chapter {
		p.Order, p.Slug, _ = source.ChapterName(src)
	}
	p.Title = p.Slug
	return p
}

func link(from, target, fragment string) markdown.Link {
	return markdown.Link{Target: target, Fragment: fragment, Pos: diag.Pos{File: from, Line: 3, Col: 1}}
}

func config() *data.Site {
	return &data.Site{Sectors: []data.Sector{{Slug: "energie", Name: "Énergie"}, {Slug: "eau", Name: "Eau"}},
		Links: []data.Link{{Slug: "bpi", Name: "Bpifrance", URL: "https://www.bpifrance.fr/"}}}
}

var buildDate = time.Date(2026, 11, 26, 15, 4, 0, 0, time.UTC)

// TestAssembleDiagnostics pins the cross-file rules that Assemble checks, one per case.
func TestAssembleDiagnostics(t *testing.T) {
	withLinks := func(p *content.Page, links ...markdown.Link) *content.Page {
		p.Body.Links = links
		p.Body.Headings = []markdown.Heading{{Level: 2, Text: "Le contrat", ID: "le-contrat"}}
		return p
	}
	draft := func(p *content.Page) *content.Page { p.Draft = true; return p }
	const ch = "content/guide/01-pourquoi.md"
	tests := []struct {
		name   string
		pages  []*content.Page
		survey bool
		want   []string
	}{
		{"a valid site", []*content.Page{withLinks(page(ch, source.Chapter),
			link(ch, ch, "le-contrat"), link(ch, ch, "fn:1"), link(ch, "content/amis.yaml", ""),
			link(ch, "content/site.yaml", "bpi"))}, false, nil},
		{"duplicate slug", []*content.Page{page("content/guide/01-portage.md", source.Chapter), page("content/guide/02-portage.md", source.Chapter)}, false,
			[]string{"content/guide/02-portage.md:1:1: duplicate page slug: content/guide/01-portage.md and content/guide/02-portage.md both make /guide/portage/"}},
		{"reserved URL", []*content.Page{page("content/recherche.md", source.Page)}, false,
			[]string{"content/recherche.md:1:1: the page /recherche/ is made by coexport itself: rename content/recherche.md"}},
		{"missing file", []*content.Page{withLinks(page(ch, source.Chapter), link(ch, "content/guide/09-absent.md", ""))}, false,
			[]string{ch + ":3:1: link to a missing file: content/guide/09-absent.md"}},
		{"unpublished draft", []*content.Page{withLinks(page(ch, source.Chapter), link(ch, "content/cas/x.md", "")), draft(page("content/cas/x.md", source.Case))}, false,
			[]string{ch + ":3:1: link to content/cas/x.md, a draft that is not published"}},
		{"missing heading", []*content.Page{withLinks(page(ch, source.Chapter), link(ch, ch, "absent"))}, false,
			[]string{ch + ":3:1: link to a missing heading: " + ch + " has no #absent"}},
		{"survey missing", []*content.Page{withLinks(page(ch, source.Chapter), link(ch, "content/enquete.yaml", ""))}, false,
			[]string{ch + ":3:1: link to a missing file: content/enquete.yaml"}},
		{"survey present", []*content.Page{withLinks(page(ch, source.Chapter), link(ch, "content/enquete.yaml", ""))}, true, nil},
		{"fragment on a data file", []*content.Page{withLinks(page(ch, source.Chapter), link(ch, "content/amis.yaml", "x"))}, false,
			[]string{ch + ":3:1: link to content/amis.yaml with #x: a link to a data file takes no fragment"}},
		{"unknown site.yaml link", []*content.Page{withLinks(page(ch, source.Chapter), link(ch, "content/site.yaml", "inconnu"))}, false,
			[]string{ch + `:3:1: link to content/site.yaml#inconnu: site.yaml has no link with slug "inconnu"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Config: config(), Pages: tt.pages, BuildDate: buildDate}
			if tt.survey {
				in.Survey = &data.Survey{}
			}
			var d diag.List
			Assemble(in, &d)
			var got []string
			for _, x := range d.Sorted() {
				got = append(got, x.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Assemble reports\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func titles(pages []*content.Page) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p.Title)
	}
	return out
}

func ids(amis []*data.AMI) []string {
	var out []string
	for _, a := range amis {
		out = append(out, a.ID)
	}
	return out
}

// TestAssembleModel checks the order of every list of the model, the drafts rule, the split
// of the catalogue at the build day and the taxonomies.
func TestAssembleModel(t *testing.T) {
	c1, c2, c3 := page("content/guide/02-b.md", source.Chapter), page("content/guide/01-a.md", source.Chapter), page("content/guide/03-c.md", source.Chapter)
	c3.Draft = true
	cases := []*content.Page{page("content/cas/z.md", source.Case), page("content/cas/e.md", source.Case), page("content/cas/a.md", source.Case)}
	cases[0].Title, cases[1].Title, cases[2].Title = "Zinc", "Étain", "azote"
	c1.Countries, c1.Sectors = []string{"SN", "CI"}, []string{"energie"}
	cases[0].Countries, cases[0].Sectors = []string{"SN"}, []string{"eau", "inconnu"}
	ami := func(id, deadline string, countries ...string) *data.AMI {
		d, _ := time.Parse(time.DateOnly, deadline)
		return &data.AMI{ID: id, Deadline: d, Countries: countries}
	}
	in := Input{Config: config(), Pages: append([]*content.Page{c1, c2, c3, page("content/index.md", source.Home)}, cases...),
		AMIs:      []*data.AMI{ami("AMI-3", "2026-12-10", "BE"), ami("AMI-1", "2026-11-26"), ami("AMI-2", "2026-11-25"), ami("AMI-4", "2026-12-01"), ami("AMI-5", "2025-01-01")},
		BuildDate: buildDate}
	for _, drafts := range []bool{false, true} {
		in.Drafts = drafts
		var d diag.List
		s := Assemble(in, &d)
		if len(d) > 0 {
			t.Fatalf("Assemble reports %s", d.Error())
		}
		want := []string{"a", "b"}
		if drafts {
			want = append(want, "c")
		}
		if got := titles(s.Chapters); !slices.Equal(got, want) {
			t.Errorf("drafts %v: Chapters = %q, want %q (by numeric prefix)", drafts, got, want)
		}
		if got, want := titles(s.Cases), []string{"azote", "Étain", "Zinc"}; !slices.Equal(got, want) {
			t.Errorf("Cases = %q, want %q (French order of titles)", got, want)
		}
		if s.Home == nil || s.Home.Source != "content/index.md" {
			t.Errorf("Home = %v, want content/index.md", s.Home)
		}
		if !s.Today.Equal(time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("Today = %v, want the build date's midnight UTC", s.Today)
		}
		if got, want := ids(s.AMIs), []string{"AMI-1", "AMI-2", "AMI-3", "AMI-4", "AMI-5"}; !slices.Equal(got, want) {
			t.Errorf("AMIs = %q, want %q (by id)", got, want)
		}
		if got, want := ids(s.Open), []string{"AMI-1", "AMI-4", "AMI-3"}; !slices.Equal(got, want) {
			t.Errorf("Open = %q, want %q (open through the deadline day, soonest first)", got, want)
		}
		if got, want := ids(s.Closed), []string{"AMI-2", "AMI-5"}; !slices.Equal(got, want) {
			t.Errorf("Closed = %q, want %q (latest first)", got, want)
		}
		var countries []string
		for _, c := range s.Countries {
			countries = append(countries, c.Code+":"+c.Name)
		}
		if want := []string{"BE:Belgique", "CI:Côte d’Ivoire", "SN:Sénégal"}; !slices.Equal(countries, want) {
			t.Errorf("Countries = %q, want %q (French order, typographic apostrophe)", countries, want)
		}
		var sectors []string
		for _, sec := range s.Sectors {
			sectors = append(sectors, sec.Slug+":"+strings.Join(titles(append(sec.Chapters, sec.Cases...)), ","))
		}
		if want := []string{"eau:Zinc", "energie:b"}; !slices.Equal(sectors, want) {
			t.Errorf("Sectors = %q, want %q (site.yaml's, French order, unknown slugs left out)", sectors, want)
		}
		for _, c := range s.Countries {
			if c.Code == "SN" && (c.Count() != 2 || c.Slug() != "sn") {
				t.Errorf("Sénégal counts %d items at /pays/%s/, want 2 at /pays/sn/", c.Count(), c.Slug())
			}
		}
	}
}

func TestNeighbours(t *testing.T) {
	a, b, c := page("content/guide/01-a.md", source.Chapter), page("content/guide/02-b.md", source.Chapter), page("content/guide/03-c.md", source.Chapter)
	s := &Site{Chapters: []*content.Page{a, b, c}}
	tests := []struct {
		name       string
		p          *content.Page
		prev, next *content.Page
	}{
		{"first", a, nil, b},
		{"middle", b, a, c},
		{"last", c, b, nil},
		{"not a chapter", page("content/cas/x.md", source.Case), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if prev, next := s.Neighbours(tt.p); prev != tt.prev || next != tt.next {
				t.Errorf("Neighbours(%s) = %v, %v; want %v, %v", tt.p.Slug, prev, next, tt.prev, tt.next)
			}
		})
	}
}

func TestRelated(t *testing.T) {
	p := page("content/guide/01-a.md", source.Chapter)
	p.Countries, p.Sectors = []string{"SN"}, []string{"energie"}
	mk := func(title string, countries, sectors []string) *content.Page {
		c := page("content/cas/"+title+".md", source.Case)
		c.Countries, c.Sectors = countries, sectors
		return c
	}
	sector := mk("secteur", nil, []string{"energie"})           // score 1
	both := mk("les-deux", []string{"SN"}, []string{"energie"}) // score 3
	country := mk("pays", []string{"SN"}, nil)                  // score 2
	none := mk("rien", []string{"BE"}, []string{"eau"})         // score 0
	tie := mk("ex-aequo", nil, []string{"energie"})             // score 1, after sector
	s := &Site{Cases: []*content.Page{sector, both, country, none, tie}}
	tests := []struct {
		n    int
		want []string
	}{
		{4, []string{"les-deux", "pays", "secteur", "ex-aequo"}},
		{2, []string{"les-deux", "pays"}},
		{0, nil},
	}
	for _, tt := range tests {
		cases, _ := s.Related(p, tt.n)
		if got := titles(cases); !slices.Equal(got, tt.want) {
			t.Errorf("Related(%d) = %q, want %q (most shared first, a country counts twice, ties in list order, none without anything shared)", tt.n, got, tt.want)
		}
	}
}

// TestRelatedRanking: Related ranks as a stable sort of every item by its score would,
// on many items sharing few tags (ties everywhere), a country listed twice counting twice.
func TestRelatedRanking(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func(from []string) []string {
		var out []string
		for range rng.IntN(4) {
			out = append(out, from[rng.IntN(len(from))])
		}
		return out
	}
	countries, sectors := []string{"SN", "CI", "MA", "BE"}, []string{"energie", "eau", "sante"}
	s := &Site{}
	for i := range 300 {
		c := page(fmt.Sprintf("content/cas/c%03d.md", i), source.Case)
		c.Countries, c.Sectors = pick(countries), pick(sectors)
		s.Cases = append(s.Cases, c)
		s.Open = append(s.Open, &data.AMI{ID: fmt.Sprint(i), Countries: pick(countries), Sectors: pick(sectors)})
	}
	score := func(p *content.Page, cs, ss []string) int {
		n := 0
		for _, c := range cs {
			if slices.Contains(p.Countries, c) {
				n += 2
			}
		}
		for _, sec := range ss {
			if slices.Contains(p.Sectors, sec) {
				n++
			}
		}
		return n
	}
	for i := range 50 {
		p := page(fmt.Sprintf("content/guide/%02d-x.md", i), source.Chapter)
		p.Countries, p.Sectors = pick(countries), pick(sectors)
		for _, n := range []int{1, 4, 40} {
			var wantCases []*content.Page
			for _, c := range s.Cases {
				if score(p, c.Countries, c.Sectors) > 0 {
					wantCases = append(wantCases, c)
				}
			}
			slices.SortStableFunc(wantCases, func(a, b *content.Page) int {
				return score(p, b.Countries, b.Sectors) - score(p, a.Countries, a.Sectors)
			})
			var wantOpen []*data.AMI
			for _, a := range s.Open {
				if score(p, a.Countries, a.Sectors) > 0 {
					wantOpen = append(wantOpen, a)
				}
			}
			slices.SortStableFunc(wantOpen, func(a, b *data.AMI) int {
				return score(p, b.Countries, b.Sectors) - score(p, a.Countries, a.Sectors)
			})
			cases, open := s.Related(p, n)
			if !slices.Equal(cases, wantCases[:min(n, len(wantCases))]) || !slices.Equal(open, wantOpen[:min(n, len(wantOpen))]) {
				t.Fatalf("Related(%v %v, %d) differs from a stable sort by score", p.Countries, p.Sectors, n)
			}
		}
	}
}

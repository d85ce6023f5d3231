// Package site assembles the parsed pages and data into the immutable model of the site:
// chapters in order, cases, the AMI catalogue split into open and closed at the build date,
// the country and sector taxonomies, and the cross-references between them.
//
// It is the assemble stage. It checks what no single file can: that links point at pages
// and headings that exist, that slugs are unique. The model is read by the renderer and
// the search indexer and never changed after Assemble returns.
package site

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"time"

	"coexport/internal/content"
	"coexport/internal/country"
	"coexport/internal/data"
	"coexport/internal/diag"
	"coexport/internal/french"
	"coexport/internal/markdown"
	"coexport/internal/source"
)

// Input is what Assemble builds the model from.
type Input struct {
	Config    *data.Site
	Pages     []*content.Page // every parsed markdown file, drafts included
	AMIs      []*data.AMI
	Survey    *data.Survey // nil when the project has no enquete.yaml
	Drafts    bool         // publish draft pages
	BuildDate time.Time
}

// Site is the model of the whole site.
type Site struct {
	Config    *data.Site
	BuildDate time.Time // the instant of the build
	Today     time.Time // the build date's day (UTC midnight): AMIs are open through it
	Home      *content.Page
	Chapters  []*content.Page // in the order of their numeric prefix
	Cases     []*content.Page // French alphabetical order of titles
	Models    []*content.Page // model documents, French alphabetical order of titles
	Pages     []*content.Page // standalone pages
	AMIs      []*data.AMI     // all, by id
	Open      []*data.AMI     // soonest deadline first
	Closed    []*data.AMI     // latest deadline first
	Countries []*Country      // French alphabetical order
	Sectors   []*Sector       // French alphabetical order
	Survey    *data.Survey

	tags func() *tagIndex // set by Assemble: what Related scores, made on its first call
}

// Topic is what a country or a sector page lists.
type Topic struct {
	Chapters, Cases []*content.Page
	Open, Closed    []*data.AMI
}

// Count returns how many items mention the topic.
func (t *Topic) Count() int { return len(t.Chapters) + len(t.Cases) + len(t.Open) + len(t.Closed) }

// Country is a country that some item mentions.
type Country struct {
	country.Country
	Topic
}

// Slug returns the lower-case code used in URLs: /pays/sn/.
func (c *Country) Slug() string { return strings.ToLower(c.Code) }

// Sector is a sector of the vocabulary.
type Sector struct {
	data.Sector
	Topic
}

// Assemble builds the model and checks cross-file rules; problems are added to d.
func Assemble(in Input, d *diag.List) *Site {
	s := &Site{Config: in.Config, BuildDate: in.BuildDate, Survey: in.Survey}
	s.Today = time.Date(in.BuildDate.Year(), in.BuildDate.Month(), in.BuildDate.Day(), 0, 0, 0, 0, time.UTC)
	published := map[string]*content.Page{}
	all := map[string]*content.Page{}
	urls := map[string]*content.Page{}
	for _, p := range in.Pages {
		all[p.Source] = p
		if p.Draft && !in.Drafts {
			continue
		}
		if other := urls[p.URL]; other != nil {
			d.Add(p.Pos, "duplicate page slug: %s and %s both make /%s", other.Source, p.Source, p.URL)
			continue
		}
		if reserved[p.URL] {
			d.Add(p.Pos, "the page /%s is made by coexport itself: rename %s", p.URL, p.Source)
			continue
		}
		urls[p.URL] = p
		published[p.Source] = p
		switch p.Kind {
		case source.Home:
			s.Home = p
		case source.Chapter:
			s.Chapters = append(s.Chapters, p)
		case source.Case:
			s.Cases = append(s.Cases, p)
		case source.Model:
			s.Models = append(s.Models, p)
		case source.Page:
			s.Pages = append(s.Pages, p)
		}
	}
	slices.SortFunc(s.Chapters, func(a, b *content.Page) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.Slug, b.Slug))
	})
	french.SortFunc(s.Cases, func(p *content.Page) string { return p.Title })
	french.SortFunc(s.Models, func(p *content.Page) string { return p.Title })
	french.SortFunc(s.Pages, func(p *content.Page) string { return p.Title })
	dataFiles := dataPages{kinds: map[source.Kind]bool{source.AMIs: true, source.Survey: in.Survey != nil},
		links: in.Config.LinkURLs()}
	for _, p := range published {
		checkLinks(p.Body.Links, published, all, dataFiles, d)
	}
	for _, a := range in.AMIs {
		checkLinks(a.Description.Links, published, all, dataFiles, d)
	}
	s.AMIs = slices.Clone(in.AMIs)
	slices.SortFunc(s.AMIs, func(a, b *data.AMI) int { return cmp.Compare(a.ID, b.ID) })
	for _, a := range s.AMIs {
		if a.Open(s.Today) {
			s.Open = append(s.Open, a)
		} else {
			s.Closed = append(s.Closed, a)
		}
	}
	slices.SortStableFunc(s.Open, func(a, b *data.AMI) int { return a.Deadline.Compare(b.Deadline) })
	slices.SortStableFunc(s.Closed, func(a, b *data.AMI) int { return b.Deadline.Compare(a.Deadline) })
	s.buildTaxonomies()
	s.tags = sync.OnceValue(func() *tagIndex { return newTagIndex(s) })
	return s
}

// NextClosing returns the first day after Today on which AMIs close by themselves — the
// day after the soonest deadline of the open ones, since an AMI is open through its
// deadline day — and the ids of the AMIs that close then. ok is false when no AMI is open:
// the status of every AMI then stays as it is until the content changes.
func (s *Site) NextClosing() (day time.Time, ids []string, ok bool) {
	if len(s.Open) == 0 {
		return time.Time{}, nil, false
	}
	last := s.Open[0].Deadline
	for _, a := range s.Open {
		if a.Deadline.Equal(last) {
			ids = append(ids, a.ID)
		}
	}
	slices.Sort(ids)
	return last.AddDate(0, 0, 1), ids, true
}

// reserved are the URLs of pages that coexport makes itself.
var reserved = map[string]bool{"guide/": true, "cas/": true, "modeles/": true, "ami/": true, "pays/": true, "secteurs/": true,
	"enquete/": true, "recherche/": true, "guide/imprimer/": true, "assets/": true, "ami/archives/": true}

// dataPages says what a link to a data file may point at: the pages of the catalogue
// (made even when it is empty) and of the survey (when the project has one), and the
// external links of site.yaml by slug.
type dataPages struct {
	kinds map[source.Kind]bool
	links map[string]string
}

func checkLinks(links []markdown.Link, published, all map[string]*content.Page, data dataPages, d *diag.List) {
	for _, l := range links {
		target := published[l.Target]
		kind := source.Classify(l.Target)
		switch {
		case kind == source.SiteConfig:
			if _, ok := data.links[l.Fragment]; !ok {
				d.Add(l.Pos, "link to %s#%s: site.yaml has no link with slug %q", l.Target, l.Fragment, l.Fragment)
			}
		case kind == source.AMIs || kind == source.Survey:
			if !data.kinds[kind] {
				d.Add(l.Pos, "link to a missing file: %s", l.Target)
			} else if l.Fragment != "" {
				d.Add(l.Pos, "link to %s with #%s: a link to a data file takes no fragment", l.Target, l.Fragment)
			}
		case target == nil && all[l.Target] != nil:
			d.Add(l.Pos, "link to %s, a draft that is not published", l.Target)
		case target == nil:
			d.Add(l.Pos, "link to a missing file: %s", l.Target)
		case l.Fragment != "" && !hasAnchor(target, l.Fragment):
			d.Add(l.Pos, "link to a missing heading: %s has no #%s", l.Target, l.Fragment)
		}
	}
}

func hasAnchor(p *content.Page, id string) bool {
	if strings.HasPrefix(id, "fn") {
		return true // footnote anchors, made by goldmark
	}
	for _, h := range p.Body.Headings {
		if h.ID == id {
			return true
		}
	}
	return false
}

func (s *Site) buildTaxonomies() {
	countries := map[string]*Country{}
	ctry := func(code string) *Topic {
		c := countries[code]
		if c == nil {
			c = &Country{Country: CountryOf(code)}
			countries[code] = c
		}
		return &c.Topic
	}
	sectors := map[string]*Sector{}
	for _, sec := range s.Config.Sectors {
		sectors[sec.Slug] = &Sector{Sector: sec}
	}
	topics := func(countries, sectorSlugs []string) []*Topic {
		var ts []*Topic
		for _, c := range countries {
			ts = append(ts, ctry(c))
		}
		for _, sl := range sectorSlugs {
			if sec := sectors[sl]; sec != nil {
				ts = append(ts, &sec.Topic)
			}
		}
		return ts
	}
	ofPage := func(p *content.Page) []*Topic { return topics(p.Countries, p.Sectors) }
	ofAMI := func(a *data.AMI) []*Topic { return topics(a.Countries, a.Sectors) }
	file(s.Chapters, ofPage, func(t *Topic) *[]*content.Page { return &t.Chapters })
	file(s.Cases, ofPage, func(t *Topic) *[]*content.Page { return &t.Cases })
	file(s.Open, ofAMI, func(t *Topic) *[]*data.AMI { return &t.Open })
	file(s.Closed, ofAMI, func(t *Topic) *[]*data.AMI { return &t.Closed })
	for _, c := range countries {
		s.Countries = append(s.Countries, c)
	}
	french.SortFunc(s.Countries, func(c *Country) string { return c.Name + " " + c.Code })
	for _, sec := range s.Config.Sectors {
		s.Sectors = append(s.Sectors, sectors[sec.Slug])
	}
	french.SortFunc(s.Sectors, func(c *Sector) string { return c.Name })
}

// file appends each item to the list that field picks in every topic the item mentions.
func file[T any](items []T, mentions func(T) []*Topic, field func(*Topic) *[]T) {
	for _, it := range items {
		for _, t := range mentions(it) {
			l := field(t)
			*l = append(*l, it)
		}
	}
}

// Neighbours returns the chapters before and after p (nil at the ends).
func (s *Site) Neighbours(p *content.Page) (prev, next *content.Page) {
	i := slices.Index(s.Chapters, p)
	if i < 0 {
		return nil, nil
	}
	if i > 0 {
		prev = s.Chapters[i-1]
	}
	if i+1 < len(s.Chapters) {
		next = s.Chapters[i+1]
	}
	return prev, next
}

// CountryOf returns the country of an ISO code with its French name and phrase set for
// readers, with typographic apostrophes ("Côte d’Ivoire", "en Côte d’Ivoire").
func CountryOf(code string) country.Country {
	c, _ := country.Lookup(code)
	c.Name, c.In = french.Text(c.Name), french.Text(c.In)
	return c
}

package pipeline

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"coexport/internal/content"
	"coexport/internal/french"
	"coexport/internal/markdown"
	"coexport/internal/search"
	"coexport/internal/site"
	"coexport/internal/source"
)

// depValues gives each dependency key of the render jobs a value that changes exactly when
// what the outputs read of it changes:
//
//	page:<src>  the page's file (its body and every field)
//	chapters    what lists may show of every chapter: all its fields but the body (see card)
//	cases       the same for every case
//	models      the same for every model document
//	amis        the catalogue and the build day (which AMIs are open)
//	survey      the survey
//	taxonomy    the country and sector lists with their counts
//	site        site.yaml, the base URL, the drafts flag and the build day
//	pages       the standalone pages that every footer lists, and whether there are a survey
//	            and model documents (the navigation links to them)
//	searchmeta  the search index's meta.json, which the search page carries: set once the
//	            index is built (render), before the pages marked AfterIndex
func (b *Builder) depValues(s *site.Site, files []source.File, vocabKey string) map[string]string {
	v := map[string]string{}
	day := s.Today.Format(time.DateOnly)
	for _, f := range files {
		h := hex.EncodeToString(f.Hash[:12])
		switch f.Kind {
		case source.SiteConfig:
			v["site"] = hashStrings(h, vocabKey, fmt.Sprint(b.cfg.Drafts), b.cfg.BaseURL, day, s.Config.BaseURL)
		case source.AMIs:
			v["amis"] = hashStrings(h, day)
		case source.Survey:
			v["survey"] = h
		case source.Chapter, source.Case, source.Model, source.Page, source.Home:
			v["page:"+f.Path] = h
		}
	}
	if v["amis"] == "" {
		v["amis"] = day
	}
	cards := func(pages []*content.Page) string {
		h := make([]string, len(pages))
		for i, p := range pages {
			h[i] = card(p)
		}
		return hashStrings(h...)
	}
	v["chapters"] = cards(s.Chapters)
	v["cases"] = cards(s.Cases)
	v["models"] = cards(s.Models)
	v["taxonomy"] = hashStrings(v["chapters"], v["cases"], v["amis"])
	v["pages"] = hashStrings(cards(s.Pages), fmt.Sprint(s.Survey != nil, len(s.Models) > 0))
	v["searchmeta"] = "" // see render
	return v
}

// indexKey changes whenever the search index may: when a page's file, the catalogue or
// site.yaml (synonyms, names) changes.
func indexKey(v map[string]string) string {
	keys := make([]string, 0, len(v))
	for k := range v {
		if strings.HasPrefix(k, "page:") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	parts := []string{v["amis"], v["site"], v["taxonomy"]}
	for _, k := range keys {
		parts = append(parts, k, v[k])
	}
	return hashStrings(parts...)
}

// card hashes what an output other than the page's own may read of a page: every exported
// field (all that a layout can reach) but the body. A field added to content.Page is in it
// without a change here. The body is left out so that editing a page's text re-renders only
// the outputs that depend on that page's file ("page:<src>"); TestFingerprintsCoverReads
// fails if an output comes to read, say, Body.Words of pages it does not depend on.
func card(p *content.Page) string {
	q := *p
	q.Body = markdown.Doc{}
	b, err := json.Marshal(&q)
	if err != nil {
		// Only a field of a type JSON cannot encode (a func, a channel) gets here: a
		// programming error that every build test shows at once.
		panic(fmt.Sprintf("pipeline: hashing the card of %s: %v", p.Source, err))
	}
	return hashStrings(string(b))
}

// searchDocs lists what the search index holds: chapters, cases, model documents, standalone
// pages, AMIs, and the country and sector pages (hubs).
func searchDocs(s *site.Site) []search.Doc {
	var docs []search.Doc
	add := func(p *content.Page, typ string) {
		d := search.Doc{URL: p.URL, Type: typ, Title: french.Text(p.Title), Summary: french.Text(p.Summary),
			Countries: p.Countries, Sectors: p.Sectors}
		for _, sec := range p.Body.Sections {
			d.Sections = append(d.Sections, search.Section{Heading: sec.Heading, Anchor: sec.Anchor, Text: sec.Text})
		}
		docs = append(docs, d)
	}
	for _, p := range s.Chapters {
		add(p, "chapitre")
	}
	for _, p := range s.Cases {
		add(p, "cas")
	}
	for _, p := range s.Models {
		add(p, "modele")
	}
	for _, p := range s.Pages {
		add(p, "page")
	}
	for _, a := range s.AMIs {
		d := search.Doc{URL: "ami/" + a.Slug + "/", Type: "ami", Title: a.ID + " — " + french.Text(a.Title),
			Summary: french.Text(a.Summary), Countries: a.Countries, Sectors: a.Sectors, Issuer: french.Text(a.Issuer),
			Deadline: a.Deadline.Format(time.DateOnly), Open: a.Open(s.Today)}
		for _, sec := range a.Description.Sections {
			d.Sections = append(d.Sections, search.Section{Heading: sec.Heading, Anchor: sec.Anchor, Text: sec.Text})
		}
		if len(a.Sought) > 0 {
			d.Sections = append(d.Sections, search.Section{Heading: "Compétences recherchées", Text: french.Text(strings.Join(a.Sought, " ; "))})
		}
		docs = append(docs, d)
	}
	for _, c := range s.Countries {
		docs = append(docs, search.Doc{URL: "pays/" + c.Slug() + "/", Type: "pays", Title: c.Name, Summary: hubSummary(&c.Topic),
			Countries: []string{c.Code}, Hub: true})
	}
	for _, sec := range s.Sectors {
		docs = append(docs, search.Doc{URL: "secteurs/" + sec.Slug + "/", Type: "secteur", Title: sec.Name, Summary: hubSummary(&sec.Topic),
			Sectors: []string{sec.Slug}, Hub: true})
	}
	return docs
}

// hubSummary is what a country's or sector's search result says it holds: "12 AMI ouverts, 3 cas".
func hubSummary(t *site.Topic) string {
	amis := "AMI ouvert"
	if len(t.Open) > 1 {
		amis += "s"
	}
	return fmt.Sprintf("%d %s, %d cas", len(t.Open), amis, len(t.Cases))
}

func searchConfig(s *site.Site) search.Config {
	c := search.Config{Synonyms: s.Config.Synonyms, CountryNames: map[string]string{}, SectorNames: map[string]string{}}
	for _, ct := range s.Countries {
		c.CountryNames[ct.Code] = ct.Name
	}
	for _, sec := range s.Config.Sectors {
		c.SectorNames[sec.Slug] = sec.Name
	}
	return c
}

// overlay is an fs.FS of the project's own layouts over the embedded defaults.
type overlay struct {
	own  map[string][]byte
	base fs.FS
}

// Open opens a default layout file; the renderer reads layouts through ReadFile and Glob,
// which see the project's own files too.
func (o overlay) Open(name string) (fs.File, error) {
	return o.base.Open(name)
}

// ReadFile returns the project's own version of a layout file, or the default one.
func (o overlay) ReadFile(name string) ([]byte, error) {
	if b, ok := o.own[name]; ok {
		return b, nil
	}
	return fs.ReadFile(o.base, name)
}

// Glob lists the files of both layers that match pattern.
func (o overlay) Glob(pattern string) ([]string, error) {
	names, err := fs.Glob(o.base, pattern)
	if err != nil {
		return nil, err
	}
	for n := range o.own {
		if ok, _ := pathMatch(pattern, n); ok && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names, nil
}

func pathMatch(pattern, name string) (bool, error) { return path.Match(pattern, name) }

package render

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

	"coexport/internal/content"
	"coexport/internal/data"
	"coexport/internal/site"
)

// View is what a page layout receives.
type View struct {
	Site        *site.Site
	Title       string // the page's h1 and <title>
	Description string
	Path        string // site-relative URL of the page: "guide/x/"
	Kind        string // the layout's name without .html
	Frame       Frame  // what the header and footer show: the same on every page of a kind
	Crumbs      []Crumb
	Feeds       []Feed
	LiveReload  bool

	Page     *content.Page
	Prev     *content.Page
	Next     *content.Page
	Cases    []*content.Page
	Chapters []*content.Page
	AMIs     []*data.AMI
	AMI      *data.AMI
	Country  *site.Country
	Sector   *site.Sector
	Topic    *site.Topic
	// Catalogue is the AMI catalogue filtered on the topic ("ami/?pays=sn"), where a
	// topic page sends readers for more than its first few open AMIs.
	Catalogue string
	Status    int // 404 for the not-found page
	// SearchMeta is the search index's meta.json, on the search page (Job.AfterIndex), with
	// < > & written \u003c \u003e \u0026 so that it can sit in a <script> element.
	SearchMeta template.JS
}

// Frame is what the header and footer of a page read: the site and the page's kind (the
// navigation marks the current section). Equal on all the pages of a kind, it lets the
// layouts render them once with {{cached "site-header" .Frame}}.
type Frame struct {
	Site *site.Site
	Kind string
}

// Crumb is one step of the breadcrumbs.
type Crumb struct{ Name, URL string }

// Feed is a feed or calendar a page announces.
type Feed struct{ Title, URL, Type string }

func (r *Renderer) view(kind, p, title string) *View {
	return &View{Site: r.site, Kind: kind, Frame: Frame{r.site, kind}, Path: p, Title: title, LiveReload: r.opts.LiveReload,
		Description: r.site.Config.Description}
}

func (r *Renderer) page(path, layout string, deps []string, build func() *View) Job {
	return Job{Path: path, Layout: layout, Deps: deps, run: func(r *Renderer) ([]byte, error) {
		return r.execute(layout, build())
	}}
}

func pageKey(p *content.Page) string { return "page:" + p.Source }

// Jobs lists every output of the site, sorted by path. Dependency keys (see package
// build): "page:<source path>" a page's file, "chapters", "cases" and "models" what lists
// show of every chapter, case or model document, "amis" the catalogue on the build day, "survey", "taxonomy" the
// countries and sectors with their counts, "site", "pages" the standalone pages.
func (r *Renderer) Jobs() []Job {
	s := r.site
	var jobs []Job
	allCards := []string{"chapters", "cases", "models", "amis", "survey", "taxonomy"}
	if s.Home != nil {
		allCards = append(allCards, pageKey(s.Home))
	}

	jobs = append(jobs, r.page("index.html", "home.html", allCards, func() *View {
		v := r.view("home", "", s.Config.Title)
		v.Page = s.Home
		if len(s.Open) > 0 {
			v.AMIs = s.Open[:min(6, len(s.Open))]
		}
		v.Feeds = r.amiFeeds("ami/", "Appels à manifestation d'intérêt ouverts")
		return v
	}))
	jobs = append(jobs, r.page("guide/index.html", "guide.html", []string{"chapters"}, func() *View {
		v := r.view("guide", "guide/", "Le guide")
		v.Crumbs = []Crumb{{"Accueil", ""}}
		return v
	}))
	printDeps := []string{}
	for _, c := range s.Chapters {
		printDeps = append(printDeps, pageKey(c))
	}
	jobs = append(jobs, r.page("guide/imprimer/index.html", "print.html", printDeps, func() *View {
		v := r.view("print", "guide/imprimer/", "Le guide complet, version imprimable")
		v.Crumbs = []Crumb{{"Accueil", ""}, {"Le guide", "guide/"}}
		return v
	}))
	for _, c := range s.Chapters {
		prev, next := s.Neighbours(c)
		deps := []string{pageKey(c), "chapters", "cases", "amis"}
		jobs = append(jobs, r.page(c.URL+"index.html", "chapter.html", deps, func() *View {
			v := r.view("chapter", c.URL, c.Title)
			v.Page, v.Prev, v.Next = c, prev, next
			v.Description = c.Summary
			v.Cases, v.AMIs = s.Related(c, 4)
			v.Crumbs = []Crumb{{"Accueil", ""}, {"Le guide", "guide/"}}
			return v
		}))
	}
	jobs = append(jobs, r.sectionJobs(section{"cas/", "Cas d'entreprises", "case", "cases", s.Cases})...)
	jobs = append(jobs, r.sectionJobs(section{"modeles/", "Modèles de documents", "model", "models", s.Models})...)
	for _, p := range s.Pages {
		jobs = append(jobs, r.page(p.URL+"index.html", "page.html", []string{pageKey(p)}, func() *View {
			v := r.view("page", p.URL, p.Title)
			v.Page = p
			if p.Summary != "" {
				v.Description = p.Summary
			}
			v.Crumbs = []Crumb{{"Accueil", ""}}
			return v
		}))
	}
	jobs = append(jobs, r.amiJobs()...)
	jobs = append(jobs, r.topicJobs()...)
	if s.Survey != nil {
		jobs = append(jobs, r.page("enquete/index.html", "survey.html", []string{"survey"}, func() *View {
			v := r.view("survey", "enquete/", s.Survey.Title)
			v.Crumbs = []Crumb{{"Accueil", ""}}
			return v
		}))
	}
	// the search page carries search.js inline, and the index's meta.json
	search := r.page("recherche/index.html", "search.html", []string{"taxonomy", "asset:" + r.version["search.js"], "searchmeta"}, func() *View {
		v := r.view("search", "recherche/", "Rechercher")
		v.Crumbs = []Crumb{{"Accueil", ""}}
		var meta bytes.Buffer
		json.HTMLEscape(&meta, bytes.TrimSpace(r.searchMeta))
		v.SearchMeta = template.JS(meta.String())
		return v
	})
	search.AfterIndex = true
	jobs = append(jobs, search)
	jobs = append(jobs, r.page("404.html", "404.html", nil, func() *View {
		v := r.view("404", "404.html", "Page introuvable")
		v.Status = 404
		return v
	}))
	slices.SortFunc(jobs, func(a, b Job) int { return cmp.Compare(a.Path, b.Path) })
	r.lastMod = map[string]time.Time{}
	for _, p := range slices.Concat(s.Chapters, s.Cases, s.Models, s.Pages) {
		if !p.Updated.IsZero() {
			r.lastMod[p.URL+"index.html"] = p.Updated
		}
	}
	for _, a := range s.AMIs {
		r.lastMod["ami/"+a.Slug+"/index.html"] = a.LastChange()
	}
	r.pagePaths = make([]string, len(jobs))
	for i, j := range jobs {
		r.pagePaths[i] = j.Path
	}
	jobs = append(jobs, r.fileJobs()...)
	slices.SortFunc(jobs, func(a, b Job) int { return cmp.Compare(a.Path, b.Path) })
	return jobs
}

// section is a folder of markdown pages with an index page: the cases, the model documents.
type section struct {
	dir, title string // "cas/", "Cas d'entreprises"
	kind       string // the page layout's name, "case"; the index's is the plural, "cases"
	dep        string // the dependency key of what the index shows of every page
	pages      []*content.Page
}

// sectionJobs makes a section's index and one page per item.
func (r *Renderer) sectionJobs(sec section) []Job {
	jobs := []Job{r.page(sec.dir+"index.html", sec.kind+"s.html", []string{sec.dep}, func() *View {
		v := r.view(sec.kind+"s", sec.dir, sec.title)
		v.Crumbs = []Crumb{{"Accueil", ""}}
		return v
	})}
	for _, p := range sec.pages {
		jobs = append(jobs, r.page(p.URL+"index.html", sec.kind+".html", []string{pageKey(p)}, func() *View {
			v := r.view(sec.kind, p.URL, p.Title)
			v.Page = p
			v.Description = p.Summary
			v.Crumbs = []Crumb{{"Accueil", ""}, {sec.title, sec.dir}}
			return v
		}))
	}
	return jobs
}

func (r *Renderer) amiFeeds(dir, title string) []Feed {
	return []Feed{
		{Title: title + " (Atom)", URL: dir + "feed.xml", Type: "application/atom+xml"},
		{Title: title + " (agenda des échéances)", URL: dir + "echeances.ics", Type: "text/calendar"},
	}
}

func (r *Renderer) amiJobs() []Job {
	s := r.site
	var jobs []Job
	jobs = append(jobs, r.page("ami/index.html", "amis.html", []string{"amis", "taxonomy"}, func() *View {
		v := r.view("amis", "ami/", "Appels à manifestation d'intérêt ouverts")
		v.AMIs = s.Open
		v.Crumbs = []Crumb{{"Accueil", ""}}
		v.Feeds = r.amiFeeds("ami/", "Appels à manifestation d'intérêt ouverts")
		return v
	}))
	jobs = append(jobs, r.page("ami/archives/index.html", "archives.html", []string{"amis"}, func() *View {
		v := r.view("archives", "ami/archives/", "Appels à manifestation d'intérêt clos")
		v.AMIs = s.Closed
		v.Crumbs = []Crumb{{"Accueil", ""}, {"Appels à manifestation d'intérêt", "ami/"}}
		return v
	}))
	for _, a := range s.AMIs {
		jobs = append(jobs, r.page("ami/"+a.Slug+"/index.html", "ami.html", []string{"amis"}, func() *View {
			v := r.view("ami", "ami/"+a.Slug+"/", a.Title)
			v.AMI = a
			v.Description = a.Summary
			v.Crumbs = []Crumb{{"Accueil", ""}, {"Appels à manifestation d'intérêt", "ami/"}}
			if !a.Open(s.Today) {
				v.Crumbs = append(v.Crumbs, Crumb{"Archives", "ami/archives/"})
			}
			return v
		}))
	}
	return jobs
}

func (r *Renderer) topicJobs() []Job {
	s := r.site
	var jobs []Job
	topicDeps := func(*site.Topic) []string { return []string{"chapters", "cases", "amis"} }
	jobs = append(jobs, r.page("pays/index.html", "countries.html", []string{"taxonomy"}, func() *View {
		v := r.view("countries", "pays/", "Pays")
		v.Crumbs = []Crumb{{"Accueil", ""}}
		return v
	}))
	for _, c := range s.Countries {
		dir := "pays/" + c.Slug() + "/"
		jobs = append(jobs, r.page(dir+"index.html", "country.html", topicDeps(&c.Topic), func() *View {
			v := r.view("country", dir, c.Name)
			v.Country, v.Topic = c, &c.Topic
			v.AMIs, v.Catalogue = firstOpen(&c.Topic), "ami/?pays="+c.Slug()
			v.Description = fmt.Sprintf("Co-export %s : chapitres du guide, cas d'entreprises et appels à manifestation d'intérêt.", c.In)
			v.Crumbs = []Crumb{{"Accueil", ""}, {"Pays", "pays/"}}
			v.Feeds = r.amiFeeds(dir, "AMI "+c.In)
			return v
		}))
	}
	jobs = append(jobs, r.page("secteurs/index.html", "sectors.html", []string{"taxonomy"}, func() *View {
		v := r.view("sectors", "secteurs/", "Secteurs")
		v.Crumbs = []Crumb{{"Accueil", ""}}
		return v
	}))
	for _, sec := range s.Sectors {
		dir := "secteurs/" + sec.Slug + "/"
		jobs = append(jobs, r.page(dir+"index.html", "sector.html", topicDeps(&sec.Topic), func() *View {
			v := r.view("sector", dir, sec.Name)
			v.Sector, v.Topic = sec, &sec.Topic
			v.AMIs, v.Catalogue = firstOpen(&sec.Topic), "ami/?secteur="+sec.Slug
			v.Description = "Co-export dans le secteur " + lowerFirst(sec.Name) + " : chapitres, cas et appels à manifestation d'intérêt."
			v.Crumbs = []Crumb{{"Accueil", ""}, {"Secteurs", "secteurs/"}}
			v.Feeds = r.amiFeeds(dir, "AMI du secteur "+sec.Name)
			return v
		}))
	}
	return jobs
}

// topicCards is how many open AMIs a country or sector page shows as cards, the soonest
// deadlines first; the catalogue, filtered on the topic, shows them all. A page that put
// every card inline weighed 250 to 650 KB on a 7,000-AMI catalogue.
const topicCards = 6

func firstOpen(t *site.Topic) []*data.AMI { return t.Open[:min(topicCards, len(t.Open))] }

// lowerFirst lowers the first letter of a name for use inside a sentence ("Énergie" →
// "énergie"), but not of an acronym ("BTP et infrastructures").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if s == "" {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

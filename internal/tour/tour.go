// Package tour serves a build of a project from memory on 127.0.0.1, as a static host
// would (Serve), and names one page of each kind the site has (Kinds): the pages that the
// browser checks of package chrome and cmd/screenshots visit.
//
// It stands at the edge of the program, beside package serve, whose static handler it
// uses; nothing in the pipeline imports it.
package tour

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"time"

	"coexport/internal/output"
	"coexport/internal/pipeline"
	"coexport/internal/publish"
	"coexport/internal/serve"
	"coexport/internal/site"
)

// Site is a build of a project served from memory on 127.0.0.1 by an httptest server.
type Site struct {
	URL    string           // "http://127.0.0.1:PORT", no final slash
	Result *pipeline.Result // the build: its files and its model
	srv    *httptest.Server
}

// Serve builds the project in src as of date, with the server's own address as base URL
// (so that every link of the site points at it), and serves the outputs. A build with
// content errors is an error that counts them and shows the first.
func Serve(src fs.FS, date time.Time) (*Site, error) {
	srv := httptest.NewUnstartedServer(nil) // listens on 127.0.0.1 only
	url := "http://" + srv.Listener.Addr().String()
	res, err := pipeline.New(pipeline.Config{Src: src, BaseURL: url + "/", BuildDate: date}).Build()
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("build the site: %w", err)
	}
	if len(res.Diags) > 0 {
		srv.Close()
		return nil, fmt.Errorf("build the site: %d content errors, the first: %v", len(res.Diags), res.Diags[0])
	}
	srv.Config.Handler = Handler(res.Files)
	srv.Start()
	return &Site{URL: url, Result: res, srv: srv}, nil
}

// Close stops the server.
func (s *Site) Close() { s.srv.Close() }

// Handler serves files the way a static host does, with the dev server's static handler.
func Handler(files []output.File) http.Handler {
	var snap publish.Snapshot
	snap.Swap(files)
	return serve.Static(snap.Get)
}

// Kind is a kind of page of the site, with the URL path of one page of that kind.
type Kind struct {
	Name    string // "home", "chapter", "ami", …: names subtests and screenshot files
	Path    string // URL path from the site's root, with its query: "/recherche/?q=energie"
	Status  int    // the HTTP status the page must have: 200, or 404 for the missing page
	NeedsJS bool   // the page does its job only with JavaScript (search)
}

// Kinds returns one page of each kind that s has, in the order of the site's navigation.
// Where a kind has many pages it takes a rich one: the country or sector that the most
// items mention, the first open AMI.
func Kinds(s *site.Site) []Kind {
	base := s.Config.BasePath()
	var ks []Kind
	add := func(name, urlPath string) {
		ks = append(ks, Kind{Name: name, Path: base + urlPath, Status: http.StatusOK})
	}
	add("home", "")
	add("guide", "guide/")
	if len(s.Chapters) > 0 {
		add("chapter", s.Chapters[0].URL)
	}
	add("print", "guide/imprimer/")
	add("cases", "cas/")
	if len(s.Cases) > 0 {
		add("case", s.Cases[0].URL)
	}
	if len(s.Models) > 0 {
		add("models", "modeles/")
		add("model", s.Models[0].URL)
	}
	add("amis", "ami/")
	if a := firstAMI(s); a != "" {
		add("ami", "ami/"+a+"/")
	}
	add("archives", "ami/archives/")
	add("countries", "pays/")
	if c := richest(s.Countries); c != nil {
		add("country", "pays/"+c.Slug()+"/")
	}
	add("sectors", "secteurs/")
	if c := richest(s.Sectors); c != nil {
		add("sector", "secteurs/"+c.Slug+"/")
	}
	if s.Survey != nil {
		add("survey", "enquete/")
	}
	add("search", "recherche/?q=energie")
	ks[len(ks)-1].NeedsJS = true
	for _, p := range s.Pages {
		if p.Slug == "a-propos" || len(s.Pages) == 1 {
			add("page", p.URL)
			break
		}
	}
	ks = append(ks, Kind{Name: "404", Path: base + "cette-page-n-existe-pas/", Status: http.StatusNotFound})
	return ks
}

func firstAMI(s *site.Site) string {
	switch {
	case len(s.Open) > 0:
		return s.Open[0].Slug
	case len(s.AMIs) > 0:
		return s.AMIs[0].Slug
	}
	return ""
}

// richest returns the item that the most items mention, the first of equals; nil for none.
func richest[T interface{ Count() int }](items []T) T {
	var best T
	for i, it := range items {
		if i == 0 || it.Count() > best.Count() {
			best = it
		}
	}
	return best
}

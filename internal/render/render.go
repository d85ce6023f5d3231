// Package render turns the site model into output files: HTML pages through the
// html/template layouts, plus the sitemap, robots.txt and the static assets.
//
// It knows nothing of disk or HTTP: Jobs lists every page to make, with the inputs each
// one reads (so that a rebuild can skip the pages whose inputs did not change), and Run
// renders one job to bytes. The layouts come from an fs.FS: the project's own layouts/
// over the defaults embedded in the binary, file by file.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"coexport/internal/diag"
	"coexport/internal/site"
)

// Options configure a Renderer.
type Options struct {
	// LiveReload injects the dev server's reload script into every page (serve only).
	LiveReload bool
	// Memo, when set, keeps from one build to the next what depends only on its own inputs:
	// the parsed layouts and each chapter's part of the printable guide. The dev server's
	// Builder sets it, so that a chapter save re-makes neither.
	Memo *Memo
}

// Memo keeps, across the builds of one Builder, what depends on its inputs alone: each
// chapter's part of the printable guide, and the parsed layouts (their functions reach the
// renderer of the build under way: New points them at the Renderer it makes, Claim back at
// an older one, and two Renderers sharing a Memo must not render at the same time; a
// Builder makes one build at a time). A part that a build did not use is
// dropped at the start of the next but one; a layout, as soon as a build does not use it.
type Memo struct {
	mu        sync.Mutex
	cur, prev map[memoKey]string
	layouts   map[[32]byte]parsedLayout // by the hash of a page layout and the shared ones
}

// parsedLayout is a page layout parsed with the shared ones, and the reference its
// functions reach the renderer through.
type parsedLayout struct {
	t   *template.Template
	ref *rendererRef
}

// rendererRef is what a layout's functions call: the renderer of the build under way.
type rendererRef struct{ r *Renderer }

type memoKey struct{ kind, a, b string }

// begin starts a build: what the last build did not use is forgotten.
func (m *Memo) begin() {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.prev, m.cur = m.cur, map[memoKey]string{}
	m.mu.Unlock()
}

// get returns the value of key, made by make the first time.
func (m *Memo) get(key memoKey, make func() string) string {
	if m == nil {
		return make()
	}
	m.mu.Lock()
	v, ok := m.cur[key]
	if !ok {
		if v, ok = m.prev[key]; ok {
			m.cur[key] = v
		}
	}
	m.mu.Unlock()
	if ok {
		return v
	}
	v = make()
	m.mu.Lock()
	m.cur[key] = v
	m.mu.Unlock()
	return v
}

// Renderer renders the pages of one site model with one set of layouts.
type Renderer struct {
	site    *site.Site
	base    string
	opts    Options
	pages   map[string]*template.Template // by layout file name: "chapter.html"
	parts   sync.Map                      // cardKey, partKey → template.HTML: a part many pages share, made once
	assets  map[string][]byte             // by name: "style.css"
	version map[string]string             // asset name → short content hash, for cache busting
	// LayoutHash is, for each layout file, a hash of what it renders with (itself and the
	// shared base and partials), so that a rebuild knows which pages a layout edit touches.
	LayoutHash map[string]string
	pagePaths  []string                  // the HTML outputs, for the sitemap; set by Jobs
	lastMod    map[string]time.Time      // when a page's content last changed, where known
	searchMeta []byte                    // the search index's meta.json, for the search page
	parsed     map[[32]byte]parsedLayout // this build's parsed layouts, for the Memo
}

// sharedLayouts are parsed with every page layout.
var sharedLayouts = []string{"base.html", "partials.html"}

// New parses the layouts of fsys (*.html at its root, assets/ for static files) for s.
// Template errors are reported as diagnostics on the layout file.
func New(fsys fs.FS, s *site.Site, o Options, d *diag.List) *Renderer {
	o.Memo.begin()
	r := &Renderer{site: s, base: s.Config.BasePath(), opts: o, pages: map[string]*template.Template{},
		assets: map[string][]byte{}, version: map[string]string{}, LayoutHash: map[string]string{},
		parsed: map[[32]byte]parsedLayout{}}
	names, _ := fs.Glob(fsys, "*.html")
	shared := map[string][]byte{}
	for _, n := range sharedLayouts {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			d.Add(diag.Pos{File: "layouts/" + n}, "missing layout: %v", err)
			return r
		}
		shared[n] = b
	}
	assetNames, _ := fs.Glob(fsys, "assets/*")
	for _, n := range assetNames {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			continue
		}
		name := path.Base(n)
		r.assets[name] = b
		sum := sha256.Sum256(b)
		r.version[name] = hex.EncodeToString(sum[:4])
	}
	for _, n := range names {
		if slices.Contains(sharedLayouts, n) {
			continue
		}
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			d.Add(diag.Pos{File: "layouts/" + n}, "reading layout: %v", err)
			continue
		}
		t, ok := r.parse(n, shared, b, d)
		if ok {
			r.pages[n] = t
			h := sha256.New()
			h.Write(shared["base.html"])
			h.Write(shared["partials.html"])
			h.Write(b)
			if !o.LiveReload { // pages carry the assets' hashes
				for _, name := range assetNames {
					h.Write([]byte(r.version[path.Base(name)]))
				}
			}
			r.LayoutHash[n] = hex.EncodeToString(h.Sum(nil)[:8])
		}
	}
	if o.Memo != nil {
		o.Memo.layouts = r.parsed
	}
	return r
}

// parse parses page layout n (its text b) with the shared layouts, or takes it from the
// Memo when the same texts were parsed for an earlier build; it reports parse errors to d.
func (r *Renderer) parse(n string, shared map[string][]byte, b []byte, d *diag.List) (*template.Template, bool) {
	h := sha256.New()
	for _, text := range [][]byte{[]byte(n), shared["base.html"], shared["partials.html"], b} {
		fmt.Fprintf(h, "%d:", len(text))
		h.Write(text)
	}
	var key [32]byte
	h.Sum(key[:0])
	if m := r.opts.Memo; m != nil {
		if p, ok := m.layouts[key]; ok {
			p.ref.r = r
			r.parsed[key] = p
			return p.t, true
		}
	}
	ref := &rendererRef{r}
	t := template.New("base.html").Funcs(funcs(ref, n))
	for _, src := range []struct {
		name string
		text []byte
	}{{"base.html", shared["base.html"]}, {"partials.html", shared["partials.html"]}, {n, b}} {
		tt := t
		if src.name != "base.html" {
			tt = t.New(src.name)
		}
		if _, err := tt.Parse(string(src.text)); err != nil {
			d.Add(diag.Pos{File: "layouts/" + src.name, Line: 1, Col: 1}, "%v", err)
			return nil, false
		}
	}
	r.parsed[key] = parsedLayout{t, ref}
	return t, true
}

// Job is one output to render: its path, the layout it uses and the keys of the model
// items it reads (see package build for how they are fingerprinted).
type Job struct {
	Path   string
	Layout string   // "" for files that use no layout
	Deps   []string // "page:content/guide/01-x.md", "card:…", "ami:AMI-2026-001", "amis", "site"
	// AfterIndex marks a page that carries the search index's meta.json (SetSearchMeta):
	// it is rendered once the index is built, with the dependency key "searchmeta".
	AfterIndex bool
	run        func(r *Renderer) ([]byte, error)
}

// Claim points the layouts r shares through its Options.Memo back at r, for rendering with
// r after New made a newer Renderer with the same Memo (a build that failed since).
func (r *Renderer) Claim() {
	for _, p := range r.parsed {
		p.ref.r = r
	}
}

// SetSearchMeta gives the search page the meta.json of the index it is served with, so that
// a query starts without fetching it. Call it before running the AfterIndex jobs.
func (r *Renderer) SetSearchMeta(meta []byte) { r.searchMeta = meta }

// Run renders a job.
func (r *Renderer) Run(j Job) ([]byte, error) { return j.run(r) }

// execute renders the page layout with v.
func (r *Renderer) execute(layout string, v *View) ([]byte, error) {
	t := r.pages[layout]
	if t == nil {
		return nil, fmt.Errorf("render %s: layout %s is missing or broken", v.Path, layout)
	}
	buf := pageBufs.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		pageBufs.Put(buf)
	}()
	if err := t.ExecuteTemplate(buf, "base.html", v); err != nil {
		return nil, fmt.Errorf("render %s with layouts/%s: %w", v.Path, layout, err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

// pageBufs are the buffers pages render into: a page's bytes are then copied at their
// size, so that a build allocates each page once and not the buffer's growth with it.
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// URL returns the site path of a site-relative URL: "guide/" → "/coexport/guide/".
func (r *Renderer) URL(rel string) string { return r.base + strings.TrimPrefix(rel, "/") }

// AbsURL returns the absolute URL of a site-relative URL, from base_url.
func (r *Renderer) AbsURL(rel string) string {
	b := r.site.Config.BaseURL
	if !strings.HasSuffix(b, "/") {
		b += "/"
	}
	return b + strings.TrimPrefix(rel, "/")
}

// Package pipeline is the one pipeline that turns a project into a site, used by both
// `coexport build` and `coexport serve`:
//
//	load (fs.FS → files) → parse (pages, data; diagnostics) → assemble (site model)
//	→ index and render (outputs sorted by path)
//
// A Builder keeps what it made last time, so that a rebuild re-parses only the files whose
// bytes changed and re-renders only the outputs whose inputs changed: each output's
// fingerprint hashes its layout and the model items it reads. The result is byte for byte
// what a clean build of the same files makes. Writing the outputs is package publish's job.
package pipeline

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"coexport/internal/content"
	"coexport/internal/data"
	"coexport/internal/diag"
	"coexport/internal/feed"
	"coexport/internal/markdown"
	"coexport/internal/output"
	"coexport/internal/parallel"
	"coexport/internal/render"
	"coexport/internal/search"
	"coexport/internal/site"
	"coexport/internal/source"
	"coexport/layouts"
)

// Config says what to build.
type Config struct {
	Src        fs.FS     // the project: content/ and, optionally, layouts/
	BaseURL    string    // overrides site.yaml's base_url when not empty
	Drafts     bool      // publish draft pages
	BuildDate  time.Time // decides which AMIs are open; from SOURCE_DATE_EPOCH or now
	LiveReload bool      // inject the dev server's reload script
	// Incremental keeps, between calls to Build, what the next build can reuse: parsed
	// files, rendered outputs with their fingerprints, the index and the feeds, and the
	// last outputs (for Result.Changed). The dev server sets it; a one-shot build leaves
	// it off and holds nothing it will not use again: with the default layouts it even
	// lets the bodies' HTML go once the pages are made (see Builder.release), so that its
	// Result.Site has them empty.
	Incremental bool
	// DeferIndex lets Build return before the search index is rebuilt, with the previous
	// index in its outputs and Result.IndexPending set; CompleteIndex then finishes it.
	// The dev server uses it so that a saved page is on screen before the index is.
	// It needs Incremental.
	DeferIndex bool
	// Write, when set, receives every output as soon as it is made, from several
	// goroutines at once, instead of Result.Files: a one-shot build streams its outputs
	// to the disk and keeps none of them. It is called only once the content is known to
	// have no errors; an error it returns stops the build, and the build then fails.
	Write func(output.File) error
}

// Stats counts what a build made and how much work it did.
type Stats struct {
	Pages, Chapters, Cases, AMIs, Countries, Sectors int

	Files    int           // output files
	Parsed   int           // source files parsed (not taken from the cache)
	Rendered int           // outputs rendered (not taken from the cache)
	Duration time.Duration // wall time of the build
	Stages   []Stage       // wall time of each stage, in pipeline order
}

// Stage is the wall time of one stage of a build.
type Stage struct {
	Name     string
	Duration time.Duration
}

// clock records stage times into a Stats.
type clock struct {
	st   *Stats
	last time.Time
}

func (c *clock) lap(name string) {
	now := time.Now()
	c.st.Stages = append(c.st.Stages, Stage{name, now.Sub(c.last)})
	c.last = now
}

// Result is the outcome of a build. When Diags is not empty the build failed: Files is nil
// and nothing must be published.
type Result struct {
	Files   []output.File // every output, sorted by path (nil with Config.Write)
	Changed []string      // outputs whose bytes differ from the previous successful build's
	Removed []string      // outputs of the previous successful build that are gone
	Diags   diag.List
	Stats   Stats
	Site    *site.Site
	// IndexPending says that the search index in Files is the previous build's: call
	// CompleteIndex for the up-to-date one (only with Config.DeferIndex).
	IndexPending bool
}

// Builder builds a project, again and again. It is not safe for concurrent use.
type Builder struct {
	cfg    Config
	parsed map[string]parsed      // by source path
	amis   map[string]parsedAMIs  // by content hash + vocabulary key
	outs   map[string]renderedOut // by output path
	prev   map[string][]byte      // last successful build's outputs
	files  source.Cache
	feeds  cachedFeeds
	index  cachedIndex
	last   []output.File // the last successful build's outputs, sorted by path
	memo   *render.Memo  // fragments kept from build to build (incremental builds only)
	// spend lets go of what the stages still to come do not read (see release): in a
	// one-shot build with the default layouts, whose reads are known.
	spend bool
	// indexLast makes the search index after the pages and feeds instead of alongside the
	// pages: for a large site (see largeContent).
	indexLast bool
}

// largeContent is the size of content/ from which a build makes the search index last.
// The index's analysis holds about twice the size of content/ while it lasts; alongside
// the pages, with the whole model live, it set the peak of a large build (50k corpus,
// 165 MiB of content/). Below this size it fits in the fixed part of `coexport build`'s
// soft memory limit (160 MiB), and overlapping it with the pages keeps the cores busy
// while the pages wait for the disk (1k corpus: 0.2 s of a 2.7 s build).
const largeContent = 64 << 20

// cachedIndex is the search index of the last build, with the key of what it was made
// from (every page's file, the catalogue, site.yaml); pending holds what a deferred index
// is to be made from.
type cachedIndex struct {
	key     string
	files   []output.File
	pending *site.Site
	pendKey string
	// the renderer and the pages that carry the index's meta (the search page), to render
	// them again with the index that CompleteIndex makes
	r     *render.Renderer
	pages []render.Job
}

// cachedFeeds are the feeds, calendars and exports of the last build, with the key of
// what they were made from: they depend only on the catalogue, site.yaml and the lists
// of countries and sectors, not on the text of chapters and cases.
type cachedFeeds struct {
	key   string
	files []output.File
}

type parsed struct {
	hash  [32]byte
	vocab string
	page  *content.Page
	diags diag.List
}

type parsedAMIs struct {
	amis  []*data.AMI
	diags diag.List
}

type renderedOut struct {
	fingerprint string
	data        []byte
}

// New returns a Builder for cfg.
func New(cfg Config) *Builder {
	b := &Builder{cfg: cfg, parsed: map[string]parsed{}, amis: map[string]parsedAMIs{},
		outs: map[string]renderedOut{}, prev: map[string][]byte{}}
	if cfg.Incremental {
		b.memo = &render.Memo{}
	}
	return b
}

// SetBuildDate makes the next builds as of d, as a new Builder with d as Config.BuildDate
// would (the dev server calls it when the day changes). What depends on the build day is
// re-rendered; the rest stays cached.
func (b *Builder) SetBuildDate(d time.Time) { b.cfg.BuildDate = d }

// Build reads the project again and builds it, reusing what did not change since the last
// call. An error is returned only when the project cannot be read at all or Config.Write
// fails; content errors are in Result.Diags.
func (b *Builder) Build() (*Result, error) {
	start := time.Now()
	res := &Result{}
	clk := clock{st: &res.Stats, last: start}
	var cache *source.Cache
	if b.cfg.Incremental {
		cache = &b.files
	}
	files, err := source.Load(b.cfg.Src, cache)
	if err != nil {
		return nil, err
	}
	clk.lap("load")
	b.indexLast = contentSize(files) >= largeContent
	in, vocabKey := b.parse(files, res)
	if !b.cfg.Incremental {
		b.parsed, b.amis = map[string]parsed{}, map[string]parsedAMIs{}
		releaseContent(files)
	}
	clk.lap("parse")
	s := site.Assemble(in, &res.Diags)
	res.Site = s
	clk.lap("assemble")

	r := render.New(layoutFS(files), s, render.Options{LiveReload: b.cfg.LiveReload, Memo: b.memo}, &res.Diags)
	if len(res.Diags) > 0 {
		res.Diags = res.Diags.Sorted()
		res.Stats.Duration = time.Since(start)
		return res, nil
	}
	out := newEmitter(b.cfg.Write, origins(s))
	b.spend = !b.cfg.Incremental && !ownLayouts(files)
	err = b.render(r, s, files, vocabKey, out, res, &clk)
	if len(out.collisions) > 0 && err == nil {
		res.Diags = out.collisions.Sorted()
		res.Stats.Duration = time.Since(start)
		return res, nil
	}
	if err != nil {
		if out.writeErr != nil { // the disk, not the content
			return nil, err
		}
		res.Diags.Add(diag.Pos{File: "layouts"}, "%v", err)
		res.Diags = res.Diags.Sorted()
		return res, nil
	}
	if b.cfg.Write == nil {
		b.finish(out.sorted(), res)
	} else {
		res.Stats.Pages, res.Stats.Files = out.pages, out.files
		b.count(res)
	}
	res.Stats.Duration = time.Since(start)
	return res, nil
}

// origins returns where the content that makes an output is: a page's front matter, an
// AMI's entry; the zero Pos for outputs that no single source makes.
func origins(s *site.Site) func(string) diag.Pos {
	at := map[string]diag.Pos{}
	for _, group := range [][]*content.Page{{s.Home}, s.Chapters, s.Cases, s.Pages} {
		for _, p := range group {
			if p != nil {
				at[p.URL+"index.html"] = p.Pos
			}
		}
	}
	for _, a := range s.AMIs {
		at["ami/"+a.Slug+"/index.html"] = a.Pos
	}
	return func(p string) diag.Pos { return at[p] }
}

// parsedFile drops, in a one-shot build, the bytes of files[i] once parsed, so that the
// parse holds the source of the files still to parse, not of all (a one-shot build needs
// only the hashes after that). It is safe for concurrent use with different i.
func (b *Builder) parsedFile(files []source.File, i int) {
	if !b.cfg.Incremental {
		files[i].Data = nil
	}
}

// releaseContent drops the bytes of the content files once they are parsed: a one-shot
// build needs only their hashes after that (the layouts are still to be read).
func releaseContent(files []source.File) {
	for i := range files {
		if files[i].Kind != source.Layout {
			files[i].Data = nil
		}
	}
}

// parse turns the source files into the assembler's input, re-parsing only what changed.
func (b *Builder) parse(files []source.File, res *Result) (site.Input, string) {
	in := site.Input{Drafts: b.cfg.Drafts, BuildDate: b.cfg.BuildDate}
	var cfgFile source.File
	for _, f := range files {
		if f.Kind == source.SiteConfig && f.Problem == "" {
			cfgFile = f
		}
	}
	in.Config = data.ParseSite(cfgFile, b.cfg.BaseURL, &res.Diags)
	links := in.Config.LinkURLs()
	conv := markdown.New(markdown.Options{Base: in.Config.BasePath(), AllowHTML: in.Config.UnsafeHTML, Links: links})
	vocab := in.Config.Vocab()
	vocabKey := hashStrings(append(slices.Sorted(maps.Keys(vocab.Sectors)), in.Config.BasePath(), fmt.Sprint(in.Config.UnsafeHTML),
		fmt.Sprint(links))...) // pages' HTML holds the links' URLs (fmt prints a map sorted)

	var todo []int // indexes in files
	seen := map[string]bool{}
	for i, f := range files {
		if f.Problem != "" {
			res.Diags.Add(diag.Pos{File: f.Path}, "%s", f.Problem)
			continue
		}
		switch f.Kind {
		case source.Chapter, source.Case, source.Model, source.Page, source.Home:
			seen[f.Path] = true
			if p, ok := b.parsed[f.Path]; !ok || p.hash != f.Hash || p.vocab != vocabKey {
				todo = append(todo, i)
			}
		case source.AMIs:
			key := hex.EncodeToString(f.Hash[:]) + vocabKey
			pa, ok := b.amis[key]
			if !ok {
				var d diag.List
				pa = parsedAMIs{amis: data.ParseAMIs(f, vocab, conv, &d), diags: d}
				b.amis = map[string]parsedAMIs{key: pa}
				res.Stats.Parsed++
			}
			b.parsedFile(files, i)
			in.AMIs = pa.amis
			res.Diags.Append(pa.diags)
		case source.Survey:
			in.Survey = data.ParseSurvey(f, &res.Diags)
		case source.Unknown:
			res.Diags.Add(diag.Pos{File: f.Path}, "unknown content file: chapters go in content/guide/NN-slug.md, cases in content/cas/slug.md, model documents in content/modeles/slug.md, pages are content/*.md")
		}
	}
	for p := range b.parsed {
		if !seen[p] {
			delete(b.parsed, p)
		}
	}
	results := parallel.Map(todo, func(i int) parsed {
		f := files[i]
		var d diag.List
		pg := content.Parse(f, vocab, conv, &d)
		b.parsedFile(files, i)
		return parsed{hash: f.Hash, vocab: vocabKey, page: pg, diags: d}
	})
	for k, i := range todo {
		b.parsed[files[i].Path] = results[k]
	}
	res.Stats.Parsed += len(todo)
	for _, p := range slices.Sorted(maps.Keys(b.parsed)) {
		in.Pages = append(in.Pages, b.parsed[p].page)
		res.Diags.Append(b.parsed[p].diags)
	}
	return in, vocabKey
}

// contentSize adds up the sizes of the content files (not the layouts).
func contentSize(files []source.File) int {
	n := 0
	for _, f := range files {
		if f.Kind != source.Layout {
			n += len(f.Data)
		}
	}
	return n
}

// ownLayouts reports whether the project has layouts of its own.
func ownLayouts(files []source.File) bool {
	return slices.ContainsFunc(files, func(f source.File) bool { return f.Kind == source.Layout })
}

// layoutFS returns the layouts: the project's own over the embedded defaults.
func layoutFS(files []source.File) fs.FS {
	own := map[string][]byte{}
	for _, f := range files {
		if f.Kind == source.Layout && f.Problem == "" {
			own[strings.TrimPrefix(f.Path, "layouts/")] = f.Data
		}
	}
	return overlay{own: own, base: layouts.FS}
}

// render renders every output whose fingerprint changed, and makes the feeds and the
// search index, handing each output to out as soon as it is made: the pages, then the
// feeds (made one format at a time). The index reads only the model: on a small site it
// is made while the pages render, so that it fills the cores whenever the page writers
// wait for the disk; on a large one (b.indexLast) after the pages and the feeds, when a
// one-shot build has let go of what they alone read (see release), since its analysis of
// every page's text is the largest thing a stage makes.
func (b *Builder) render(r *render.Renderer, s *site.Site, files []source.File, vocabKey string, out *emitter, res *Result, clk *clock) error {
	values := b.depValues(s, files, vocabKey)
	all := r.Jobs()
	var jobs, afterIndex []render.Job
	for _, j := range all {
		if j.AfterIndex {
			afterIndex = append(afterIndex, j)
		} else {
			jobs = append(jobs, j)
		}
	}
	var (
		idx    []output.File
		idxErr error
		done   = make(chan struct{})
	)
	index := func() {
		go func() {
			defer close(done)
			idx, idxErr = b.indexFiles(s, values, out, res)
		}()
	}
	if !b.indexLast {
		index()
	}
	err := b.pages(r, jobs, values, out, res)
	clk.lap("render")
	if err == nil {
		b.release(s, bodies) // the index does not read them
		err = b.feedFiles(s, values, out)
		clk.lap("feeds")
		b.release(s, amiSources)
	}
	if b.indexLast {
		if err != nil {
			return err
		}
		index()
	}
	<-done
	if err := cmp.Or(err, idxErr); err != nil {
		return err
	}
	// the search page carries the meta.json of the index it is served with
	meta := indexMeta(idx)
	r.SetSearchMeta(meta)
	values["searchmeta"] = hashStrings(string(meta))
	if err := b.pages(r, afterIndex, values, out, res); err != nil {
		return err
	}
	b.index.r, b.index.pages = r, afterIndex
	b.forget(all)
	clk.lap("index")
	return nil
}

// spent names what a one-shot build lets go of between stages.
type spent int

const (
	bodies     spent = iota // the HTML of every page's body and AMI's description
	amiSources              // the markdown of the AMIs' descriptions
)

// release lets go of what, with b.spend, the stages still to come do not read, so that the
// search index, the largest thing a stage makes, is made when the model is smallest (on
// the 50k corpus the bodies' HTML is 147 MiB, the AMIs' markdown 49, of a 430 MiB model).
// Once the pages are made, no layout shows a body again: the search page, made after the
// index, shows none with the default layouts, and the index reads what searchDocs takes.
// Once the feeds are made, amis.csv has given back the AMIs' markdown. Result.Site then
// has them empty.
func (b *Builder) release(s *site.Site, what spent) {
	if !b.spend {
		return
	}
	switch what {
	case bodies:
		for _, group := range [][]*content.Page{{s.Home}, s.Chapters, s.Cases, s.Models, s.Pages} {
			for _, p := range group {
				if p != nil {
					p.Body.HTML = ""
				}
			}
		}
		for _, a := range s.AMIs {
			a.Description.HTML = ""
		}
	case amiSources:
		for _, a := range s.AMIs {
			a.DescriptionSource = ""
		}
	}
}

// indexMeta returns the meta.json of an index's files.
func indexMeta(files []output.File) []byte {
	for _, f := range files {
		if f.Path == indexDir+"meta.json" {
			return f.Data
		}
	}
	return nil
}

// forget drops from the cache of an incremental build the outputs that jobs no longer make.
func (b *Builder) forget(jobs []render.Job) {
	if !b.cfg.Incremental {
		return
	}
	live := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		live[j.Path] = true
	}
	for p := range b.outs {
		if !live[p] {
			delete(b.outs, p)
		}
	}
}

// feedFiles makes the feeds, calendars and exports, or takes them from the last build.
func (b *Builder) feedFiles(s *site.Site, values map[string]string, out *emitter) error {
	if !b.cfg.Incremental {
		return feed.Each(s, out.emit)
	}
	var names []string
	for _, c := range s.Countries {
		names = append(names, c.Code)
	}
	for _, sec := range s.Sectors {
		names = append(names, sec.Slug)
	}
	if key := hashStrings(append(names, values["amis"], values["site"])...); key != b.feeds.key {
		b.feeds = cachedFeeds{key: key, files: feed.Files(s)}
	}
	return out.all(b.feeds.files)
}

// pages renders the jobs of r on all cores; an incremental build takes from its cache the
// outputs whose fingerprint did not change, and keeps the others for the next build.
func (b *Builder) pages(r *render.Renderer, jobs []render.Job, values map[string]string, out *emitter, res *Result) error {
	global := hashStrings(values["site"], values["pages"])
	type work struct {
		job render.Job
		fp  string
	}
	todo := make([]work, 0, len(jobs))
	for _, j := range jobs {
		if !b.cfg.Incremental {
			todo = append(todo, work{job: j})
			continue
		}
		parts := []string{global, r.LayoutHash[j.Layout]}
		for _, d := range j.Deps {
			parts = append(parts, d, values[d])
		}
		fp := hashStrings(parts...)
		if o, ok := b.outs[j.Path]; ok && o.fingerprint == fp {
			if err := out.emit(output.File{Path: j.Path, Data: o.data}); err != nil {
				return err
			}
			continue
		}
		todo = append(todo, work{j, fp})
	}
	var (
		mu      sync.Mutex
		failed  atomic.Bool
		errs    = make([]error, len(todo))
		fresh   = make(map[string]renderedOut, len(todo))
		compute = func(i int) {
			if failed.Load() {
				return
			}
			w := todo[i]
			d, err := r.Run(w.job)
			if err == nil {
				err = out.emit(output.File{Path: w.job.Path, Data: d})
			}
			if err != nil {
				errs[i] = err
				failed.Store(true)
				return
			}
			if b.cfg.Incremental {
				mu.Lock()
				fresh[w.job.Path] = renderedOut{fingerprint: w.fp, data: d}
				mu.Unlock()
			}
		}
	)
	parallel.For(len(todo), compute)
	if err := firstError(errs); err != nil {
		return err
	}
	res.Stats.Rendered += len(todo)
	if b.cfg.Incremental {
		maps.Copy(b.outs, fresh)
	}
	return nil
}

// firstError returns the first error of errs in job order, so that a broken layout is
// reported the same way on every run.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// indexFiles makes the search index, or takes it from the last build, or (with
// DeferIndex) hands on the last one and leaves the new one to CompleteIndex. It returns
// the index files it handed on.
func (b *Builder) indexFiles(s *site.Site, values map[string]string, out *emitter, res *Result) ([]output.File, error) {
	if !b.cfg.Incremental {
		files, err := buildIndex(s)
		if err != nil {
			return nil, err
		}
		return files, out.all(files)
	}
	key := indexKey(values)
	switch {
	case key == b.index.key:
		b.index.pending = nil
	case b.cfg.DeferIndex && b.index.files != nil:
		b.index.pending, b.index.pendKey = s, key
		res.IndexPending = true
	default:
		files, err := buildIndex(s)
		if err != nil {
			return nil, err
		}
		b.index = cachedIndex{key: key, files: files}
	}
	return b.index.files, out.all(b.index.files)
}

// CompleteIndex builds the search index that the last Build deferred, and returns the
// whole result again with it: its Changed lists the index files that changed. It returns
// nil when no index is pending.
func (b *Builder) CompleteIndex() (*Result, error) {
	s := b.index.pending
	if s == nil {
		return nil, nil
	}
	start := time.Now()
	files, err := buildIndex(s)
	if err != nil {
		return nil, err
	}
	old := b.index.files
	r, pages := b.index.r, b.index.pages
	b.index = cachedIndex{key: b.index.pendKey, files: files, r: r, pages: pages}
	// the pages that carry the index's meta, again with the new one
	r.Claim()
	r.SetSearchMeta(indexMeta(files))
	again := map[string][]byte{}
	for _, j := range pages {
		data, err := r.Run(j)
		if err != nil {
			return nil, err
		}
		again[j.Path] = data
	}
	outs := make([]output.File, 0, len(b.last)-len(old)+len(files))
	for _, f := range b.last {
		if data, ok := again[f.Path]; ok {
			f.Data = data
		}
		if !strings.HasPrefix(f.Path, indexDir) {
			outs = append(outs, f)
		}
	}
	outs = append(outs, files...)
	slices.SortFunc(outs, func(a, b output.File) int { return cmp.Compare(a.Path, b.Path) })
	res := &Result{Site: s}
	b.finish(outs, res)
	res.Stats.Duration = time.Since(start)
	res.Stats.Stages = []Stage{{"index", res.Stats.Duration}}
	return res, nil
}

// indexDir is where the search index lives in the site.
const indexDir = "recherche/index/"

func buildIndex(s *site.Site) ([]output.File, error) {
	idx, err := search.Build(searchDocs(s), searchConfig(s))
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	for _, f := range idx {
		if !strings.HasPrefix(f.Path, indexDir) {
			return nil, fmt.Errorf("search index: file %s outside %s", f.Path, indexDir)
		}
	}
	return idx, nil
}

// finish records the outputs of a successful build and what changed since the last one.
func (b *Builder) finish(outs []output.File, res *Result) {
	next := make(map[string][]byte, len(outs))
	for _, f := range outs {
		next[f.Path] = f.Data
		if old, ok := b.prev[f.Path]; !ok || string(old) != string(f.Data) {
			res.Changed = append(res.Changed, f.Path)
		}
	}
	for p := range b.prev {
		if _, ok := next[p]; !ok {
			res.Removed = append(res.Removed, p)
		}
	}
	slices.Sort(res.Removed)
	if b.cfg.Incremental {
		b.prev = next
		b.last = outs
	}
	res.Files = outs
	res.Stats.Pages = countPages(outs)
	res.Stats.Files = len(outs)
	b.count(res)
}

// count fills in the counts of the site model.
func (b *Builder) count(res *Result) {
	s := res.Site
	res.Stats.Chapters, res.Stats.Cases, res.Stats.AMIs = len(s.Chapters), len(s.Cases), len(s.AMIs)
	res.Stats.Countries, res.Stats.Sectors = len(s.Countries), len(s.Sectors)
}

func countPages(outs []output.File) int {
	n := 0
	for _, f := range outs {
		if strings.HasSuffix(f.Path, ".html") {
			n++
		}
	}
	return n
}

func hashStrings(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

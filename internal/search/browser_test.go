package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"coexport/internal/chrome/chrometest"
	"coexport/internal/output"
)

// The browser tests drive Debian's chromium through search.js on the fixture site, served
// under a base path, the way a reader uses the page.

const siteBase = "/site/"

// searchPage is the page contract of /recherche/ (the renderer writes the same).
const searchPage = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Recherche</title>
<script type="application/json" id="search-meta">%s</script>
<script data-index="/site/recherche/index/" data-base="/site/">%s</script>
</head><body>
<form id="search-form" role="search" action="/site/recherche/" method="get">
  <label for="search-q">Rechercher</label>
  <input id="search-q" name="q" type="search" autocomplete="off">
  <button type="submit">Rechercher</button>
</form>
<div id="search-facets"></div>
<p id="search-status" role="status"></p>
<ol id="search-results" aria-busy="false" aria-live="polite"></ol>
<noscript>La recherche a besoin de JavaScript.</noscript>
</body></html>`

// watchBusy records, in the page, that the results list went from aria-busy="true" to
// "false" (as ../shared/bench/search_bytes.mjs does).
const watchBusy = `window.__search = {seenBusy: false, done: false};
new MutationObserver((muts) => { for (const m of muts) { const v = m.target.getAttribute('aria-busy');
  if (v === 'true') window.__search.seenBusy = true; else if (v === 'false' && window.__search.seenBusy) window.__search.done = true; } })
  .observe(document, {subtree: true, attributes: true, attributeFilter: ['aria-busy']});`

// browser opens a tab of a headless Chromium (chrometest.Browser: skipped where it is
// missing, failed in CI) that watches the results list.
func browser(t *testing.T) context.Context {
	t.Helper()
	tab, err := chrometest.Browser(t).NewTab()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tab.Close)
	ctx := tab.Context()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchBusy}); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// serveSite writes the index of docs, the search page and search.js under siteBase in a
// temporary folder and serves it on 127.0.0.1.
func serveSite(t *testing.T, docs []Doc, cfg Config) string {
	t.Helper()
	return serveSiteWithMeta(t, docs, cfg, nil)
}

// serveSiteWithMeta serves the index of docs with a search page that carries pageMeta as its
// copy of meta.json (nil: the index's own).
func serveSiteWithMeta(t *testing.T, docs []Doc, cfg Config, pageMeta []byte) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(writeSite(t, docs, cfg, pageMeta, searchPage))))
	t.Cleanup(srv.Close)
	return srv.URL
}

// writeSite writes the index of docs, and the search page made from the template page with
// pageMeta (nil: the index's own meta.json) and search.js, under siteBase in a temporary
// folder, and returns the folder.
func writeSite(t *testing.T, docs []Doc, cfg Config, pageMeta []byte, pageTemplate string) string {
	t.Helper()
	files, err := Build(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	js, err := os.ReadFile("../../layouts/assets/search.js")
	if err != nil {
		t.Fatal(err)
	}
	if pageMeta == nil {
		pageMeta = fileData(files, "recherche/index/meta.json")
	}
	var meta bytes.Buffer
	json.HTMLEscape(&meta, bytes.TrimSpace(pageMeta))
	page := fmt.Sprintf(pageTemplate, meta.String(), js)
	files = append(files, output.File{Path: "recherche/index.html", Data: []byte(page)})
	for _, f := range files {
		p := filepath.Join(root, "site", filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func fileData(files []output.File, path string) []byte {
	for _, f := range files {
		if f.Path == path {
			return f.Data
		}
	}
	return nil
}

// run runs an action with a timeout, failing the test on error.
func run[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// openSearch loads the search page with query string qs and waits for its first results.
func openSearch(t *testing.T, ctx context.Context, url, qs string) {
	t.Helper()
	run(t, ctx, "navigate", chromedp.Navigate(url+siteBase+"recherche/"+qs))
	if qs != "" {
		run(t, ctx, "wait for results", chromedp.Poll[bool](`window.__search.done`))
	}
}

// settled waits until the list is not busy and pred (a JS expression) holds.
func settled(t *testing.T, ctx context.Context, what, pred string) {
	t.Helper()
	run(t, ctx, what, chromedp.Poll[bool](`document.getElementById('search-results').getAttribute('aria-busy') === 'false' && (`+pred+`)`,
		chromedp.WithPollingInterval(20*time.Millisecond)))
}

const (
	jsTitles  = `[...document.querySelectorAll('#search-results li > a')].map((a) => a.textContent)`
	jsTypes   = `[...document.querySelectorAll('#search-results .search-type')].map((s) => s.textContent)`
	jsResults = `document.querySelectorAll('#search-results li').length`
)

func TestBrowserTypeQuery(t *testing.T) {
	ctx := browser(t)
	docs, cfg := fixtureDocs()
	url := serveSite(t, docs, cfg)
	openSearch(t, ctx, url, "")
	run(t, ctx, "type", chromedp.SendKeys(chromedp.ID("search-q"), "consultation"))
	// the whole word: under load the box may pause between keys and search a part of it first
	settled(t, ctx, "first result", jsResults+` > 0 && location.search === "?q=consultation"`)
	titles := run(t, ctx, "titles", chromedp.Evaluate[[]string](jsTitles))
	if titles[0] != "Comprendre les marchés publics internationaux" {
		t.Errorf("consultation: first result %q", titles[0])
	}
	href := run(t, ctx, "href", chromedp.Evaluate[string](`document.querySelector('#search-results li > a').getAttribute('href')`))
	if href != "/site/guide/marches-publics/#les-etapes-cles" {
		t.Errorf("consultation: link %q, want the section's anchor under the base", href)
	}
	snippet := run(t, ctx, "snippet", chromedp.Evaluate[string](`document.querySelector('#search-results .search-snippet mark').textContent`))
	if snippet != "consultation" {
		t.Errorf("consultation: marked %q in the snippet", snippet)
	}
	if loc := run(t, ctx, "location", chromedp.Location()); !strings.HasSuffix(loc, "/site/recherche/?q=consultation") {
		t.Errorf("location after typing: %s", loc)
	}
	if n := run(t, ctx, "history", chromedp.Evaluate[int](`history.length`)); n != 2 {
		t.Errorf("typing left %d history entries, want 2 (the blank tab and the page: typing replaces)", n)
	}
	if s := run(t, ctx, "status", chromedp.Text(chromedp.ID("search-status"))); s != "1 résultat" {
		t.Errorf("status %q", s)
	}
}

func TestBrowserBusyThenResults(t *testing.T) {
	ctx := browser(t)
	docs, cfg := fixtureDocs()
	url := serveSite(t, docs, cfg)
	openSearch(t, ctx, url, "?q=%C3%A9nergie") // énergie
	busy := run(t, ctx, "busy", chromedp.Evaluate[bool](`window.__search.seenBusy`))
	if !busy {
		t.Error("aria-busy never went true")
	}
	if n := run(t, ctx, "results", chromedp.Evaluate[int](jsResults)); n == 0 {
		t.Error("énergie: no result on screen when aria-busy went false")
	}
	openSearch(t, ctx, url, "?q=sdafadsf")
	if s := run(t, ctx, "status", chromedp.Text(chromedp.ID("search-status"))); s != "Aucun résultat" {
		t.Errorf("sdafadsf: status %q", s)
	}
}

func TestBrowserFacetAndBack(t *testing.T) {
	ctx := browser(t)
	docs, cfg := fixtureDocs()
	url := serveSite(t, docs, cfg)
	openSearch(t, ctx, url, "?q=solaire")
	before := run(t, ctx, "titles", chromedp.Evaluate[[]string](jsTitles))
	types := run(t, ctx, "types", chromedp.Evaluate[[]string](jsTypes))
	if !contains(types, "AMI") || !contains(types, "Cas") {
		t.Fatalf("solaire: types %q, want AMIs and cases to narrow", types)
	}
	count := run(t, ctx, "count", chromedp.Text(`#search-facets input[name=type][value=ami] + .search-count`, chromedp.NodeVisible))
	run(t, ctx, "click", chromedp.Click(`#search-facets input[name=type][value=ami]`, chromedp.NodeVisible))
	settled(t, ctx, "narrowed", jsTypes+`.every((s) => s === 'AMI') && location.search.includes('type=ami')`)
	after := run(t, ctx, "titles", chromedp.Evaluate[[]string](jsTitles))
	if len(after) >= len(before) || strings.TrimSpace(count) != strconv.Itoa(len(after)) {
		t.Errorf("type=ami: %d results before, %d after, facet count said %s", len(before), len(after), count)
	}
	run(t, ctx, "back", chromedp.Evaluate[bool](`history.back(), true`))
	settled(t, ctx, "restored", `!location.search.includes('type=') && `+jsResults+` === `+strconv.Itoa(len(before)))
	if restored := run(t, ctx, "titles", chromedp.Evaluate[[]string](jsTitles)); strings.Join(restored, "|") != strings.Join(before, "|") {
		t.Errorf("back: %q, want %q", restored, before)
	}
	if checked := run(t, ctx, "checked", chromedp.Evaluate[bool](`document.querySelector('#search-facets input[name=type][value=ami]').checked`)); checked {
		t.Error("back: the AMI box is still ticked")
	}
}

func TestBrowserKeyboard(t *testing.T) {
	ctx := browser(t)
	docs, cfg := fixtureDocs()
	url := serveSite(t, docs, cfg)
	openSearch(t, ctx, url, "?q=solaire")
	active := func() string {
		return run(t, ctx, "active", chromedp.Evaluate[string](`document.activeElement.id || document.activeElement.getAttribute('href') || document.activeElement.tagName`))
	}
	run(t, ctx, "blur", chromedp.Evaluate[bool](`document.activeElement.blur(), true`))
	// "/" as a keyboard sends it, a keyDown carrying its text: the page cancels it and the box
	// stays as it was (chromedp's KeyEvent adds a char event that no keydown handler cancels,
	// which would type "/" in the box)
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
		ev := input.DispatchKeyEventParams{Type: typ, Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191}
		if typ == input.DispatchKeyEventTypeKeyDown {
			ev.Text = "/"
		}
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, ev); err != nil {
			t.Fatal(err)
		}
	}
	if v := run(t, ctx, "box", chromedp.Evaluate[string](`document.getElementById('search-q').value`)); v != "solaire" {
		t.Errorf("/ typed in the box: %q", v)
	}
	if a := active(); a != "search-q" {
		t.Fatalf("/ focused %s, want the search box", a)
	}
	links := run(t, ctx, "links", chromedp.Evaluate[[]string](`[...document.querySelectorAll('#search-results li > a')].map((a) => a.getAttribute('href'))`))
	run(t, ctx, "down", chromedp.KeyEvent(kb.ArrowDown))
	run(t, ctx, "down", chromedp.KeyEvent(kb.ArrowDown))
	if a := active(); a != links[1] {
		t.Errorf("two ArrowDown: focus on %s, want %s", a, links[1])
	}
	run(t, ctx, "up", chromedp.KeyEvent(kb.ArrowUp))
	if a := active(); a != links[0] {
		t.Errorf("ArrowUp: focus on %s, want %s", a, links[0])
	}
	run(t, ctx, "enter", chromedp.KeyEvent(kb.Enter))
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		loc, _ := chromedp.Run(ctx, chromedp.Location()) // fails while the page changes
		if strings.HasSuffix(loc, links[0]) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Enter on the first result: location %s, want %s", loc, links[0])
		}
	}
}

func TestBrowserAMIDetailsAndUntrustedText(t *testing.T) {
	ctx := browser(t)
	docs, cfg := fixtureDocs()
	docs = append(docs, Doc{URL: "piege/", Type: "page", Title: `Piège <img src=x onerror="window.__xss=1"> dangereux`,
		Sections: []Section{{Text: `Le texte <b>piège</b> reste du texte.`}}})
	url := serveSite(t, docs, cfg)
	openSearch(t, ctx, url, "?q=batteries")
	meta := run(t, ctx, "meta", chromedp.Text(`#search-results .search-meta`, chromedp.NodeVisible))
	for _, want := range []string{"Groupe Helios", "Sénégal", "date limite\u00a0: 15 décembre 2026"} {
		if !strings.Contains(meta, want) {
			t.Errorf("batteries: AMI details %q, want %q in them", meta, want)
		}
	}
	openSearch(t, ctx, url, "?q=dangereux")
	title := run(t, ctx, "title", chromedp.Evaluate[string](`document.querySelector('#search-results li > a').textContent`))
	if !strings.Contains(title, "<img") {
		t.Errorf("dangereux: title %q, want the markup shown as text", title)
	}
	if n := run(t, ctx, "img", chromedp.Evaluate[int](`document.querySelectorAll('#search-results img, #search-results b').length + (window.__xss ? 100 : 0)`)); n != 0 {
		t.Error("index text was parsed as HTML")
	}
}

// TestBrowserFirstResultsOneRoundTrip is issue 12's bar: with the query in the URL, the first
// results are drawn from the page (which carries meta.json) and one wave of requests: no
// meta.json, doc chunk, facet table or text store before the list is drawn, and no index file
// asked for after the script saw another one come back. The page's fetch and XMLHttpRequest
// are wrapped to tell, for each call, how many such responses it had seen: a causal count,
// not a timing.
func TestBrowserFirstResultsOneRoundTrip(t *testing.T) {
	docs, cfg := fixtureDocs()
	checkOneRoundTrip(t, serveSite(t, docs, cfg), "s%C3%A9n%C3%A9gal", "exportation", "batteries", "consultation")
}

// TestBrowserTwoWordsOneRoundTrip: the corpus of TestTwoFrequentWordsFromTheirFiles, where
// the pages holding both words are beyond the first page of either word alone: search.js
// draws them from the words' own files too.
func TestBrowserTwoWordsOneRoundTrip(t *testing.T) {
	docs := twoWordsCorpus()
	checkOneRoundTrip(t, serveSite(t, docs, Config{}), "march%C3%A9s+publics")
}

// checkOneRoundTrip opens each query's search page and fails if an index file is asked for
// after another came back, or anything but term files before the results are drawn.
func checkOneRoundTrip(t *testing.T, url string, queries ...string) {
	ctx := browser(t)
	// XMLHttpRequest: the counting listener is added at open, before the page's own (search.js
	// sets onload after open), so that a request made on a response is made after seen grew.
	const watch = `window.__calls = []; window.__drawn = null; { let seen = 0; const fetch0 = window.fetch;
  const nameOf = (u) => String(u).replace(/^.*\/recherche\/index\//, '').replace(/\?.*/, '');
  window.fetch = (u, o) => { const name = nameOf(u);
    window.__calls.push({name, seen}); return fetch0(u, o).then((r) => { if (name !== 'meta.json') seen++; return r; }); };
  const open0 = XMLHttpRequest.prototype.open, send0 = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, u, ...rest) { const name = this.__name = nameOf(u);
    this.addEventListener('load', () => { if (name !== 'meta.json') seen++; }); return open0.call(this, method, u, ...rest); };
  XMLHttpRequest.prototype.send = function (...args) { window.__calls.push({name: this.__name, seen}); return send0.apply(this, args); }; }
  new MutationObserver(() => { const l = document.getElementById('search-results');
    if (window.__drawn === null && l && l.getAttribute('aria-busy') === 'false' && l.children.length) window.__drawn = window.__calls.length; })
  .observe(document, {subtree: true, childList: true, attributes: true});`
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watch}); err != nil {
		t.Fatal(err)
	}
	type call struct {
		Name string
		Seen int
	}
	for _, q := range queries {
		t.Run(q, func(t *testing.T) {
			openSearch(t, ctx, url, "?q="+q)
			settled(t, ctx, "drawn", `window.__drawn !== null`)
			calls := run(t, ctx, "calls", chromedp.Evaluate[[]call](`window.__calls.slice(0, window.__drawn)`))
			terms := 0
			for _, c := range calls {
				switch {
				case strings.HasPrefix(c.Name, "t/") || strings.HasPrefix(c.Name, "p/") || strings.HasPrefix(c.Name, "r/"):
					terms++
					if c.Seen > 0 {
						t.Errorf("%s asked for after %d index files came back: more than one round trip", c.Name, c.Seen)
					}
				default:
					t.Errorf("%s fetched before the first results were drawn", c.Name)
				}
			}
			if terms == 0 {
				t.Errorf("no term file fetched: %+v", calls)
			}
		})
	}
}

func TestBrowserHubFirst(t *testing.T) {
	ctx := browser(t)
	docs, cfg := fixtureDocs()
	url := serveSite(t, docs, cfg)
	openSearch(t, ctx, url, "?q=s%C3%A9n%C3%A9gal")
	first := run(t, ctx, "first", chromedp.Evaluate[string](`document.querySelector('#search-results li').textContent`))
	if first != "Pays Sénégal — 2 AMI ouverts, 1 cas" {
		t.Errorf("sénégal: first result %q", first)
	}
	href := run(t, ctx, "href", chromedp.Evaluate[string](`document.querySelector('#search-results li > a').getAttribute('href')`))
	if href != "/site/pays/sn/" {
		t.Errorf("sénégal: first link %q", href)
	}
}

// TestBrowserStalePageMeta: a search page that a cache kept across a new build carries the
// old index's meta.json; the script finds out from meta.json and searches again with the new
// index, so the reader ends up with the new index's results.
func TestBrowserStalePageMeta(t *testing.T) {
	ctx := browser(t)
	docs, cfg := fixtureDocs()
	old, err := Build(docs[:len(docs)/2], cfg)
	if err != nil {
		t.Fatal(err)
	}
	fresh := serveSite(t, docs, cfg)
	openSearch(t, ctx, fresh, "?q=exportation")
	want := run(t, ctx, "titles", chromedp.Evaluate[[]string](jsTitles))
	if len(want) == 0 {
		t.Fatal("exportation: no result with the page's own meta.json")
	}
	stale := serveSiteWithMeta(t, docs, cfg, fileData(old, "recherche/index/meta.json"))
	openSearch(t, ctx, stale, "?q=exportation")
	wantJSON, _ := json.Marshal(want)
	settled(t, ctx, "the new index's results", `JSON.stringify(`+jsTitles+`) === `+strconv.Quote(string(wantJSON)))
}

// TestBrowserSearchBeforeStylesheet: search.js runs from the <head>, before the stylesheet
// (as base.html puts it), so the query's index files are asked for while the stylesheet is
// still loading: the server holds the stylesheet back until it has seen an index request.
// A script placed after the stylesheet would wait for it, and the server would give up.
func TestBrowserSearchBeforeStylesheet(t *testing.T) {
	ctx := browser(t)
	docs, cfg := fixtureDocs()
	page := strings.Replace(searchPage, "</head>", `<link rel="stylesheet" href="/site/assets/style.css">`+"\n</head>", 1)
	files := http.FileServer(http.Dir(writeSite(t, docs, cfg, nil, page)))
	asked := make(chan struct{})
	var once sync.Once
	var gaveUp atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/recherche/index/") {
			once.Do(func() { close(asked) })
		}
		if r.URL.Path == "/site/assets/style.css" {
			select {
			case <-asked:
			case <-time.After(10 * time.Second):
				gaveUp.Store(true)
			}
			w.Header().Set("Content-Type", "text/css")
			w.Write([]byte("body { margin: 0 }"))
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	openSearch(t, ctx, srv.URL, "?q=exportation")
	if gaveUp.Load() {
		t.Error("no index file was asked for while the stylesheet was loading")
	}
	if n := run(t, ctx, "results", chromedp.Evaluate[int](jsResults)); n == 0 {
		t.Error("exportation: no result")
	}
}

// TestBrowserResultsBeforeThePageEnds: the results are drawn as soon as the index files are
// in and the list is parsed, not when the whole page is (its end can wait for the first
// rendering). The test server sends the search page up to its results list and holds the
// rest until the results are on screen (or 10 s).
func TestBrowserResultsBeforeThePageEnds(t *testing.T) {
	checkResultsBeforeThePageEnds(t, "")
}

// TestBrowserResultsWhenTheListComesAfterTheFiles: on a slow connection the index files can
// come back before the parser reaches the results list; the results are drawn as soon as it
// does, still before the page ends. The server sends the page up to the filters, waits until
// the index files have been served, then sends up to the list and holds the rest.
func TestBrowserResultsWhenTheListComesAfterTheFiles(t *testing.T) {
	checkResultsBeforeThePageEnds(t, `<div id="search-facets">`)
}

// checkResultsBeforeThePageEnds serves the search page in pieces: up to before (when not
// empty), then, once the index files the page asked for are served, up to the results list;
// the rest of the page is held until the results are on screen (or 10 s).
func checkResultsBeforeThePageEnds(t *testing.T, before string) {
	ctx := browser(t)
	docs, cfg := fixtureDocs()
	root := writeSite(t, docs, cfg, nil, searchPage)
	files := http.FileServer(http.Dir(root))
	html, err := os.ReadFile(filepath.Join(root, "site", "recherche", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	cut := bytes.Index(html, []byte("</ol>")) + len("</ol>")
	first := cut
	if before != "" {
		first = bytes.Index(html, []byte(before))
	}
	release := make(chan struct{})
	var once sync.Once
	free := func() { once.Do(func() { close(release) }) }
	t.Cleanup(free)
	var heldUntilTimeout atomic.Bool
	indexServed := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != siteBase+"recherche/" {
			files.ServeHTTP(w, r)
			if strings.HasPrefix(r.URL.Path, siteBase+"recherche/index/") {
				select { // never block a file's handler: only the first one matters
				case indexServed <- struct{}{}:
				default:
				}
			}
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(html[:first])
		w.(http.Flusher).Flush()
		if first < cut {
			select {
			case <-indexServed:
				time.Sleep(300 * time.Millisecond) // the other files of the wave, and their load events
			case <-time.After(10 * time.Second):
			}
			w.Write(html[first:cut])
			w.(http.Flusher).Flush()
		}
		select {
		case <-release:
		case <-time.After(10 * time.Second):
			heldUntilTimeout.Store(true)
		}
		w.Write(html[cut:])
	}))
	t.Cleanup(srv.Close)
	// page.Navigate returns once the page starts loading (chromedp.Navigate waits for its end)
	if _, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: srv.URL + siteBase + "recherche/?q=exportation"}); err != nil {
		t.Fatal(err)
	}
	drawn := run(t, ctx, "results while the page is loading", chromedp.Poll[bool](
		`document.querySelectorAll('#search-results li').length > 0 && document.readyState === 'loading'`,
		chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(12*time.Second)))
	free()
	if !drawn || heldUntilTimeout.Load() {
		t.Error("the results waited for the end of the page")
	}
}

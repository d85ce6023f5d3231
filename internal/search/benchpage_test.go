package search

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"coexport/internal/output"
)

// TestBrowserBenchCorpus measures, like ../shared/bench/search_bytes.mjs, what a cold query
// costs on a corpus written by gencorpus.py: every byte served from the navigation to
// /recherche/?q=… on (a search page padded to 8 KB, 15 KB of CSS, search.js, the index), and
// the time read in the page when aria-busy goes back to false, next to a bare page that
// writes five results at once. It runs only when COEXPORT_CORPUS names the corpus's
// coexport/ folder, and reports without asserting. QUERIES=a,b picks the queries; OUT=dir
// keeps the site; WATERFALL=1 and PROFILE=1 log resource timings and a CPU profile.
func TestBrowserBenchCorpus(t *testing.T) {
	dir := os.Getenv("COEXPORT_CORPUS")
	if dir == "" {
		t.Skip("COEXPORT_CORPUS not set")
	}
	docs, cfg := loadBenchCorpus(t, dir)
	root := t.TempDir()
	if out := os.Getenv("OUT"); out != "" {
		root = out // keep the site for a look
	}
	files, err := Build(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile("../../layouts/assets/search.js")
	if err != nil {
		t.Fatal(err)
	}
	pad := strings.Repeat("<!-- en-tête, navigation et pied de page du site -->\n", 8000/54)
	html := strings.Replace(searchPage, "</head>", `<link rel="stylesheet" href="/site/assets/style.css"></head>`, 1)
	html = strings.Replace(html, "</body>", pad+"</body>", 1)
	bare := strings.Replace(html, `<script src="/site/assets/search.js" data-index="/site/recherche/index/" data-base="/site/" async></script>`,
		`<script>{const l = document.getElementById('search-results'); l.setAttribute('aria-busy', 'true'); setTimeout(() => { for (let i = 0; i < 5; i++) l.append(Object.assign(document.createElement('li'), {innerHTML: '<a href="#">résultat</a>'})); l.setAttribute('aria-busy', 'false'); });}</script>`, 1)
	files = append(files, output.File{Path: "recherche/index.html", Data: []byte(html)}, output.File{Path: "bare/index.html", Data: []byte(bare)}, output.File{Path: "assets/search.js", Data: js},
		output.File{Path: "assets/style.css", Data: []byte(strings.Repeat("/* feuille de style du site */ .x{color:#123}\n", 15000/48))}, output.File{Path: "index.html", Data: []byte("<p>accueil</p>")})
	for _, f := range files {
		p := filepath.Join(root, "site", filepath.FromSlash(f.Path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	served := map[string]int{}
	fs := http.FileServer(http.Dir(root))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		fs.ServeHTTP(cw, r)
		mu.Lock()
		served[r.URL.Path] += cw.n
		mu.Unlock()
	}))
	defer srv.Close()
	ctx := browser(t)
	queries := []string{"(bare page)", "financement", "marches publics", "énergie", "senegal", "parrainage PME", "exportation", "l'energie", "marche public", "senegalais"}
	if q := os.Getenv("QUERIES"); q != "" {
		queries = strings.Split(q, ",")
	}
	for _, q := range queries {
		for rep := 0; rep < 3; rep++ {
			tab, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
			if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/site/index.html")); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchBusy + `; new MutationObserver(() => { if (window.__search.done && !window.__search.at) window.__search.at = performance.now(); }).observe(document, {subtree: true, attributes: true, attributeFilter: ['aria-busy']});`}); err != nil {
				t.Fatal(err)
			}
			profiling := os.Getenv("PROFILE") != "" && rep == 2
			if profiling {
				chromedp.Call(tab, profiler.Enable, cdp.Empty{})
				chromedp.Call(tab, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 100})
				chromedp.Call(tab, profiler.Start, cdp.Empty{})
			}
			mu.Lock()
			clear(served)
			mu.Unlock()
			target := srv.URL + "/site/recherche/?q=" + url.QueryEscape(q)
			if q == "(bare page)" {
				target = srv.URL + "/site/bare/"
			}
			if err := chromedp.Do(tab, chromedp.Navigate(target)); err != nil {
				t.Fatal(err)
			}
			ms, err := chromedp.Run(tab, chromedp.Poll[float64](`window.__search.at`, chromedp.WithPollingTimeout(20*time.Second)))
			if err != nil {
				t.Fatal(err)
			}
			if profiling {
				res, err := chromedp.Call(tab, profiler.Stop, cdp.Empty{})
				if err == nil {
					self := map[string]float64{}
					byID := map[int64]*profiler.ProfileNode{}
					for _, n := range res.Profile.Nodes {
						byID[n.ID] = n
					}
					for i, id := range res.Profile.Samples {
						n := byID[id]
						self[fmt.Sprintf("%s:%d", n.CallFrame.FunctionName, n.CallFrame.LineNumber+1)] += float64(res.Profile.TimeDeltas[i]) / 1000
					}
					type kv struct {
						k string
						v float64
					}
					var l []kv
					for k, v := range self {
						l = append(l, kv{k, v})
					}
					sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v })
					t.Logf("profile %q: %v", q, l[:min(25, len(l))])
				}
			}
			titles, _ := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#search-results li > a')].slice(0, 3).map((a) => a.textContent)`))
			status, _ := chromedp.Run(tab, chromedp.Text(chromedp.ID("search-status")))
			if os.Getenv("WATERFALL") != "" && rep == 2 {
				wf, _ := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => e.name.replace(/.*\/site\//, '') + ' ' + e.startTime.toFixed(0) + '-' + e.responseEnd.toFixed(0) + (e.domContentLoadedEventEnd ? ' dcl ' + e.domContentLoadedEventEnd.toFixed(0) : ''))`))
				t.Logf("waterfall %q: %v", q, wf)
			}
			time.Sleep(300 * time.Millisecond)
			cancel()
			mu.Lock()
			total := 0
			var parts []string
			for p, n := range served {
				total += n
				parts = append(parts, fmt.Sprintf("%s:%d", strings.TrimPrefix(p, "/site/"), n))
			}
			mu.Unlock()
			sort.Strings(parts)
			if rep == 2 {
				t.Logf("%-18q %6d B %5.0f ms  %s  %v\n      %q", q, total, ms, status, parts, titles)
			} else {
				t.Logf("%-18q %6d B %5.0f ms", q, total, ms)
			}
		}
	}
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

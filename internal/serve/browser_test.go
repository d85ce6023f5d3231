package serve_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"coexport/internal/chrome"
	"coexport/internal/chrome/chrometest"
	"coexport/internal/serve"
)

// TestBrowserLiveReload opens a served page in headless Chromium, as an editor would, and
// checks that a save reloads it, a bad save shows the error overlay over the last good
// page, the fix removes the overlay, and a stylesheet edit swaps the styles without a
// reload.
func TestBrowserLiveReload(t *testing.T) {
	b := chrometest.Browser(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../testdata/sites/basic")); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, "want"))
	day := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	s, err := serve.Start(serve.Config{Src: dir, Addr: "127.0.0.1:0", BuildDate: func() time.Time { return day }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tab, err := b.NewTab()
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	mark := func() {
		t.Helper()
		if _, err := chrome.Eval[bool](tab, `window.__notReloaded = true`); err != nil {
			t.Fatal(err)
		}
	}
	// waitJS polls a JavaScript condition in the page until it is true.
	waitJS := func(what, cond string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for time.Now().Before(deadline) {
			ok, err := chrome.Eval[bool](tab, cond)
			if err == nil && ok {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("%s: %s never became true", what, cond)
	}
	ctx, cancel := context.WithTimeout(tab.Context(), 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Navigate(s.URL()+"guide/portage/")); err != nil {
		t.Fatal(err)
	}
	waitJS("page loaded", `document.querySelector('h1') !== null && document.readyState === 'complete'`)
	// The live reload script connects; a marker on window tells a reload from a swap.
	waitJS("event stream open", `document.documentElement.getAttribute('data-live-reload') === 'connected'`)
	mark()

	chapter := filepath.Join(dir, "content/guide/02-portage.md")
	orig, _ := os.ReadFile(chapter)
	os.WriteFile(chapter, []byte(strings.Replace(string(orig), "Une convention écrite", "Une convention RECHARGEE", 1)), 0o644)
	waitJS("page reloaded after a save", `document.body.innerText.includes('RECHARGEE') && window.__notReloaded === undefined`)

	// Search is part of the preview: the new word is found at once.
	if _, err := chromedp.Run(ctx, chromedp.Navigate(s.URL()+"recherche/?q=rechargee")); err != nil {
		t.Fatal(err)
	}
	waitJS("search finds the new word", `document.getElementById('search-results').getAttribute('aria-busy') === 'false' &&
		[...document.querySelectorAll('#search-results li a')].some(a => a.pathname.startsWith('/guide/portage/'))`)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(s.URL()+"guide/portage/")); err != nil {
		t.Fatal(err)
	}
	waitJS("page loaded again", `document.documentElement.getAttribute('data-live-reload') === 'connected'`)

	os.WriteFile(chapter, []byte("---\ntitle: [\n---\n"), 0o644)
	waitJS("error overlay shown", `(document.getElementById('coexport-errors')?.innerText || '').includes('content/guide/02-portage.md:2')`)
	if ok, _ := chrome.Eval[bool](tab, `document.body.innerText.includes('RECHARGEE')`); !ok {
		t.Error("the last good page is no longer shown under the overlay")
	}

	os.WriteFile(chapter, orig, 0o644)
	waitJS("overlay gone after the fix", `document.getElementById('coexport-errors') === null && document.body.innerText.includes('Une convention écrite')`)

	mark()
	os.MkdirAll(filepath.Join(dir, "layouts/assets"), 0o755)
	css, _ := os.ReadFile("../../layouts/assets/style.css")
	os.WriteFile(filepath.Join(dir, "layouts/assets/style.css"), append(css, []byte("\nbody { outline: 3px solid rgb(1, 2, 3); }\n")...), 0o644)
	waitJS("stylesheet swapped", `getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'`)
	if ok, _ := chrome.Eval[bool](tab, `window.__notReloaded === true`); !ok {
		t.Error("a stylesheet-only change reloaded the page instead of swapping the stylesheet")
	}
}

// Package chrome drives Debian's headless Chromium, to prove in a real browser what a
// reader gets: it is the one launcher of Chromium in the repository (ExecPath, Start), and
// opens pages in tabs set up as a phone, a dark screen or a browser without JavaScript
// (Tab.Open), then audits them: axe-core accessibility rules, horizontal overflow, the
// requests a page made, the JavaScript it loaded, print to PDF, full-page screenshots.
//
// It stands at the edge of the program and knows nothing of coexport's pipeline: package
// tour serves the site it looks at. Its tests, cmd/screenshots and the browser tests of
// other packages (through package chrometest) use it.
package chrome

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// ErrNoChromium is returned by ExecPath when no Chromium binary can be found.
var ErrNoChromium = errors.New("chromium not found: install Debian's chromium package (apt-get install chromium) or set COEXPORT_CHROMIUM")

// ExecPath returns the Chromium binary to run: $COEXPORT_CHROMIUM when set, else the first of
// chromium, chromium-browser, google-chrome found in $PATH.
func ExecPath() (string, error) {
	if p := os.Getenv("COEXPORT_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("COEXPORT_CHROMIUM: %w", err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// Browser is one headless Chromium process with a fresh profile in a temporary folder.
// Its tabs may be used from several goroutines, one goroutine per tab.
type Browser struct {
	ctx         context.Context
	cancelAlloc context.CancelFunc
	cancel      context.CancelFunc
	profile     string
}

// Start runs the Chromium at execPath headless, with the flags that work as root on a
// machine with no network and no GPU, and a new profile that Close removes. The browser
// lives until Close or until ctx ends.
func Start(ctx context.Context, execPath string) (*Browser, error) {
	profile, err := os.MkdirTemp("", "coexport-chromium-")
	if err != nil {
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancel := chromedp.NewContext(actx)
	b := &Browser{ctx: bctx, cancelAlloc: cancelAlloc, cancel: cancel, profile: profile}
	if err := chromedp.Do(bctx); err != nil { // starts the process and its first tab
		b.Close()
		return nil, fmt.Errorf("start chromium %s: %w", execPath, err)
	}
	return b, nil
}

// Close ends the browser process and removes its profile. Chromium's helper processes may
// still write in the profile for a moment after the browser ends: removal is retried.
func (b *Browser) Close() error {
	b.cancel()
	b.cancelAlloc()
	var err error
	for range 50 {
		if err = os.RemoveAll(b.profile); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("remove the chromium profile: %w", err)
}

// Tab is one browser tab. It records the requests of the page it shows. A Tab is not safe
// for concurrent use.
type Tab struct {
	ctx    context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	requests []Request
	pending  map[network.RequestID]int // index in requests
	lastNet  time.Time                 // last request sent or finished
}

// Request is one request a page made.
type Request struct {
	URL    string
	Type   network.ResourceType // Document, Stylesheet, Script, Fetch, …
	Status int                  // HTTP status; 0 when it failed
	Failed string               // the network error, when it failed
}

// NewTab opens a tab in the browser. The tab behaves as the focused one, whichever tab
// was opened last: keys typed in it are handled as a reader's are (a keydown whose
// default is prevented types no character).
func (b *Browser) NewTab() (*Tab, error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	t := &Tab{ctx: ctx, cancel: cancel, pending: map[network.RequestID]int{}}
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, fmt.Errorf("open tab: %w", err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		cancel()
		return nil, fmt.Errorf("open tab: %w", err)
	}
	if err := chromedp.Listen(ctx, t.record); err != nil {
		cancel()
		return nil, fmt.Errorf("open tab: %w", err)
	}
	return t, nil
}

// Close closes the tab.
func (t *Tab) Close() { t.cancel() }

// Context returns the tab's chromedp context, for actions this package does not wrap.
func (t *Tab) Context() context.Context { return t.ctx }

// record keeps the network events of the tab; it runs in the tab's event loop.
func (t *Tab) record(ev any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if i, ok := t.pending[ev.RequestID]; ok && ev.RedirectResponse != nil {
			t.requests[i].Status = int(ev.RedirectResponse.Status)
		}
		t.pending[ev.RequestID] = len(t.requests)
		t.requests = append(t.requests, Request{URL: ev.Request.URL, Type: ev.Type})
	case *network.EventResponseReceived:
		if i, ok := t.pending[ev.RequestID]; ok {
			t.requests[i].Status = int(ev.Response.Status)
		}
	case *network.EventLoadingFinished:
		delete(t.pending, ev.RequestID)
	case *network.EventLoadingFailed:
		if i, ok := t.pending[ev.RequestID]; ok {
			t.requests[i].Failed = ev.ErrorText
			delete(t.pending, ev.RequestID)
		}
	default:
		return
	}
	t.lastNet = time.Now()
}

// View is how a tab shows pages.
type View struct {
	Width, Height int  // viewport in CSS pixels; 0 means 1280 × 800
	Mobile        bool // emulate a phone: the viewport meta tag applies, touch events
	Dark          bool // prefers-color-scheme: dark (else light)
	NoScript      bool // JavaScript disabled
}

// Visit is what loading one page gave.
type Visit struct {
	URL      string
	Status   int       // HTTP status of the document
	Requests []Request // every request of the page, the document first, in order
}

// Open sets the tab up as v says, loads url, and waits for the load event and then for
// the network to be quiet (so that requests made by scripts after the load are counted).
func (t *Tab) Open(url string, v View) (*Visit, error) {
	ctx, cancel := context.WithTimeout(t.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, t.setView(v)); err != nil {
		return nil, fmt.Errorf("open %s: %w", url, err)
	}
	t.mu.Lock()
	t.requests, t.pending = nil, map[network.RequestID]int{}
	t.mu.Unlock()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", url, err)
	}
	if err := t.waitQuiet(ctx, 300*time.Millisecond); err != nil {
		return nil, fmt.Errorf("open %s: %w", url, err)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return &Visit{URL: url, Status: int(resp.Status), Requests: append([]Request(nil), t.requests...)}, nil
}

// setView applies v to the tab: viewport, colour scheme, scripts.
func (t *Tab) setView(v View) chromedp.Action[chromedp.Void] {
	w, h := v.Width, v.Height
	if w == 0 {
		w = 1280
	}
	if h == 0 {
		h = 800
	}
	var vopts []chromedp.EmulateViewportOption
	if v.Mobile {
		vopts = append(vopts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	scheme := "light"
	if v.Dark {
		scheme = "dark"
	}
	return chromedp.Steps(
		chromedp.EmulateViewport(int64(w), int64(h), vopts...),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled,
				emulation.SetScriptExecutionDisabledParams{Value: v.NoScript})
			return err
		}),
	)
}

// waitQuiet waits until no request is pending and none was sent or finished for quiet.
func (t *Tab) waitQuiet(ctx context.Context, quiet time.Duration) error {
	for {
		t.mu.Lock()
		done := len(t.pending) == 0 && time.Since(t.lastNet) >= quiet
		t.mu.Unlock()
		if done {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("network never went quiet: %w", ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Eval evaluates a JavaScript expression in the page, awaiting it when it is a promise,
// and decodes its JSON value into a T.
func Eval[T any](t *Tab, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(t.ctx, 60*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

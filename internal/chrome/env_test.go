package chrome

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"coexport/internal/testenv"
	"coexport/internal/tour"
)

// The browser tests share one build of the repository's own site, one server and one
// browser, made on first use and ended by TestMain.

// repoRoot is the repository, seen from this package's folder.
const repoRoot = "../.."

var (
	siteOnce sync.Once
	theSite  *tour.Site
	siteErr  error

	browserOnce sync.Once
	theBrowser  *Browser
	browserErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if theBrowser != nil {
		theBrowser.Close()
	}
	if theSite != nil {
		theSite.Close()
	}
	os.Exit(code)
}

// siteDate is the build date of the site the browser tests look at: fixed, so that what
// they see (the open AMIs, the kinds of pages) does not change with the day they run. It
// must leave at least one country with several open AMIs but not all (TestAMIFilters).
var siteDate = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// servedSite returns the repository's site, built as of siteDate and served on 127.0.0.1.
func servedSite(t *testing.T) *tour.Site {
	t.Helper()
	siteOnce.Do(func() {
		theSite, siteErr = tour.Serve(os.DirFS(repoRoot), siteDate)
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return theSite
}

// browser returns the shared headless Chromium, or skips (locally) or fails (in CI) when
// it is not installed.
func browser(t *testing.T) *Browser {
	t.Helper()
	path, err := ExecPath()
	if err != nil {
		testenv.Missing(t, "%v", err)
	}
	browserOnce.Do(func() {
		theBrowser, browserErr = Start(context.Background(), path)
	})
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	return theBrowser
}

// tab opens a browser tab that the end of the test closes.
func tab(t *testing.T) *Tab {
	t.Helper()
	tb, err := browser(t).NewTab()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tb.Close)
	return tb
}

// axeSource returns the source of axe.min.js.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(testenv.NodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

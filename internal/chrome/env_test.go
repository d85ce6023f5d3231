package chrome

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// The browser tests share one build of the repository's own site, one server and one
// browser, made on first use and ended by TestMain.

// repoRoot is the repository, seen from this package's folder.
const repoRoot = "../.."

var (
	siteOnce sync.Once
	theSite  *Site
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

// inCI reports whether the tests run in CI, where a missing tool is a failure.
func inCI() bool { return os.Getenv("CI") == "true" }

// missing skips the test locally and fails it in CI: a tool the test needs is not there.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if inCI() {
		t.Fatalf("%s (CI=true: the browser checks must run; .ci/run installs it)", msg)
	}
	t.Skipf("skipped: %s (CI has it: see .ci/run)", msg)
}

// servedSite returns the repository's site, built as of now and served on 127.0.0.1.
func servedSite(t *testing.T) *Site {
	t.Helper()
	siteOnce.Do(func() {
		theSite, siteErr = Serve(os.DirFS(repoRoot), time.Now())
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
		missing(t, "%v", err)
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

// nodeModules returns the npm packages of .ci/package.json: $COEXPORT_NODE_MODULES (set by
// .ci/run), else the repository's .ci/node_modules.
func nodeModules() string {
	if d := os.Getenv("COEXPORT_NODE_MODULES"); d != "" {
		return d
	}
	return filepath.Join(repoRoot, ".ci", "node_modules")
}

// npmFile returns a file of an npm package, or skips or fails when it is not installed.
func npmFile(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(nodeModules(), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(t, "%s is not installed (run npm ci in .ci, or set COEXPORT_NODE_MODULES)", rel)
	}
	return p
}

// axeSource returns the source of axe.min.js.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(npmFile(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// lookPath returns a program's path, or skips or fails when it is not installed.
func lookPath(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, "%s not found (Debian package %s)", name, pkg)
	}
	return p
}

// Package chrometest gives the tests of other packages a headless Chromium, started by the
// one launcher, chrome.Start. Only tests import it: it imports package testing, which the
// program and cmd/screenshots must not link.
package chrometest

import (
	"context"
	"testing"

	"coexport/internal/chrome"
	"coexport/internal/testenv"
)

// Browser starts a headless Chromium for t and closes it when t ends. Without Chromium, t
// is skipped with a message, or failed in CI (testenv.Missing).
func Browser(t testing.TB) *chrome.Browser {
	t.Helper()
	path, err := chrome.ExecPath()
	if err != nil {
		testenv.Missing(t, "%v", err)
	}
	b, err := chrome.Start(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

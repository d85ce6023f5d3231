// Package testenv tells a test whether the machine has the tools it needs (Chromium, node,
// an npm package, java). Where a tool is missing the test is skipped with a message that
// says how to install it, except in CI (CI=true, set by .ci/run, which installs every
// tool): there a missing tool fails the test, so that no check is silently left out.
// Every "skip unless CI" of the repository goes through Missing.
//
// Only tests import it: it imports package testing.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// InCI reports whether the tests run in CI (CI=true), where a missing tool is a failure.
func InCI() bool { return os.Getenv("CI") == "true" }

// Missing ends t because a tool it needs is not installed: skipped locally, failed in CI.
// The message, formatted as fmt.Sprintf does, says what is missing.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if InCI() {
		t.Fatalf("%s (CI=true: this check must run; .ci/run installs it)", msg)
	}
	t.Skipf("skipped: %s (CI has it: see .ci/run)", msg)
}

// LookPath returns the path of the program name, or ends t with Missing, naming the
// Debian package pkg that provides it.
func LookPath(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, "%s not found (Debian package %s)", name, pkg)
	}
	return p
}

// NodeModule returns the absolute path of rel, a file of an npm package of .ci/package.json
// ("axe-core/axe.min.js"), found in $COEXPORT_NODE_MODULES (set by .ci/run) or else in the
// repository's .ci/node_modules; when it is not there it ends t with Missing.
func NodeModule(t testing.TB, rel string) string {
	t.Helper()
	dir := os.Getenv("COEXPORT_NODE_MODULES")
	if dir == "" {
		dir = filepath.Join(repoRoot(t), ".ci", "node_modules")
	}
	p, err := filepath.Abs(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		Missing(t, "%s is not installed (run npm ci in .ci, or set COEXPORT_NODE_MODULES)", rel)
	}
	return p
}

// repoRoot returns the folder of go.mod above the test's working directory (its package).
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testenv: no go.mod above the working directory")
		}
		dir = parent
	}
}

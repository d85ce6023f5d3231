package pipeline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coexport/internal/pipeline"
)

// TestListingReadsNewField gives the cases listing a field that no listing showed before
// (a "brouillon" badge from a case's draft flag), then edits that field alone: the
// listing must be rendered again, as a clean build renders it.
func TestListingReadsNewField(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(basic)); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, "want"))
	layout, err := os.ReadFile("../../layouts/cases.html")
	if err != nil {
		t.Fatal(err)
	}
	own := strings.Replace(string(layout), `{{template "page-item" .}}`, `{{if .Draft}}<li>brouillon</li>{{end}}{{template "page-item" .}}`, 1)
	if own == string(layout) {
		t.Fatal("layouts/cases.html no longer lists cases with page-item")
	}
	write := func(rel string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(dir, "layouts"), 0o755)
	write("layouts/cases.html", []byte(own))
	cfg := pipeline.Config{Src: os.DirFS(dir), BuildDate: buildDate, Drafts: true}
	inc := pipeline.New(cfg)
	if res, err := inc.Build(); err != nil || len(res.Diags) > 0 {
		t.Fatalf("first build: %v %s", err, res.Diags.Error())
	}
	const src = "content/cas/reseau-belgique.md"
	b, err := os.ReadFile(filepath.Join(dir, src))
	if err != nil {
		t.Fatal(err)
	}
	write(src, bytes.Replace(b, []byte("fictional = true\n"), []byte("fictional = true\ndraft = true\n"), 1))
	got, err := inc.Build()
	if err != nil || len(got.Diags) > 0 {
		t.Fatalf("rebuild: %v %s", err, got.Diags.Error())
	}
	want, err := pipeline.New(cfg).Build()
	if err != nil || len(want.Diags) > 0 {
		t.Fatalf("clean build: %v %s", err, want.Diags.Error())
	}
	listing := func(r *pipeline.Result) []byte {
		for _, f := range r.Files {
			if f.Path == "cas/index.html" {
				return f.Data
			}
		}
		t.Fatal("no cas/index.html")
		return nil
	}
	if !bytes.Contains(listing(want), []byte("brouillon")) {
		t.Fatal("the clean build shows no draft badge: the test's layout does not work")
	}
	if !bytes.Equal(listing(got), listing(want)) {
		t.Error("cas/index.html was not rendered again when a field it shows changed")
	}
}

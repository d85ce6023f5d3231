package pipeline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coexport/internal/pipeline"
)

// TestIncrementalEqualsClean edits a copy of the fixture site step by step, rebuilding
// with one long-lived Builder, and checks after every step that the result is byte for
// byte what a fresh Builder makes — the classic stale-page bug of static site generators —
// and that small edits re-render few pages.
func TestIncrementalEqualsClean(t *testing.T) {
	for _, live := range []bool{false, true} {
		name := "build"
		if live {
			name = "serve"
		}
		t.Run(name, func(t *testing.T) { testIncremental(t, live) })
	}
}

func testIncremental(t *testing.T, live bool) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(basic)); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, "want"))
	cfg := pipeline.Config{Src: os.DirFS(dir), BuildDate: buildDate, LiveReload: live, Incremental: true, DeferIndex: live}
	inc := pipeline.New(cfg)
	first, err := inc.Build()
	if err != nil || len(first.Diags) > 0 {
		t.Fatalf("first build: %v %s", err, first.Diags.Error())
	}
	total := first.Stats.Rendered

	write := func(rel, text string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit := func(rel, old, new string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s does not contain %q", rel, old)
		}
		write(rel, strings.Replace(string(b), old, new, 1))
	}
	steps := []struct {
		name        string
		do          func()
		maxRendered int // 0: no bound
	}{
		{"nothing changed", func() {}, 0},
		{"chapter body", func() { edit("content/guide/02-portage.md", "Une convention écrite", "Une convention bien écrite") }, 3},
		{"chapter updated", func() { edit("content/guide/02-portage.md", "updated: 2026-10-01", "updated: 2026-10-15") }, 0},
		{"chapter title", func() {
			edit("content/guide/01-pourquoi.md", `title: "Pourquoi exporter ensemble ?"`, `title: "Pourquoi exporter à plusieurs ?"`)
		}, 0},
		{"new case", func() {
			write("content/cas/nouveau.md", "---\ntitle: Nouveau cas\ncountries: [MA]\nsectors: [energie]\nfictional: true\n---\nTexte.\n")
		}, 0},
		{"case moved to another country", func() { edit("content/cas/nouveau.md", "[MA]", "[TN]") }, 0},
		{"case deleted", func() { os.Remove(filepath.Join(dir, "content/cas/nouveau.md")) }, 0},
		{"AMI deadline moved into the past", func() { edit("content/amis.yaml", "deadline: 2026-12-01", "deadline: 2026-11-20") }, 0},
		{"sector renamed", func() { edit("content/site.yaml", `name: "Énergie"`, `name: "Énergies"`) }, 0},
		{"external link moved", func() { edit("content/site.yaml", "https://www.bpifrance.fr/", "https://bpifrance.example/") }, 0},
		{"own layout", func() {
			b, _ := os.ReadFile("../../layouts/page.html")
			write("layouts/page.html", strings.Replace(string(b), `<article>`, `<article class="perso">`, 1))
		}, 4},
		{"stylesheet", func() {
			b, _ := os.ReadFile("../../layouts/assets/style.css")
			write("layouts/assets/style.css", string(b)+"\n.perso { color: red; }\n")
		}, 0},
		{"chapter renamed", func() {
			os.Rename(filepath.Join(dir, "content/guide/03-brouillon.md"), filepath.Join(dir, "content/guide/04-brouillon.md"))
		}, 0},
	}
	for _, st := range steps {
		st.do()
		got, err := inc.Build()
		if err != nil || len(got.Diags) > 0 {
			t.Fatalf("%s: incremental build: %v %s", st.name, err, got.Diags.Error())
		}
		rendered, parsed, changed := got.Stats.Rendered, got.Stats.Parsed, len(got.Changed)
		if got.IndexPending {
			if got, err = inc.CompleteIndex(); err != nil {
				t.Fatalf("%s: index: %v", st.name, err)
			}
		}
		clean := cfg
		clean.Incremental, clean.DeferIndex = false, false
		want, err := pipeline.New(clean).Build()
		if err != nil || len(want.Diags) > 0 {
			t.Fatalf("%s: clean build: %v %s", st.name, err, want.Diags.Error())
		}
		if len(got.Files) != len(want.Files) {
			t.Fatalf("%s: incremental build made %d files, clean build %d", st.name, len(got.Files), len(want.Files))
		}
		for i := range want.Files {
			if got.Files[i].Path != want.Files[i].Path || !bytes.Equal(got.Files[i].Data, want.Files[i].Data) {
				t.Fatalf("%s: %s differs from a clean build", st.name, want.Files[i].Path)
			}
		}
		if st.maxRendered > 0 && rendered > st.maxRendered {
			t.Errorf("%s: re-rendered %d of %d pages, want at most %d", st.name, rendered, total, st.maxRendered)
		}
		if st.name == "nothing changed" && (rendered != 0 || parsed != 0 || changed != 0) {
			t.Errorf("nothing changed, yet %d parsed, %d rendered, %d changed", parsed, rendered, changed)
		}
		t.Logf("%s: %d parsed, %d rendered, %d files changed", st.name, parsed, rendered, changed)
	}
}

// TestBadEditKeepsNothing: a build with errors returns no files, and the next good build
// recovers.
func TestBadEditThenFix(t *testing.T) {
	dir := t.TempDir()
	os.CopyFS(dir, os.DirFS(basic))
	b := pipeline.New(pipeline.Config{Src: os.DirFS(dir), BuildDate: buildDate, Incremental: true})
	if res, _ := b.Build(); len(res.Diags) > 0 {
		t.Fatal(res.Diags.Error())
	}
	p := filepath.Join(dir, "content/guide/02-portage.md")
	good, _ := os.ReadFile(p)
	os.WriteFile(p, []byte("---\ntitle: [\n---\n"), 0o644)
	res, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diags) == 0 || res.Files != nil {
		t.Fatalf("a broken chapter built: %d diags, %d files", len(res.Diags), len(res.Files))
	}
	if !strings.Contains(res.Diags.Error(), "content/guide/02-portage.md:2:") {
		t.Errorf("errors = %s, want one at content/guide/02-portage.md:2", res.Diags.Error())
	}
	os.WriteFile(p, good, 0o644)
	if res, _ := b.Build(); len(res.Diags) > 0 || len(res.Files) == 0 {
		t.Fatalf("fixed site does not build: %s", res.Diags.Error())
	}
}

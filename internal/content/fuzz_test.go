package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coexport/internal/diag"
	"coexport/internal/markdown"
	"coexport/internal/source"
	"coexport/internal/vocab"
)

// FuzzParse feeds arbitrary files to the chapter parser, seeded with the repo's chapters
// and cases: it must never panic, and every error must point inside the file.
func FuzzParse(f *testing.F) {
	for _, glob := range []string{"../../content/guide/*.md", "../../content/cas/*.md", "../../testdata/sites/basic/content/*/*.md"} {
		names, _ := filepath.Glob(glob)
		for _, n := range names {
			if b, err := os.ReadFile(n); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("---\ntitle: [\n---\n"))
	f.Add([]byte("+++\ntitle = 1\n+++\n"))
	f.Add([]byte(";;;\n{\"title\": 3}\n;;;\n"))
	f.Add([]byte("{\n  \"title\": \"T\",\n  \"countries\": [\"SN\"]\n}\n\nTexte.\n"))
	f.Add([]byte("\ufeff---\ntitle: BOM\n---\n"))
	f.Add([]byte("+++\ntitle = \"\"\"\na [ b\n\"\"\"\nlist = ['x', # c\n \"y\"]\n[t]\nk = 1\n+++\n"))
	// Nesting without end: a stack overflow in the TOML parser before it was bounded.
	f.Add([]byte("+++\ntitle = \"x\"\na = " + strings.Repeat("[", 1_000_000) + "\n+++\n"))
	f.Add([]byte("+++\na = " + strings.Repeat("{b = ", 100_000) + "\n+++\n"))
	f.Add([]byte(";;;\n{\"a\": " + strings.Repeat("[", 100_000) + "\n;;;\n"))
	f.Add([]byte("---\na: " + strings.Repeat("[", 100_000) + "\n---\n"))
	conv := markdown.New(markdown.Options{Base: "/"})
	vocab := vocab.Set{Sectors: map[string]bool{"energie": true}}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d diag.List
		p := Parse(source.NewFile("content/guide/01-x.md", data), vocab, conv, &d)
		if p == nil {
			t.Fatal("Parse returned nil")
		}
		lines := 1
		for _, b := range data {
			if b == '\n' {
				lines++
			}
		}
		for _, e := range d {
			if e.Pos.File != "content/guide/01-x.md" || e.Pos.Line < 0 || e.Pos.Line > lines {
				t.Fatalf("diagnostic outside the input (%d lines): %s", lines, e)
			}
		}
	})
}

package content

import (
	"bytes"
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
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data) })
}

// TestParseDeepNesting: front matter nested without end, in each format, is an error, not a
// crash (a stack overflow in the TOML parser before it was bounded). These inputs are a test
// of their own, not fuzz seeds: mutating megabytes of brackets would take the fuzzer's time.
func TestParseDeepNesting(t *testing.T) {
	for _, data := range []string{
		"+++\ntitle = \"x\"\na = " + strings.Repeat("[", 1_000_000) + "\n+++\n",
		"+++\na = " + strings.Repeat("{b = ", 100_000) + "\n+++\n",
		";;;\n{\"a\": " + strings.Repeat("[", 100_000) + "\n;;;\n",
		"---\na: " + strings.Repeat("[", 100_000) + "\n---\n",
	} {
		if d := checkParse(t, []byte(data)); len(d) == 0 {
			t.Errorf("%.20q…: no error", data)
		}
	}
}

var (
	fuzzConv  = markdown.New(markdown.Options{Base: "/"})
	fuzzVocab = vocab.Set{Sectors: map[string]bool{"energie": true}}
)

// checkParse parses data as a chapter: it must not panic, and every error must point inside
// the file. It returns the errors.
func checkParse(t *testing.T, data []byte) diag.List {
	t.Helper()
	var d diag.List
	p := Parse(source.NewFile("content/guide/01-x.md", data), fuzzVocab, fuzzConv, &d)
	if p == nil {
		t.Fatal("Parse returned nil")
	}
	lines := bytes.Count(data, []byte("\n")) + 1
	for _, e := range d {
		if e.Pos.File != "content/guide/01-x.md" || e.Pos.Line < 0 || e.Pos.Line > lines {
			t.Fatalf("diagnostic outside the input (%d lines): %s", lines, e)
		}
	}
	return d
}

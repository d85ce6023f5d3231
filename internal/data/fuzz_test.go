package data

import (
	"os"
	"strings"
	"testing"

	"coexport/internal/diag"
	"coexport/internal/markdown"
	"coexport/internal/source"
	"coexport/internal/vocab"
)

// FuzzParseAMIs feeds arbitrary YAML to the catalogue parser, seeded with the real
// catalogue: no panic, every error inside the input.
func FuzzParseAMIs(f *testing.F) {
	for _, n := range []string{"../../content/amis.yaml", "../../testdata/sites/basic/content/amis.yaml"} {
		if b, err := os.ReadFile(n); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("- id: AMI-2026-001\n  deadline: 2026-13-45\n"))
	f.Add([]byte("{a: b}"))
	f.Add([]byte("- &a [*a]"))
	// Nesting without end: yaml.v3 stops at 10 000 levels, with an error.
	f.Add([]byte("- id: " + strings.Repeat("[", 100_000)))
	f.Add([]byte(strings.Repeat("- ", 20_000) + "x"))
	f.Add([]byte("- {id: AMI-2026-001, published: 0226-01-01, deadline: 20260-01-01, budget: {amount: 9007199254740992, currency: EUROS}, cpv: [\"09\", \"99\", \"09000000-4\"]}"))
	conv := markdown.New(markdown.Options{Base: "/"})
	vocab := vocab.Set{Sectors: map[string]bool{"energie": true}}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d diag.List
		ParseAMIs(source.NewFile("content/amis.yaml", data), vocab, conv, &d)
		lines := 1
		for _, b := range data {
			if b == '\n' {
				lines++
			}
		}
		for _, e := range d {
			if e.Pos.Line < 0 || e.Pos.Line > lines+1 {
				t.Fatalf("diagnostic outside the input (%d lines): %s", lines, e)
			}
		}
	})
}

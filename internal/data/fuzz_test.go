package data

import (
	"bytes"
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
	f.Add([]byte("- {id: AMI-2026-001, published: 0226-01-01, deadline: 20260-01-01, budget: {amount: 9007199254740992, currency: EUROS}, cpv: [\"09\", \"99\", \"09000000-4\"]}"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParseAMIs(t, data) })
}

// TestParseAMIsDeepNesting: a catalogue nested without end is an error, not a crash
// (yaml.v3 stops at 10,000 levels). These inputs are a test of their own, not fuzz seeds:
// mutating them would take the fuzzer's time (about one run a second).
func TestParseAMIsDeepNesting(t *testing.T) {
	for _, data := range []string{"- id: " + strings.Repeat("[", 100_000), strings.Repeat("- ", 20_000) + "x"} {
		if d := checkParseAMIs(t, []byte(data)); len(d) == 0 {
			t.Errorf("%.20q…: no error", data)
		}
	}
}

var (
	fuzzConv  = markdown.New(markdown.Options{Base: "/"})
	fuzzVocab = vocab.Set{Sectors: map[string]bool{"energie": true}}
)

// checkParseAMIs reads data as amis.yaml: it must not panic, and every error must point
// inside the input. It returns the errors.
func checkParseAMIs(t *testing.T, data []byte) diag.List {
	t.Helper()
	var d diag.List
	ParseAMIs(source.NewFile("content/amis.yaml", data), fuzzVocab, fuzzConv, &d)
	// YAML, like editors, ends a line at "\r\n", "\n" or a lone "\r" (testdata/fuzz: "\r\r0"
	// is reported at line 3)
	lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n"))
	for _, e := range d {
		if e.Pos.Line < 0 || e.Pos.Line > lines+1 {
			t.Fatalf("diagnostic outside the input (%d lines): %s", lines, e)
		}
	}
	return d
}

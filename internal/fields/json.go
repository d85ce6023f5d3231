package fields

import (
	"bytes"
	"encoding/json"
	"errors"

	"gopkg.in/yaml.v3"

	"coexport/internal/diag"
)

// DecodeJSON parses src, JSON front matter, into its node. The text is checked as JSON
// first (so that what only YAML allows, comments or bare words, is refused), then read by
// the YAML parser, of which JSON is a subset, for the line and column of every key and
// value. A syntax error is reported at its line in file (offset lines before src) and nil
// returned; encoding/json bounds nesting (10 000 levels).
func DecodeJSON(file string, src []byte, offset int, d *diag.List) *yaml.Node {
	var v any
	if err := json.Unmarshal(src, &v); err != nil {
		p := diag.Pos{File: file, Line: offset + 1, Col: 1}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := LineCol(src, int(se.Offset)-1) // Offset counts the byte at fault
			p.Line, p.Col = offset+line, col
		}
		d.Add(p, "JSON syntax error: %v", err)
		return nil
	}
	// Tabs may only be blanks between tokens in valid JSON (not in strings); YAML refuses
	// some of them, so they become spaces, which keeps every column.
	return Decode(file, bytes.ReplaceAll(src, []byte("\t"), []byte(" ")), offset, d)
}

// LineCol returns the line and column (counted in bytes, from 1) of byte offset i of src.
func LineCol(src []byte, i int) (line, col int) {
	i = min(max(i, 0), len(src))
	line = 1 + bytes.Count(src[:i], []byte("\n"))
	return line, i - bytes.LastIndexByte(src[:i], '\n')
}

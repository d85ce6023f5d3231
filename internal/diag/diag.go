// Package diag holds content diagnostics: a position in a source file and a message.
//
// Every stage of the pipeline (load, parse, assemble, render) reports problems in the
// editor's terms, "path:line:col: message", and collects them instead of stopping at the
// first one, so that an editor sees every error of a build at once.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a position in a source file. Line and Col count from 1; zero means unknown.
// File is slash-separated and relative to the site's source directory.
type Pos struct {
	File      string
	Line, Col int
}

// String formats p as "file:line:col", leaving out unknown parts.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diag is one content error at a position. Suggestion, when not empty, is the value the
// author most likely meant (a known field, sector or scheme near a typo); Msg already
// says it, for readers of the text format.
type Diag struct {
	Pos        Pos
	Msg        string
	Suggestion string
}

// String formats d as "path:line:col: message".
func (d Diag) String() string { return d.Pos.String() + ": " + d.Msg }

// List collects diagnostics. The zero value is ready to use.
type List []Diag

// Add appends a diagnostic with a formatted message.
func (l *List) Add(p Pos, format string, args ...any) {
	*l = append(*l, Diag{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

// AddSuggestion appends a diagnostic whose message ends with a suggestion,
// "… (did you mean "countries"?)", and records the suggestion for machine-readable output.
func (l *List) AddSuggestion(p Pos, suggestion, format string, args ...any) {
	msg := fmt.Sprintf(format, args...) + fmt.Sprintf(" (did you mean %q?)", suggestion)
	*l = append(*l, Diag{Pos: p, Msg: msg, Suggestion: suggestion})
}

// Append adds every diagnostic of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sorted returns the diagnostics ordered by file, line, column and message, without
// duplicates, so that output does not depend on the order in which stages ran.
func (l List) Sorted() List {
	s := slices.Clone(l)
	slices.SortFunc(s, func(a, b Diag) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col), cmp.Compare(a.Msg, b.Msg), cmp.Compare(a.Suggestion, b.Suggestion))
	})
	return slices.Compact(s)
}

// Error returns the sorted diagnostics, one per line; it is empty when l is.
func (l List) Error() string {
	var b strings.Builder
	for _, d := range l.Sorted() {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Format is how diagnostics are written for their reader.
type Format string

// The formats of `coexport check -format` and `build -format`.
const (
	// Text is "path:line:col: message", one per line, for people and editors.
	Text Format = "text"
	// GitHub is one GitHub Actions workflow command per diagnostic,
	// "::error file=…,line=…,col=…::message", shown as an annotation on the diff.
	GitHub Format = "github"
	// JSON is one JSON object per line: file, line, column, message, suggestion.
	JSON Format = "json"
)

// Formats lists the formats, the default first.
var Formats = []Format{Text, GitHub, JSON}

// ParseFormat returns the format named s, or an error naming the known ones.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (one of: text, github, json)", s)
}

// Write writes the sorted diagnostics of l to w in format f.
func (l List) Write(w io.Writer, f Format) error {
	var b strings.Builder
	for _, d := range l.Sorted() {
		switch f {
		case GitHub:
			b.WriteString(d.GitHub())
		case JSON:
			b.WriteString(d.JSON())
		default:
			b.WriteString(d.String())
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// GitHub formats d as a GitHub Actions error command. The message is escaped as the
// runner unescapes command data (%, CR, LF), the properties also for ":" and ",",
// which would otherwise end them.
func (d Diag) GitHub() string {
	props := []string{"file=" + escapeProperty(d.Pos.File)}
	if d.Pos.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
		if d.Pos.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
		}
	}
	return "::error " + strings.Join(props, ",") + "::" + escapeData(d.Msg)
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

// jsonDiag is the JSON form of a diagnostic; its field names are a contract (README).
type jsonDiag struct {
	File       string `json:"file"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
}

// JSON formats d as one line of JSON: {"file", "line", "column", "message", "suggestion"};
// line and column are 0 when unknown, suggestion is left out when there is none.
func (d Diag) JSON() string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(jsonDiag{File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col, Message: d.Msg, Suggestion: d.Suggestion}) // strings and ints always encode
	return strings.TrimSuffix(b.String(), "\n")
}

// Package fields reads YAML mappings (site.yaml, amis.yaml, front matter) as typed values
// with positions, so that every content error points at the line and column of the value
// that caused it.
//
// It sits between the YAML parser (gopkg.in/yaml.v3 nodes) and the packages that give the
// fields their meaning (content, data). A Map checks its keys against the known ones and
// suggests the nearest ("contries" → "countries"); each getter reports a wrong type, a
// missing required value or a malformed date at the value's own position.
package fields

import (
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"coexport/internal/diag"
)

// Value is a string read from YAML with its position.
type Value struct {
	S   string
	Pos diag.Pos
}

// Map is a YAML mapping being read. Its getters record problems in the diagnostic list
// it was made with and return zero values, so that reading goes on and every error of a
// file is reported at once.
type Map struct {
	file   string
	offset int // lines before the YAML text in its file (front matter)
	node   *yaml.Node
	keys   map[string]*yaml.Node
	diags  *diag.List
	spec   *Field // the definition the map is read against (NewObject), or nil
}

// Decode parses src as YAML into its document node. A syntax error is reported at its
// line in file (offset is the number of lines before src in the file) and nil returned.
func Decode(file string, src []byte, offset int, d *diag.List) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		d.Add(diag.Pos{File: file, Line: offset + syntaxLine(err), Col: 1}, "%s", syntaxMessage(err))
		return nil
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0]
	}
	return &doc
}

// syntaxLine returns the line of a yaml.v3 syntax error. The library exposes no structured
// position for syntax errors, only its message "yaml: line N: …"; this is the one place
// where a position is read from a message, and 1 is used when it has none.
func syntaxLine(err error) int {
	var n int
	if _, e := fmt.Sscanf(err.Error(), "yaml: line %d:", &n); e == nil && n > 0 {
		return n
	}
	return 1
}

func syntaxMessage(err error) string {
	msg := err.Error()
	if _, rest, ok := strings.Cut(msg, ": line "); ok {
		if _, m, ok := strings.Cut(rest, ": "); ok {
			msg = m
		}
	}
	return "YAML syntax error: " + strings.TrimPrefix(msg, "yaml: ")
}

// NewMap reads n as a mapping whose allowed keys are known. Unknown keys (with the nearest
// known one as a suggestion), duplicate keys and a node that is not a mapping are reported.
// It returns a Map even then, so that callers read on.
func NewMap(file string, offset int, n *yaml.Node, known []string, d *diag.List) *Map {
	m := &Map{file: file, offset: offset, node: n, keys: map[string]*yaml.Node{}, diags: d}
	if n == nil {
		return m
	}
	if n.Kind != yaml.MappingNode {
		d.Add(m.pos(n), "expected a mapping of fields (key: value), found %s", kindName(n))
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(known, k.Value):
			if s := Suggest(k.Value, known); s != "" {
				d.AddSuggestion(m.pos(k), s, "unknown field %q", k.Value)
			} else {
				d.Add(m.pos(k), "unknown field %q", k.Value)
			}
		case m.keys[k.Value] != nil:
			d.Add(m.pos(k), "duplicate field %q", k.Value)
		default:
			m.keys[k.Value] = v
		}
	}
	return m
}

// Pos returns the position of key's value, or of the mapping itself when key is absent.
func (m *Map) Pos(key string) diag.Pos {
	if v := m.keys[key]; v != nil {
		return m.pos(v)
	}
	return m.pos(m.node)
}

// Errorf reports a problem with key's value at its position.
func (m *Map) Errorf(key, format string, args ...any) {
	m.diags.Add(m.Pos(key), format, args...)
}

// Report records a problem at p, a position in this map's file.
func (m *Map) Report(p diag.Pos, format string, args ...any) {
	m.diags.Add(p, format, args...)
}

// ReportSuggestion records a problem at p whose likely fix is suggestion; the message
// ends with "(did you mean …?)".
func (m *Map) ReportSuggestion(p diag.Pos, suggestion, format string, args ...any) {
	m.diags.AddSuggestion(p, suggestion, format, args...)
}

// Has reports whether key is present with a non-null value.
func (m *Map) Has(key string) bool {
	v := m.keys[key]
	return v != nil && v.Tag != "!!null"
}

// Node returns key's value node, or nil.
func (m *Map) Node(key string) *yaml.Node { return m.keys[key] }

// File returns the name of the file being read.
func (m *Map) File() string { return m.file }

// At returns the position of a node of this map's file.
func (m *Map) At(n *yaml.Node) diag.Pos { return m.pos(n) }

func (m *Map) pos(n *yaml.Node) diag.Pos {
	if n == nil || n.Line == 0 {
		return diag.Pos{File: m.file, Line: m.offset + 1, Col: 1}
	}
	return diag.Pos{File: m.file, Line: m.offset + n.Line, Col: n.Column}
}

func (m *Map) scalar(key string, required bool) *yaml.Node {
	v := m.keys[key]
	if v == nil || v.Tag == "!!null" {
		if required {
			m.diags.Add(m.pos(m.node), "missing required field %q", key)
		}
		return nil
	}
	if v.Kind != yaml.ScalarNode {
		m.diags.Add(m.pos(v), "field %q: expected a single value, found %s", key, kindName(v))
		return nil
	}
	return v
}

// String returns key's text, trimmed; a required key that is absent or blank is reported.
func (m *Map) String(key string, required bool) string {
	v := m.scalar(key, required)
	if v == nil {
		return ""
	}
	s := strings.TrimSpace(v.Value)
	if s == "" && required {
		m.diags.Add(m.pos(v), "field %q must not be empty", key)
	}
	return s
}

// Bool returns key's boolean value (false when absent).
func (m *Map) Bool(key string) bool {
	v := m.scalar(key, false)
	if v == nil {
		return false
	}
	var b bool
	if err := v.Decode(&b); err != nil {
		m.diags.Add(m.pos(v), "field %q: expected true or false, found %q", key, v.Value)
	}
	return b
}

// Int returns key's integer value (0 when absent).
func (m *Map) Int(key string, required bool) int64 {
	v := m.scalar(key, required)
	if v == nil {
		return 0
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(v.Value, "_", ""), 10, 64)
	if err != nil {
		m.diags.Add(m.pos(v), "field %q: expected a whole number, found %q", key, v.Value)
	}
	return n
}

// Date returns key's date, written YYYY-MM-DD; the zero time when absent or invalid.
func (m *Map) Date(key string, required bool) time.Time {
	v := m.scalar(key, required)
	if v == nil {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, v.Value)
	if err != nil {
		m.diags.Add(m.pos(v), "field %q: invalid date %q (want YYYY-MM-DD, a real day)", key, v.Value)
		return time.Time{}
	}
	if y := t.Year(); y < MinYear || y > MaxYear {
		m.diags.Add(m.pos(v), "field %q: date %s is not between %d and %d", key, v.Value, MinYear, MaxYear)
		return time.Time{}
	}
	return t
}

// Email returns key's e-mail address, reporting one that is not a plain address.
func (m *Map) Email(key string, required bool) string {
	s := m.String(key, required)
	if s != "" && !ValidEmail(s) {
		m.Errorf(key, "field %q: invalid e-mail address %q", key, s)
	}
	return s
}

// ValidEmail reports whether s is a bare address such as name@example.org.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s[strings.IndexByte(s, '@'):], ".")
}

// URL returns key's absolute http(s) URL, reporting anything else.
func (m *Map) URL(key string, required bool) string {
	s := m.String(key, required)
	if s == "" {
		return ""
	}
	if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		m.Errorf(key, "field %q: invalid URL %q (want http:// or https://)", key, s)
		return ""
	}
	return s
}

// Strings returns key's values: a sequence of scalars, or one scalar taken as a list of one.
func (m *Map) Strings(key string) []Value {
	v := m.keys[key]
	if v == nil || v.Tag == "!!null" {
		return nil
	}
	if v.Kind == yaml.ScalarNode {
		return []Value{{S: strings.TrimSpace(v.Value), Pos: m.pos(v)}}
	}
	if v.Kind != yaml.SequenceNode {
		m.diags.Add(m.pos(v), "field %q: expected a list, found %s", key, kindName(v))
		return nil
	}
	out := make([]Value, 0, len(v.Content))
	for _, e := range v.Content {
		if e.Kind != yaml.ScalarNode {
			m.diags.Add(m.pos(e), "field %q: expected a list of single values, found %s", key, kindName(e))
			continue
		}
		out = append(out, Value{S: strings.TrimSpace(e.Value), Pos: m.pos(e)})
	}
	return out
}

// Map returns key's value read as a mapping with the given known keys, or nil when absent.
func (m *Map) Map(key string, known []string) *Map {
	v := m.keys[key]
	if v == nil || v.Tag == "!!null" {
		return nil
	}
	return NewMap(m.file, m.offset, v, known, m.diags)
}

// List returns the items of key's sequence, or nil when absent; anything else is reported.
func (m *Map) List(key string) []*yaml.Node {
	v := m.keys[key]
	if v == nil || v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		m.diags.Add(m.pos(v), "field %q: expected a list, found %s", key, kindName(v))
		return nil
	}
	return v.Content
}

// Sub reads n, a node of this map's file, as a mapping with the given known keys.
func (m *Map) Sub(n *yaml.Node, known []string) *Map {
	return NewMap(m.file, m.offset, n, known, m.diags)
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "a document"
}

// Suggest returns the known word nearest to s when it is close enough to be a typo
// (edit distance at most 2, or a third of the word), else "".
func Suggest(s string, known []string) string {
	best, bestD := "", 1<<30
	for _, k := range known {
		if d := distance(s, k); d < bestD {
			best, bestD = k, d
		}
	}
	if bestD <= max(2, len(s)/3) {
		return best
	}
	return ""
}

// distance is the Levenshtein distance between a and b, counted in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

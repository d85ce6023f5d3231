package fields

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"coexport/internal/diag"
)

// MaxNesting bounds how deeply arrays and tables may nest in TOML front matter. The TOML
// parser recurses once per level: without a bound, a file of a million "[" exhausts the
// stack. Front matter needs two levels; YAML and JSON are bounded by their parsers
// (10 000 levels).
const MaxNesting = 32

// DecodeTOML parses src, TOML front matter, into a mapping node shaped as yaml.v3 would
// build it, so that Map reads TOML exactly as it reads YAML. Top-level keys, their values
// and the items of their arrays carry their own line and column; values nested deeper
// carry their top-level key's. A syntax error or a nesting deeper than MaxNesting is
// reported at its line in file (offset lines before src) and nil returned.
func DecodeTOML(file string, src []byte, offset int, d *diag.List) *yaml.Node {
	pos, deep := scanTOML(src)
	if deep != nil {
		d.Add(diag.Pos{File: file, Line: offset + deep.line, Col: deep.col}, "TOML front matter: arrays and tables nested more than %d deep", MaxNesting)
		return nil
	}
	var m map[string]any
	md, err := toml.Decode(string(src), &m)
	if err != nil {
		p := diag.Pos{File: file, Line: offset + 1, Col: 1}
		var pe toml.ParseError
		if errors.As(err, &pe) && pe.Position.Line > 0 {
			p.Line, p.Col = offset+pe.Position.Line, max(pe.Position.Col, 1)
			err = errors.New(pe.Message)
		}
		d.Add(p, "TOML syntax error: %v", err)
		return nil
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue
		}
		name := k[0]
		kp := pos.keys[name]
		root.Content = append(root.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name, Line: kp.line, Column: kp.col},
			tomlNode(m[name], pos.values[name], pos.items[name]))
	}
	return root
}

// tomlNode converts a decoded TOML value to a node at p; items are the positions of an
// array's items, when known.
func tomlNode(v any, p tomlPos, items []tomlPos) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Line: p.line, Column: p.col}
	switch v := v.(type) {
	case string:
		n.Tag, n.Value = "!!str", v
	case bool:
		n.Tag, n.Value = "!!bool", strconv.FormatBool(v)
	case int64:
		n.Tag, n.Value = "!!int", strconv.FormatInt(v, 10)
	case float64:
		n.Tag, n.Value = "!!float", strconv.FormatFloat(v, 'g', -1, 64)
	case time.Time:
		n.Tag, n.Value = "!!timestamp", v.Format(time.RFC3339Nano)
		if v.Location().String() == "date-local" {
			n.Value = v.Format(time.DateOnly)
		}
	case []any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for i, e := range v {
			ep := p
			if i < len(items) {
				ep = items[i]
			}
			n.Content = append(n.Content, tomlNode(e, ep, nil))
		}
	case []map[string]any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range v {
			n.Content = append(n.Content, tomlNode(e, p, nil))
		}
	case map[string]any:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			n.Content = append(n.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: p.line, Column: p.col},
				tomlNode(v[k], p, nil))
		}
	default:
		n.Tag, n.Value = "!!str", fmt.Sprint(v)
	}
	return n
}

type tomlPos struct{ line, col int }

// tomlPositions are where the top-level keys of a TOML text, their values and the items
// of their arrays start.
type tomlPositions struct {
	keys, values map[string]tomlPos
	items        map[string][]tomlPos
}

// scanTOML reads src once, without recursion, skipping strings and comments: it finds
// where top-level keys, values and array items start, and refuses a nesting deeper than
// MaxNesting (returning where it starts) before the recursive parser sees it. It trusts the parser with everything
// else: a malformed text gives wrong positions here and a syntax error there.
func scanTOML(src []byte) (tomlPositions, *tomlPos) {
	s := tomlScanner{src: src, line: 1, col: 1}
	out := tomlPositions{keys: map[string]tomlPos{}, values: map[string]tomlPos{}, items: map[string][]tomlPos{}}
	inTable := false // after a [table] header, keys are no longer top-level
	key := ""        // the top-level key whose value is being read
	lineStart := true
	depth := 0
	for s.i < len(src) {
		c := src[s.i]
		switch {
		case c == '\n':
			lineStart = lineStart || depth == 0
			s.next()
			continue
		case c == ' ' || c == '\t' || c == '\r':
			s.next()
			continue
		case c == '#':
			for s.i < len(src) && src[s.i] != '\n' {
				s.next()
			}
			continue
		}
		here := tomlPos{s.line, s.col}
		if lineStart && depth == 0 {
			lineStart = false
			if c == '[' {
				inTable = true
				if name := s.keyName(); name != "" {
					if _, seen := out.keys[name]; !seen {
						out.keys[name], out.values[name] = here, here
					}
				}
				key = ""
				s.skipTo(']')
				continue
			}
			key = ""
			if name := s.keyName(); !inTable && name != "" {
				key = name
				out.keys[name] = here
			}
			s.skipTo('=')
			if s.i < len(src) {
				s.next()
			}
			s.skipBlanks()
			if key != "" {
				out.values[key] = tomlPos{s.line, s.col}
			}
			continue
		}
		switch c {
		case '"', '\'':
			s.skipString()
		case '[', '{':
			depth++
			if depth > MaxNesting {
				return out, &here
			}
			s.next()
			if depth == 1 && c == '[' && key != "" {
				s.skipBlanksAndComments()
				if s.i < len(src) && src[s.i] != ']' {
					out.items[key] = append(out.items[key], tomlPos{s.line, s.col})
				}
			}
		case ']', '}':
			depth = max(depth-1, 0)
			s.next()
		case ',':
			s.next()
			if depth == 1 && key != "" {
				s.skipBlanksAndComments()
				if s.i < len(src) && src[s.i] != ']' {
					out.items[key] = append(out.items[key], tomlPos{s.line, s.col})
				}
			}
		default:
			s.next()
		}
	}
	return out, nil
}

// tomlScanner walks a TOML text byte by byte, counting lines and columns (in bytes).
type tomlScanner struct {
	src          []byte
	i, line, col int
}

func (s *tomlScanner) next() {
	if s.src[s.i] == '\n' {
		s.line, s.col = s.line+1, 1
	} else {
		s.col++
	}
	s.i++
}

func (s *tomlScanner) skipBlanks() {
	for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.next()
	}
}

func (s *tomlScanner) skipBlanksAndComments() {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\r', '\n':
			s.next()
		case '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.next()
			}
		default:
			return
		}
	}
}

// skipTo advances past strings to the first c on the current line, or to its end.
func (s *tomlScanner) skipTo(c byte) {
	for s.i < len(s.src) && s.src[s.i] != c && s.src[s.i] != '\n' {
		if s.src[s.i] == '"' || s.src[s.i] == '\'' {
			s.skipString()
			continue
		}
		s.next()
	}
}

// skipString advances past the string that starts here: basic or literal, on one line or
// on several (""" and ”').
func (s *tomlScanner) skipString() {
	q := s.src[s.i]
	if strings.HasPrefix(string(s.src[s.i:min(s.i+3, len(s.src))]), strings.Repeat(string(q), 3)) {
		s.next()
		s.next()
		s.next()
		for s.i < len(s.src) {
			if q == '"' && s.src[s.i] == '\\' && s.i+1 < len(s.src) {
				s.next()
			} else if strings.HasPrefix(string(s.src[s.i:min(s.i+3, len(s.src))]), strings.Repeat(string(q), 3)) {
				for s.i < len(s.src) && s.src[s.i] == q { // """" ends with a quote inside
					s.next()
				}
				return
			}
			s.next()
		}
		return
	}
	s.next()
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		c := s.src[s.i]
		s.next()
		switch {
		case c == q:
			return
		case c == '\\' && q == '"' && s.i < len(s.src) && s.src[s.i] != '\n':
			s.next()
		}
	}
}

// keyName reads, without moving, the first part of the key that starts here (after "["
// or "[[" for a table header): a bare word or a quoted string.
func (s *tomlScanner) keyName() string {
	rest := strings.TrimLeft(string(s.src[s.i:min(s.i+256, len(s.src))]), "[ \t")
	if rest == "" {
		return ""
	}
	switch rest[0] {
	case '"':
		if end := strings.IndexByte(rest[1:], '"'); end >= 0 {
			if k, err := strconv.Unquote(rest[:end+2]); err == nil {
				return k
			}
			return rest[1 : end+1]
		}
		return ""
	case '\'':
		if end := strings.IndexByte(rest[1:], '\''); end >= 0 {
			return rest[1 : end+1]
		}
		return ""
	}
	end := strings.IndexFunc(rest, func(r rune) bool {
		return !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	if end < 0 {
		end = len(rest)
	}
	return rest[:end]
}

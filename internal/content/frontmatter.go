package content

import (
	"bytes"

	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"coexport/internal/diag"
	"coexport/internal/fields"
	"coexport/internal/source"
)

// frontMatterState says what a markdown file opens with.
type frontMatterState int

const (
	frontMatterMissing frontMatterState = iota // no front matter block
	frontMatterBroken                          // a block, unclosed or malformed: reported
	frontMatterRead                            // a block read as a mapping (or empty)
)

// frontMatterBlock is a file's front matter, decoded, and the body after it. offset is
// the number of file lines before the front matter's text.
type frontMatterBlock struct {
	state  frontMatterState
	node   *yaml.Node
	body   []byte
	offset int
}

// decoder reads the text of one front matter format into a node with positions, as
// fields.Decode does for YAML.
type decoder func(file string, src []byte, offset int, d *diag.List) *yaml.Node

// frontMatterFormats are the delimiters coexport accepts, each with its decoder: YAML,
// TOML and JSON (Hugo's forms), all read into the same nodes so that every format goes
// through the same field checks.
var frontMatterFormats = []struct {
	start, end string
	decode     decoder
	// delims: the delimiters belong to the text ("{" … "}"), which must be followed by a
	// blank line (so that a nested "}" line does not end it).
	delims bool
}{
	{"---", "---", fields.Decode, false},
	{"---yaml", "---", fields.Decode, false},
	{"+++", "+++", fields.DecodeTOML, false},
	{"---toml", "---", fields.DecodeTOML, false},
	{";;;", ";;;", fields.DecodeJSON, false},
	{"---json", "---", fields.DecodeJSON, false},
	{"{", "}", fields.DecodeJSON, true},
}

// readFrontMatter splits f into its front matter and its body. A UTF-8 byte order mark
// (written by some Windows editors) before the opening line is skipped.
func readFrontMatter(f source.File, d *diag.List) frontMatterBlock {
	data := bytes.TrimPrefix(f.Data, []byte("\ufeff"))
	var raw []byte
	var dec decoder
	formats := make([]*frontmatter.Format, len(frontMatterFormats))
	for i, ff := range frontMatterFormats {
		formats[i] = &frontmatter.Format{Start: ff.start, End: ff.end, UnmarshalDelims: ff.delims, RequiresNewLine: ff.delims,
			Unmarshal: func(text []byte, _ any) error {
				raw, dec = text, ff.decode
				return nil
			}}
	}
	body, err := frontmatter.Parse(bytes.NewReader(data), nil, formats...)
	if err != nil { // only a read error, which a bytes.Reader never returns
		d.Add(diag.Pos{File: f.Path, Line: 1, Col: 1}, "reading front matter: %v", err)
		return frontMatterBlock{state: frontMatterBroken, body: data}
	}
	if raw == nil {
		if end, ok := unclosed(data); ok {
			d.Add(diag.Pos{File: f.Path, Line: 1, Col: 1}, "front matter is not closed: add a %s line after it", end)
			return frontMatterBlock{state: frontMatterBroken, body: body}
		}
		return frontMatterBlock{state: frontMatterMissing, body: body}
	}
	fm := frontMatterBlock{state: frontMatterRead, body: body}
	if i := bytes.Index(data, raw); i >= 0 {
		fm.offset = bytes.Count(data[:i], []byte("\n"))
	}
	fm.node = dec(f.Path, raw, fm.offset, d)
	switch {
	case fm.node == nil:
		fm.state = frontMatterBroken
	case fm.node.Kind == yaml.ScalarNode && fm.node.Tag == "!!null": // an empty block
		fm.node = &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	}
	return fm
}

// unclosed reports whether data opens a front matter block that frontmatter.Parse did not
// find closed, and the line that would close it.
func unclosed(data []byte) (end string, ok bool) {
	first, _, _ := bytes.Cut(bytes.TrimLeft(data, "\n\r"), []byte("\n"))
	first = bytes.TrimSpace(first)
	for _, ff := range frontMatterFormats {
		if string(first) == ff.start {
			if ff.delims {
				return ff.end + " line, then a blank", true
			}
			return ff.end, true
		}
	}
	if bytes.HasPrefix(first, []byte("---")) { // "--- " or "---yml": still meant as YAML
		return "---", true
	}
	return "", false
}

// Package content parses the markdown files of a project — chapters, case studies,
// standalone pages and the home page text — into Pages: front matter fields read with
// their positions, and the body converted by package markdown.
//
// It is the parse stage for markdown; each file is parsed on its own (so that rebuilds
// re-parse only what changed), against the vocabularies of package vocab (countries, the sectors of site.yaml, schemes).
package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"path"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"coexport/internal/diag"
	"coexport/internal/fields"
	"coexport/internal/markdown"
	"coexport/internal/source"
	"coexport/internal/vocab"
)

// Page is a markdown page: a chapter, a case study, a standalone page or the home text.
type Page struct {
	Kind    source.Kind
	Source  string // project path
	URL     string // site-relative: "guide/slug/"
	Slug    string
	Order   int // a chapter's numeric prefix
	Title   string
	Summary string
	// Countries are upper-case ISO codes, Sectors slugs, both validated.
	Countries []string
	Sectors   []string
	Draft     bool
	Updated   time.Time
	// Case studies.
	SME, LeadCompany string
	Year             int
	Schemes          []string
	Fictional        bool

	Body markdown.Doc
	Pos  diag.Pos // position of the front matter, for errors about the page as a whole
}

// LinksOut reports whether the page links to an external site, through the links of
// site.yaml ([x](../site.yaml#slug)): its layout then says when they were checked.
func (p *Page) LinksOut() bool {
	for _, l := range p.Body.Links {
		if l.Target == "content/site.yaml" {
			return true
		}
	}
	return false
}

var pageKeys = map[source.Kind][]string{
	source.Chapter: {"title", "summary", "countries", "sectors", "draft", "updated"},
	source.Case: {"title", "summary", "sme", "lead_company", "countries", "sectors", "year",
		"scheme", "fictional", "draft", "updated"},
	source.Page: {"title", "summary", "draft", "updated"},
	source.Home: {"title", "summary"},
}

// Parse reads the markdown file f. Problems are added to d; the page is returned even
// then, with what could be read, so that other errors are found too.
func Parse(f source.File, v vocab.Set, conv *markdown.Converter, d *diag.List) *Page {
	p := &Page{Kind: f.Kind, Source: f.Path, Pos: diag.Pos{File: f.Path, Line: 1, Col: 1}}
	p.URL, _ = source.URL(f.Path)
	if f.Kind == source.Chapter {
		var ok bool
		if p.Order, p.Slug, ok = source.ChapterName(f.Path); !ok {
			d.Add(p.Pos, "chapter file name must be NN-slug.md, a number then a slug (e.g. 03-portage.md)")
		}
	} else {
		p.Slug = strings.TrimSuffix(path.Base(f.Path), ".md")
	}
	node, body, offset := frontMatter(f, d)
	broken := node != nil && node.Kind == yaml.MappingNode && node.Line == 0 // a syntax error was reported
	m := fields.NewMap(f.Path, offset, node, pageKeys[f.Kind], d)
	if node == nil && !unclosed(f.Data) {
		d.Add(p.Pos, "missing front matter: start the file with a --- line, then title: …, then ---")
	} else {
		p.Pos = m.Pos("")
	}
	p.Title = m.String("title", node != nil && !broken)
	p.Summary = m.String("summary", false)
	p.Draft = m.Bool("draft")
	p.Updated = m.Date("updated", false)
	p.Countries = v.ReadCountries(m, "countries")
	p.Sectors = v.ReadSectors(m, "sectors")
	if f.Kind == source.Case {
		p.SME = m.String("sme", false)
		p.LeadCompany = m.String("lead_company", false)
		p.Year = int(m.Int("year", false))
		p.Fictional = m.Bool("fictional")
		p.Schemes = v.ReadSchemes(m, "scheme")
	}
	p.Body = conv.Convert(f.Path, body, bytes.Count(f.Data[:len(f.Data)-len(body)], []byte("\n")))
	return p
}

// frontMatter splits f into its front matter, decoded as a YAML node, and its body. offset
// is the number of file lines before the front matter's text. TOML and JSON front matter
// are accepted too; their values carry no line numbers and are reported at line 1.
func frontMatter(f source.File, d *diag.List) (node *yaml.Node, body []byte, offset int) {
	var raw []byte
	var decodeErr error
	capture := func(kind string) frontmatter.UnmarshalFunc {
		return func(data []byte, _ any) error {
			raw = data
			switch kind {
			case "yaml":
				return nil
			case "toml":
				var m map[string]any
				if _, err := toml.Decode(string(data), &m); err != nil {
					decodeErr = err
					return nil
				}
				node = &yaml.Node{}
				decodeErr = node.Encode(m)
			case "json":
				var m map[string]any
				if err := json.Unmarshal(data, &m); err != nil {
					decodeErr = err
					return nil
				}
				node = &yaml.Node{}
				decodeErr = node.Encode(m)
			}
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture("yaml")),
		frontmatter.NewFormat("---yaml", "---", capture("yaml")),
		frontmatter.NewFormat("+++", "+++", capture("toml")),
		frontmatter.NewFormat("---toml", "---", capture("toml")),
		frontmatter.NewFormat(";;;", ";;;", capture("json")),
		frontmatter.NewFormat("---json", "---", capture("json")),
	}
	body, err := frontmatter.Parse(bytes.NewReader(f.Data), nil, formats...)
	if err != nil && !errors.Is(err, frontmatter.ErrNotFound) {
		d.Add(diag.Pos{File: f.Path, Line: 1, Col: 1}, "reading front matter: %v", err)
		return nil, f.Data, 0
	}
	if raw == nil {
		if unclosed(f.Data) {
			d.Add(diag.Pos{File: f.Path, Line: 1, Col: 1}, "front matter is not closed: add a --- line after it")
		}
		return nil, body, 0
	}
	if i := bytes.Index(f.Data, raw); i >= 0 {
		offset = bytes.Count(f.Data[:i], []byte("\n"))
	}
	if decodeErr != nil {
		d.Add(diag.Pos{File: f.Path, Line: offset + 1, Col: 1}, "front matter: %v", decodeErr)
		return nil, body, offset
	}
	if node == nil {
		node = fields.Decode(f.Path, raw, offset, d)
		if node != nil && node.Kind == yaml.ScalarNode && node.Tag == "!!null" {
			node = &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
		}
		if node == nil {
			// A syntax error was reported; read on with an empty mapping so that the
			// body is still checked.
			return &yaml.Node{Kind: yaml.MappingNode}, body, offset
		}
	}
	return node, body, offset
}

// unclosed reports whether data opens a front matter that frontmatter.Parse did not find
// closed.
func unclosed(data []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(data, "\n\r\ufeff"), []byte("---"))
}

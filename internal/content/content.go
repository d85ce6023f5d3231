// Package content parses the markdown files of a project — chapters, case studies,
// standalone pages and the home page text — into Pages: front matter fields read with
// their positions, and the body converted by package markdown.
//
// It is the parse stage for markdown; each file is parsed on its own (so that rebuilds
// re-parse only what changed), against the vocabularies of package vocab (countries, the sectors of site.yaml, schemes).
package content

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"coexport/internal/diag"
	"coexport/internal/fields"
	"coexport/internal/french"
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
	if p.Slug != "" && f.Kind != source.Home {
		checkSlug(p.Slug, p.Pos, d)
	}
	fm := readFrontMatter(f, d)
	m := fields.NewObject(f.Path, fm.offset, fm.node, Specs[f.Kind], d)
	if fm.state == frontMatterMissing {
		d.Add(p.Pos, "missing front matter: start the file with a --- line, then title: …, then ---")
	} else {
		p.Pos = m.Pos("")
	}
	// Front matter that could not be read has had its error reported: a missing title
	// would only repeat it.
	p.Title = m.String("title", fm.state == frontMatterRead)
	p.Summary = m.String("summary", false)
	p.Draft = m.Bool("draft")
	p.Updated = m.Date("updated", false)
	p.Countries = v.ReadCountries(m, "countries")
	p.Sectors = v.ReadSectors(m, "sectors")
	if f.Kind == source.Case {
		p.SME = m.String("sme", false)
		p.LeadCompany = m.String("lead_company", false)
		p.Year = int(m.Number("year"))
		p.Fictional = m.Bool("fictional")
		p.Schemes = v.ReadSchemes(m, "scheme")
	}
	before := bytes.Count(f.Data[:len(f.Data)-len(fm.body)], []byte("\n"))
	p.Body = conv.Convert(f.Path, validUTF8(f.Path, fm.body, before, d), before)
	return p
}

// validUTF8 returns body, the markdown after offset lines of file, with every byte that is
// not UTF-8 replaced by U+FFFD, and reports the first such byte of each line at its line and
// column (in characters), so that no raw byte reaches the HTML.
func validUTF8(file string, body []byte, offset int, d *diag.List) []byte {
	if utf8.Valid(body) {
		return body
	}
	for n, line := range bytes.SplitAfter(body, []byte("\n")) {
		if utf8.Valid(line) {
			continue
		}
		col := 1
		for len(line) > 0 {
			r, size := utf8.DecodeRune(line)
			if r == utf8.RuneError && size <= 1 {
				d.Add(diag.Pos{File: file, Line: offset + n + 1, Col: col},
					"invalid UTF-8 (byte 0x%02x): save the file as UTF-8", line[0])
				break
			}
			line, col = line[size:], col+1
		}
	}
	return bytes.ToValidUTF8(body, []byte("\uFFFD"))
}

// checkSlug reports a slug, taken from a file name, that is not a safe URL segment: only
// lower-case ASCII letters, digits and single dashes pass, the form of sector slugs. That
// refuses ".", "..", "?", "#", "%", spaces and accents, and names that differ only in case
// (A.md and a.md, one folder on Windows and macOS), and keeps every URL ASCII.
func checkSlug(slug string, p diag.Pos, d *diag.List) {
	if french.Slug(slug) == slug {
		return
	}
	msg := fmt.Sprintf("file name %q does not make a safe URL: use lower-case letters, digits and dashes", slug)
	if s := french.Slug(slug); s != "" {
		msg += fmt.Sprintf(" (e.g. %q)", s)
	}
	d.Add(p, "%s", msg)
}

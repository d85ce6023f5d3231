// Package markdown turns the markdown of chapters, cases, pages and AMI descriptions into
// HTML, with what the rest of the pipeline needs to know about it.
//
// goldmark is configured once (GFM tables, strikethrough, autolinks, footnotes, a French
// typographer) and extended with three things of ours: heading ids that are ASCII slugs with
// accents folded ("Les étapes" → "les-etapes"), links to source files rewritten to the URLs
// of their pages ("02-portage.md#risques" → "/base/guide/portage/#risques") and recorded for
// the site to check, and French spacing (espaces insécables) applied to prose text, never to
// code, URLs or raw HTML. Parse also returns the headings (for tables of contents) and the
// text of each section (for the search index).
package markdown

import (
	"bufio"
	"bytes"
	"path"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"coexport/internal/diag"
	"coexport/internal/french"
	"coexport/internal/source"
)

// Heading is a section heading of a document (levels 2 and 3).
type Heading struct {
	Level int
	Text  string // with French spacing applied
	ID    string
}

// Section is the plain text of a document between two headings, for the search index.
// The first section has an empty Heading when the document starts with text.
type Section struct {
	Heading, Anchor, Text string
}

// Link is a link to another source file of the project.
type Link struct {
	Target   string // the file's project path: "content/guide/02-portage.md"
	Fragment string // without '#'
	Pos      diag.Pos
}

// Doc is a parsed and rendered markdown document.
type Doc struct {
	HTML     string
	Headings []Heading
	Sections []Section
	Links    []Link
	Words    int
}

// Options configure a Converter.
type Options struct {
	Base      string // the site's base path, "/" or "/coexport/"
	AllowHTML bool   // keep raw HTML (site.yaml unsafe_html); dropped otherwise
	// Links are site.yaml's external links by slug: [x](../site.yaml#slug) links to one.
	Links map[string]string
}

// Converter converts markdown. It is safe for concurrent use.
type Converter struct {
	md    goldmark.Markdown
	base  string
	links map[string]string
}

// New returns a Converter configured for the French guide.
func New(o Options) *Converter {
	rOpts := []renderer.Option{renderer.WithNodeRenderers(util.Prioritized(frenchText{}, 100))}
	if o.AllowHTML {
		rOpts = append(rOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, guardedLinkify{},
			extension.Footnote, extension.NewTypographer(extension.WithTypographicSubstitutions(frenchQuotes))),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkRewriter{}, 100))),
		goldmark.WithRendererOptions(rOpts...),
	)
	base := o.Base
	if base == "" {
		base = "/"
	}
	return &Converter{md: md, base: base, links: o.Links}
}

var frenchQuotes = extension.TypographicSubstitutions{
	extension.LeftDoubleQuote:  []byte("«\u202f"),
	extension.RightDoubleQuote: []byte("\u202f»"),
	extension.LeftAngleQuote:   []byte("«\u202f"),
	extension.RightAngleQuote:  []byte("\u202f»"),
	extension.LeftSingleQuote:  []byte("‘"),
	extension.RightSingleQuote: []byte("’"),
	extension.Apostrophe:       []byte("’"),
	extension.EnDash:           []byte("–"),
	extension.EmDash:           []byte("—"),
	extension.Ellipsis:         []byte("…"),
}

// docInfo travels in the parser context to the link rewriter.
type docInfo struct {
	file   string // project path of the document
	base   string
	ext    map[string]string // site.yaml's external links
	offset int               // lines before the markdown in its file
	lines  []int
	src    []byte
	links  []Link
	// mayLink is false when the document holds nothing linkify could turn into a link.
	mayLink bool
}

var infoKey = parser.NewContextKey()

// outBuf is where Convert renders: goldmark wraps any writer but a buffered one in a new
// bufio.Writer, and the HTML is copied out at its size, so both are reused across files.
type outBuf struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

var outBufs = sync.Pool{New: func() any {
	o := &outBuf{}
	o.w = bufio.NewWriter(&o.buf)
	return o
}}

// Convert parses src, the markdown found in file after offset lines (front matter), and
// renders it.
func (c *Converter) Convert(file string, src []byte, offset int) Doc {
	info := &docInfo{file: file, base: c.base, ext: c.links, offset: offset, src: src, lines: lineStarts(src),
		mayLink: mayLinkify(src)}
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	ctx.Set(infoKey, info)
	root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	out := outBufs.Get().(*outBuf)
	defer outBufs.Put(out)
	out.buf.Reset()
	out.w.Reset(&out.buf)
	// Rendering an AST made by this converter cannot fail: the writer is a bytes.Buffer.
	_ = c.md.Renderer().Render(out.w, src, root)
	_ = out.w.Flush()
	d := Doc{HTML: out.buf.String(), Links: info.links}
	d.Headings, d.Sections, d.Words = outline(root, src)
	return d
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// pos converts a byte offset of the markdown into a position in its file.
func (i *docInfo) pos(off int) diag.Pos {
	line := 0
	for line+1 < len(i.lines) && i.lines[line+1] <= off {
		line++
	}
	col := utf8.RuneCount(i.src[i.lines[line]:min(off, len(i.src))]) + 1
	return diag.Pos{File: i.file, Line: i.offset + line + 1, Col: col}
}

// guardedLinkify is goldmark's Linkify extension, whose parser goldmark calls at every
// space of every line, with a guard: in a document that holds no "@" (an email address)
// nor the start of a URL it can find, the parser returns at once. Its trigger still
// fires, so the text nodes goldmark makes are the same.
type guardedLinkify struct{}

// Extend adds the guarded parser as extension.Linkify adds its own.
func (guardedLinkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(linkifyGuard{extension.NewLinkifyParser()}, 999),
	))
}

type linkifyGuard struct{ parser.InlineParser }

func (g linkifyGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if info, _ := pc.Get(infoKey).(*docInfo); info != nil && !info.mayLink {
		return nil
	}
	return g.InlineParser.Parse(parent, block, pc)
}

// mayLinkify reports whether src holds what goldmark's linkify looks for: "http:",
// "https:", "ftp:", "www." or the "@" of an email address.
func mayLinkify(src []byte) bool {
	for _, s := range []string{"@", "http", "ftp:", "www."} {
		if bytes.Contains(src, []byte(s)) {
			return true
		}
	}
	return false
}

// linkRewriter turns links to source files into links to their pages.
type linkRewriter struct{}

// Transform rewrites the links of doc that point at source files and records them.
func (linkRewriter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	info, _ := pc.Get(infoKey).(*docInfo)
	if info == nil {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		l, ok := n.(*ast.Link)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		dest := string(l.Destination)
		target, frag, isSource := sourceTarget(info.file, dest)
		if !isSource {
			return ast.WalkContinue, nil
		}
		info.links = append(info.links, Link{Target: target, Fragment: frag, Pos: info.pos(linkOffset(l, info.src))})
		if u, ok := info.ext[frag]; ok && source.Classify(target) == source.SiteConfig {
			l.Destination = []byte(u)
		} else if u, ok := source.URL(target); ok {
			dest = info.base + u
			if frag != "" {
				dest += "#" + frag
			}
			l.Destination = []byte(dest)
		}
		return ast.WalkSkipChildren, nil
	})
}

// sourceTarget resolves dest, a link written in file, when it points at a source file:
// relative, no scheme, a path ending in ".md", the catalogue or survey data file, or
// site.yaml (whose #slug names an external link).
func sourceTarget(file, dest string) (target, frag string, ok bool) {
	p, frag, _ := strings.Cut(dest, "#")
	if p == "" || strings.Contains(p, ":") || strings.HasPrefix(p, "/") {
		return "", "", false
	}
	target = path.Join(path.Dir(file), p)
	if k := source.Classify(target); !strings.HasSuffix(p, ".md") && k != source.AMIs && k != source.Survey && k != source.SiteConfig {
		return "", "", false
	}
	return target, frag, true
}

// linkOffset finds where a link starts in the source: goldmark keeps segments for text,
// not for inline containers, so the link text's first segment, minus the '[', is used.
func linkOffset(l *ast.Link, src []byte) int {
	for c := l.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return max(t.Segment.Start-1, 0)
		}
	}
	for p := l.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// ids makes heading ids from folded ASCII slugs, numbered when repeated.
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Generate returns a unique id for a heading of text value.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := french.Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put records an id given explicitly, so that generated ones avoid it.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }

func itoa(i int) string {
	var b [20]byte
	n := len(b)
	for {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			return string(b[n:])
		}
	}
}

// frenchText renders text nodes with French spacing; code spans, code blocks, autolinks and
// raw HTML have renderers of their own and are never touched.
type frenchText struct{}

// RegisterFuncs registers the text renderer in place of goldmark's.
func (frenchText) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindText, renderText)
}

func renderText(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	v := n.Segment.Value(src)
	if n.IsRaw() {
		_, _ = w.Write(v)
		return ast.WalkContinue, nil
	}
	if _, isLink := n.Parent().(*ast.AutoLink); !isLink {
		v = french.Prose(v)
		v = spaceBeforeNext(v, n, src)
	}
	writeText(w, v)
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case n.SoftLineBreak():
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// writeText writes the text v as goldmark's HTML writer does, which resolves backslash
// escapes and entities and escapes what HTML needs, byte by byte; most runs of prose need
// none of it and are written as they are.
func writeText(w util.BufWriter, v []byte) {
	if !bytes.ContainsAny(v, "\\&<>\"\x00") {
		_, _ = w.Write(v)
		return
	}
	html.DefaultWriter.Write(w, v)
}

// spaceBeforeNext handles a sign that goldmark put in the next text node ("nous !" is
// split before "!", which may open an image): the spaces typed at the end of this node
// become the no-break space the sign wants.
func spaceBeforeNext(v []byte, n *ast.Text, src []byte) []byte {
	next, ok := n.NextSibling().(*ast.Text)
	if !ok || n.SoftLineBreak() || n.HardLineBreak() {
		return v
	}
	trimmed := bytes.TrimRight(v, " \t\u00a0")
	if len(trimmed) == len(v) || len(trimmed) == 0 {
		return v
	}
	nv := next.Segment.Value(src)
	if len(nv) == 0 {
		return v
	}
	switch nv[0] {
	case '!', '?', ';':
		return append(trimmed[:len(trimmed):len(trimmed)], "\u202f"...)
	case ':', '%':
		return append(trimmed[:len(trimmed):len(trimmed)], "\u00a0"...)
	}
	return v
}

// outline collects the h2/h3 headings and the plain text of each section. The text of
// all sections goes into one buffer, and each section's is a slice of it.
func outline(root ast.Node, src []byte) (heads []Heading, secs []Section, words int) {
	var b strings.Builder
	b.Grow(len(src))
	type span struct {
		sec        Section
		start, end int
	}
	var spans []span
	cur := span{}
	flush := func() {
		cur.end = b.Len()
		spans = append(spans, cur)
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && (h.Level == 2 || h.Level == 3) {
			flush()
			id, _ := h.AttributeString("id")
			idStr, _ := id.([]byte)
			t := french.Space(strings.TrimSpace(plain(h, src)))
			heads = append(heads, Heading{Level: h.Level, Text: t, ID: string(idStr)})
			cur = span{sec: Section{Heading: t, Anchor: string(idStr)}, start: b.Len()}
			continue
		}
		before := b.Len()
		writePlain(&b, n, src)
		words += countWords(b.String()[before:])
		b.WriteByte('\n')
	}
	flush()
	text := b.String()
	for _, sp := range spans {
		sp.sec.Text = strings.TrimSpace(text[sp.start:sp.end])
		if sp.sec.Text != "" || sp.sec.Heading != "" {
			secs = append(secs, sp.sec)
		}
	}
	return heads, secs, words
}

// plain returns the text of n and its descendants, blocks separated by spaces.
func plain(n ast.Node, src []byte) string {
	var b strings.Builder
	writePlain(&b, n, src)
	return b.String()
}

// writePlain writes the text of n and its descendants to b, blocks separated by spaces.
func writePlain(b *strings.Builder, n ast.Node, src []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock {
				b.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.AutoLink:
			b.Write(t.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// countWords counts the runs of non-space characters of s: the bytes where a space is
// followed by a non-space, s starting after a space. It runs over every byte of every
// document, hence a table and no branch.
func countWords(s string) int {
	n := 0
	prev := uint8(1)
	for i := 0; i < len(s); i++ {
		sp := wordSpace[s[i]]
		n += int(prev &^ sp)
		prev = sp
	}
	return n
}

// wordSpace marks the bytes that separate words.
var wordSpace = [256]uint8{' ': 1, '\n': 1, '\t': 1, '\r': 1}

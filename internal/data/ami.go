package data

import (
	"bytes"
	"strings"
	"sync/atomic"
	"time"

	"gopkg.in/yaml.v3"

	"coexport/internal/cpv"
	"coexport/internal/diag"
	"coexport/internal/fields"
	"coexport/internal/markdown"
	"coexport/internal/parallel"
	"coexport/internal/source"
	"coexport/internal/vocab"
)

// AMI is one appel à manifestation d'intérêt of the catalogue.
type AMI struct {
	ID          string // "AMI-2026-014"
	Slug        string // the id in lower case, its page's folder
	Title       string
	Issuer      string
	Countries   []string // upper-case ISO codes
	Sectors     []string
	Published   time.Time
	Deadline    time.Time
	Updated     time.Time // zero when never revised
	Summary     string
	Description markdown.Doc
	// DescriptionSource is the markdown that Description was converted from, for exports
	// that must give it back (amis.csv).
	DescriptionSource string
	Contact           Contact
	Budget            *Budget
	Fictional         bool

	City              string
	Category          string // goods | services | works
	Schemes           []string
	Sought            []string
	Eligibility       string
	SelectionCriteria []string
	QuestionsUntil    time.Time
	ExpectedTender    string // YYYY-MM
	Project           *Project
	Documents         []Document
	CPV               []string // explicit codes; else derived from the sectors

	Pos diag.Pos
}

// Contact is who to write to about an AMI.
type Contact struct{ Name, Email, URL string }

// Budget is an AMI's indicative budget.
type Budget struct {
	Amount   int64
	Currency string // ISO 4217, "EUR" by default
}

// Project describes the project an AMI prepares.
type Project struct {
	Name, ClientType, Financing string
	DurationMonths              int
}

// Document is a document attached to an AMI.
type Document struct{ Title, URL string }

// Open reports whether the AMI still takes expressions of interest on day (the build date):
// it is open through its deadline day.
func (a *AMI) Open(day time.Time) bool { return OpenOn(a.Deadline, day) }

// DaysLeft returns the number of days from day to the deadline (0 on the deadline day).
func (a *AMI) DaysLeft(day time.Time) int { return DaysLeft(a.Deadline, day) }

// OpenOn reports whether a call with this deadline is open on day: through its deadline day.
func OpenOn(deadline, day time.Time) bool { return !deadline.Before(day) }

// DaysLeft returns the number of days from day to deadline (0 on the deadline day).
func DaysLeft(deadline, day time.Time) int { return int(deadline.Sub(day).Hours() / 24) }

// LastChange returns Updated, or Published when the AMI was never revised.
func (a *AMI) LastChange() time.Time {
	if a.Updated.IsZero() {
		return a.Published
	}
	return a.Updated
}

// ParseAMIs reads content/amis.yaml, a list of AMIs, checking each field and that ids are
// unique.
func ParseAMIs(f source.File, v vocab.Set, conv *markdown.Converter, d *diag.List) []*AMI {
	if entries, ok := splitEntries(f); ok {
		if amis, ok := parseItems(f.Path, len(entries.starts), entries.decode, v, conv, d); ok {
			return amis
		}
	}
	root := fields.Decode(f.Path, f.Data, 0, d)
	if root == nil || root.Tag == "!!null" || (root.Kind <= yaml.DocumentNode && len(root.Content) == 0) {
		return nil // an empty catalogue (or one of comments only), or a syntax error reported
	}
	if root.Kind != yaml.SequenceNode {
		top := fields.NewMap(f.Path, 0, nil, nil, d)
		top.Report(top.At(root), "amis.yaml must be a list of AMIs (each item starting with \"- id: …\")")
		return nil
	}
	return ParseAMINodes(f.Path, root.Content, v, conv, d)
}

// ParseAMINodes reads AMIs from YAML mappings of file with every rule of amis.yaml — fields,
// vocabularies, dates, unique ids — reporting each problem at the node's own position. The
// AMI intake gives it spreadsheet rows made into nodes, positioned at their cells.
func ParseAMINodes(file string, nodes []*yaml.Node, v vocab.Set, conv *markdown.Converter, d *diag.List) []*AMI {
	amis, _ := parseItems(file, len(nodes), func(i int) (item, bool) { return item{node: nodes[i]}, true }, v, conv, d)
	return amis
}

// parseItems reads the n entries of a catalogue on all cores, entry(i) giving the YAML of
// entry i: each entry is decoded, read and let go of in one go, so that only the entries
// being read have their YAML nodes in memory (a node tree weighs several times its text).
// ok is false, and nothing is reported, when an entry cannot be decoded on its own.
func parseItems(file string, n int, entry func(i int) (item, bool), v vocab.Set, conv *markdown.Converter, d *diag.List) (amis []*AMI, ok bool) {
	out := make([]*AMI, n)
	diags := make([]diag.List, n)
	var failed atomic.Bool
	parallel.For(n, func(i int) {
		if failed.Load() {
			return
		}
		it, ok := entry(i)
		if !ok {
			failed.Store(true)
			return
		}
		m := fields.NewObject(file, it.offset, it.node, AMISpec, &diags[i])
		out[i] = parseAMI(m, v, conv)
	})
	if failed.Load() {
		return nil, false
	}
	for _, dl := range diags {
		d.Append(dl)
	}
	seen := map[string]diag.Pos{}
	for _, a := range out {
		if a.ID != "" {
			if first, dup := seen[a.ID]; dup {
				d.Add(a.Pos, "duplicate AMI id %q (first at line %d)", a.ID, first.Line)
			} else {
				seen[a.ID] = a.Pos
			}
		}
	}
	return out, true
}

func parseAMI(m *fields.Map, v vocab.Set, conv *markdown.Converter) *AMI {
	a := &AMI{Pos: m.Pos("id")}
	a.ID = m.Text("id")
	a.Slug = strings.ToLower(a.ID)
	a.Title = m.Text("title")
	a.Issuer = m.Text("issuer")
	a.Summary = m.Text("summary")
	m.Need("countries")
	a.Countries = v.ReadCountries(m, "countries")
	m.Need("sectors")
	a.Sectors = v.ReadSectors(m, "sectors")
	a.Published = m.Day("published")
	a.Deadline = m.Day("deadline")
	if !a.Published.IsZero() && !a.Deadline.IsZero() && a.Deadline.Before(a.Published) {
		m.Errorf("deadline", "deadline %s is before published %s", a.Deadline.Format(time.DateOnly), a.Published.Format(time.DateOnly))
	}
	a.Updated = m.Day("updated")
	if !a.Updated.IsZero() && a.Updated.Before(a.Published) {
		m.Errorf("updated", "updated %s is before published %s", a.Updated.Format(time.DateOnly), a.Published.Format(time.DateOnly))
	}
	if m.Text("description") != "" {
		desc := m.Node("description")
		// A block scalar's text starts on the line after its indicator; columns inside it
		// are off by its indentation.
		before := m.At(desc).Line - 1
		if desc.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			before++
		}
		a.Description = conv.Convert(m.File(), []byte(desc.Value), before)
		a.DescriptionSource = desc.Value
	}
	if c := m.Object("contact"); c != nil {
		a.Contact = Contact{Name: c.Text("name"), Email: c.Text("email"), URL: c.Text("url")}
	}
	if b := m.Object("budget"); b != nil {
		a.Budget = &Budget{Amount: b.Number("amount"), Currency: b.Text("currency")}
		if a.Budget.Currency == "" {
			a.Budget.Currency = "EUR"
		}
	}
	a.Fictional = m.Flag("fictional")
	a.City = m.Text("city")
	a.Category = m.Text("category")
	a.Schemes = v.ReadSchemes(m, "schemes")
	a.Sought = values(m.Values("sought"))
	a.Eligibility = m.Text("eligibility")
	a.SelectionCriteria = values(m.Values("selection_criteria"))
	a.QuestionsUntil = m.Day("questions_until")
	if !a.QuestionsUntil.IsZero() && !a.Deadline.IsZero() && a.QuestionsUntil.After(a.Deadline) {
		m.Errorf("questions_until", "questions_until is after the deadline")
	}
	a.ExpectedTender = m.Text("expected_tender")
	if p := m.Object("project"); p != nil {
		a.Project = &Project{Name: p.Text("name"), ClientType: p.Text("client_type"),
			Financing: p.Text("financing"), DurationMonths: int(p.Number("duration_months"))}
	}
	for _, dm := range m.Objects("documents") {
		a.Documents = append(a.Documents, Document{Title: dm.Text("title"), URL: dm.Text("url")})
	}
	a.CPV = readCPV(m)
	return a
}

// readCPV reads the cpv field of m as full codes: a division ("09") is completed with its
// check digit ("09000000-3"), as pages and exports show it.
func readCPV(m *fields.Map) []string {
	var out []string
	for _, v := range m.Values("cpv") {
		code, err := cpv.Parse(v.S)
		if err != nil {
			m.Report(v.Pos, "%v", err)
			continue
		}
		out = append(out, code)
	}
	return out
}

func values(vs []fields.Value) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if v.S != "" {
			out = append(out, v.S)
		}
	}
	return out
}

// item is one entry of the catalogue: its YAML node, and the number of file lines before
// the text it was decoded from.
type item struct {
	node   *yaml.Node
	offset int
}

// entries are the entries of a catalogue written as a plain block list — every entry
// starting with "- " at the first column, as editors and `coexport new ami` write it — so
// that each can be decoded on its own, on all cores: the YAML decoder is the slowest part of
// reading a large catalogue.
type entries struct {
	data   []byte
	starts []int // byte offsets of the entries
	lines  []int // their line numbers, from 0
}

// splitEntries finds the entries of f. ok is false when f is not such a list or is empty:
// the caller then decodes the whole file, which gives the exact errors.
func splitEntries(f source.File) (e entries, ok bool) {
	e.data = f.Data
	line := 0
	for i := 0; i < len(f.Data); {
		end := bytes.IndexByte(f.Data[i:], '\n')
		if end < 0 {
			end = len(f.Data) - i
		}
		l := f.Data[i : i+end]
		switch {
		case bytes.HasPrefix(l, []byte("- ")) || string(bytes.TrimRight(l, " \r")) == "-":
			e.starts, e.lines = append(e.starts, i), append(e.lines, line)
		case bytes.HasPrefix(l, []byte("---")) || bytes.HasPrefix(l, []byte("...")) || bytes.HasPrefix(l, []byte("%")):
			return entries{}, false
		case len(e.starts) == 0 && len(bytes.TrimSpace(l)) > 0 && !bytes.HasPrefix(bytes.TrimSpace(l), []byte("#")):
			return entries{}, false // text before the first entry: not a plain list
		}
		i += end + 1
		line++
	}
	return e, len(e.starts) > 0
}

// decode decodes entry k on its own. ok is false when it does not decode alone (a syntax
// error, an alias to another entry's anchor) or is empty.
func (e entries) decode(k int) (it item, ok bool) {
	end := len(e.data)
	if k+1 < len(e.starts) {
		end = e.starts[k+1]
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(e.data[e.starts[k]:end], &doc); err != nil || len(doc.Content) != 1 ||
		doc.Content[0].Kind != yaml.SequenceNode || len(doc.Content[0].Content) != 1 {
		return item{}, false
	}
	return item{node: doc.Content[0].Content[0], offset: e.lines[k]}, true
}

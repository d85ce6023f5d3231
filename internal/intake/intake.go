// Package intake reads AMIs sent as spreadsheets — the CSV of /ami/modele.csv, or the
// /ami/amis.csv export itself — as entries of content/amis.yaml, and writes them into that
// file as text.
//
// It stands beside the parse stage: each row becomes a YAML mapping whose values sit at
// their cells (the line as a text editor numbers the file, the header being line 1; the
// column's number), so that package data's validator applies every rule of amis.yaml to
// the row once and reports FILE.csv:LINE:COL. The columns are feed.CSVColumns, the table
// the export is written from.
package intake

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"coexport/internal/data"
	"coexport/internal/diag"
	"coexport/internal/feed"
	"coexport/internal/fields"
)

// Row is one spreadsheet row read as an amis.yaml entry.
type Row struct {
	Node *yaml.Node // a mapping, positioned at the row's cells
	Line int        // the row's first line in the file
}

// cell is a non-empty cell of a row, with its column.
type cell struct {
	col   *feed.Column
	value string
	pos   diag.Pos
}

// Read reads src, a CSV file named file, as amis.yaml entries. Cells are separated by ";"
// (as the export and French Excel write them) or, when the header has none, by ",". The
// header must name columns of feed.CSVColumns, in any order; computed columns (noms_pays,
// statut, url…) are ignored, as are empty rows. CPV codes that are exactly those the
// sectors give (as the export writes them for an AMI with no codes of its own) are left
// out, so that an export reads back as the catalogue it came from.
func Read(file string, src []byte, sectors []data.Sector, d *diag.List) []Row {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(src))
	r.Comma = ';'
	if first, _, _ := bytes.Cut(src, []byte("\n")); !bytes.Contains(first, []byte(";")) && bytes.Contains(first, []byte(",")) {
		r.Comma = ','
	}
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		reportCSV(file, err, d)
		return nil
	}
	cols := readHeader(file, header, d)
	var rows []Row
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows
		}
		if err != nil {
			reportCSV(file, err, d)
			return rows
		}
		if row, ok := readRow(file, r, rec, cols, sectors, d); ok {
			rows = append(rows, row)
		}
	}
}

// readHeader returns the column of each header cell, nil for a computed or unknown one
// (an unknown or repeated name is reported).
func readHeader(file string, header []string, d *diag.List) []*feed.Column {
	names := make([]string, len(feed.CSVColumns))
	for i, c := range feed.CSVColumns {
		names[i] = c.Name
	}
	cols := make([]*feed.Column, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		pos := diag.Pos{File: file, Line: 1, Col: i + 1}
		k := slices.Index(names, h)
		switch {
		case k < 0 && h == "":
			// an empty header cell: trailing separators, as spreadsheets write them
		case k < 0:
			if s := suggestColumn(h, names); s != "" {
				d.AddSuggestion(pos, s, "unknown column %q", h)
			} else {
				d.Add(pos, "unknown column %q (the columns are those of /ami/modele.csv)", h)
			}
		case seen[h]:
			d.Add(pos, "duplicate column %q", h)
		default:
			seen[h] = true
			if feed.CSVColumns[k].Key != "" {
				cols[i] = &feed.CSVColumns[k]
			}
		}
	}
	return cols
}

// suggestColumn returns the column an unknown header most likely means: the nearest
// column name, or the column of the nearest amis.yaml field ("contries" → "pays").
func suggestColumn(h string, names []string) string {
	if s := fields.Suggest(h, names); s != "" {
		return s
	}
	var keys []string
	for _, c := range feed.CSVColumns {
		if c.Key != "" {
			keys = append(keys, c.Key, c.Key[strings.LastIndexByte(c.Key, '.')+1:])
		}
	}
	s := fields.Suggest(h, keys)
	for _, c := range feed.CSVColumns {
		if s != "" && (c.Key == s || strings.HasSuffix(c.Key, "."+s)) {
			return c.Name
		}
	}
	return ""
}

// readRow makes the record just read into a Row; ok is false for an empty row.
func readRow(file string, r *csv.Reader, rec []string, cols []*feed.Column, sectors []data.Sector, d *diag.List) (Row, bool) {
	line, _ := r.FieldPos(0)
	var cells []cell
	for i, v := range rec {
		v = strings.TrimSpace(feed.Unneutralise(strings.TrimSpace(v)))
		if v == "" {
			continue
		}
		l, _ := r.FieldPos(i)
		pos := diag.Pos{File: file, Line: l, Col: i + 1}
		if i >= len(cols) {
			d.Add(pos, "cell beyond the last column of the header")
			continue
		}
		if cols[i] != nil && !(cols[i].Kind == feed.Flag && strings.EqualFold(v, "non")) { // "non" is the default
			cells = append(cells, cell{col: cols[i], value: v, pos: pos})
		}
	}
	if len(cells) == 0 {
		return Row{}, false
	}
	rowPos := diag.Pos{File: file, Line: line, Col: 1}
	return Row{Node: entry(cells, rowPos, sectors), Line: line}, true
}

// entry builds the amis.yaml mapping of a row's cells, in the order of the columns, nested
// fields ("contact.email") grouped under their parent.
func entry(cells []cell, rowPos diag.Pos, sectors []data.Sector) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Line: rowPos.Line, Column: rowPos.Col}
	slices.SortStableFunc(cells, func(a, b cell) int { return columnIndex(a.col) - columnIndex(b.col) })
	for _, c := range cells {
		if c.col.Key == "cpv" && slices.Equal(splitCodes(c.value), sectorCPV(cells, sectors)) {
			continue
		}
		parent, key, nested := strings.Cut(c.col.Key, ".")
		target := m
		if nested {
			target = child(m, parent, c.pos)
		} else {
			key = parent
		}
		target.Content = append(target.Content, scalar(key, "", c.pos), value(c))
	}
	return m
}

func columnIndex(c *feed.Column) int {
	return slices.IndexFunc(feed.CSVColumns, func(x feed.Column) bool { return x.Name == c.Name })
}

// child returns m's mapping under key, adding it (in flow style, at pos) when absent.
func child(m *yaml.Node, key string, pos diag.Pos) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	c := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Line: pos.Line, Column: pos.Col}
	m.Content = append(m.Content, scalar(key, "", pos), c)
	return c
}

// value returns the YAML value of a cell, by its column's kind. Texts are tagged !!str so
// that "null" or "123" stay texts when written; dates, numbers and flags are left for YAML
// (and the validator) to resolve.
func value(c cell) *yaml.Node {
	switch c.col.Kind {
	case feed.Codes:
		return list(splitCodes(c.value), c.pos, yaml.FlowStyle)
	case feed.Lines:
		return list(splitLines(c.value), c.pos, 0)
	case feed.Flag:
		switch strings.ToLower(c.value) {
		case "oui":
			return scalar("true", "", c.pos)
		}
		return scalar(c.value, "", c.pos)
	case feed.Documents:
		docs := &yaml.Node{Kind: yaml.SequenceNode, Line: c.pos.Line, Column: c.pos.Col}
		for _, l := range splitLines(c.value) {
			d := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Line: c.pos.Line, Column: c.pos.Col}
			title, url := l, ""
			if i := strings.LastIndex(l, " | "); i >= 0 {
				title, url = strings.TrimSpace(l[:i]), strings.TrimSpace(l[i+3:])
			}
			d.Content = append(d.Content, scalar("title", "", c.pos), scalar(title, "!!str", c.pos))
			if url != "" {
				d.Content = append(d.Content, scalar("url", "", c.pos), scalar(url, "!!str", c.pos))
			}
			docs.Content = append(docs.Content, d)
		}
		return docs
	}
	n := scalar(c.value, "!!str", c.pos)
	if key := c.col.Key; key == "published" || key == "deadline" || key == "updated" || key == "questions_until" ||
		key == "budget.amount" || key == "project.duration_months" {
		n.Tag = ""
	}
	if strings.Contains(c.value, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

func scalar(v, tag string, pos diag.Pos) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v, Line: pos.Line, Column: pos.Col}
}

func list(items []string, pos diag.Pos, style yaml.Style) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: style, Line: pos.Line, Column: pos.Col}
	for _, it := range items {
		n.Content = append(n.Content, scalar(it, "!!str", pos))
	}
	return n
}

// splitCodes splits a cell of comma-separated codes.
func splitCodes(s string) []string { return splitTrim(s, ",") }

// splitLines splits a cell of one value per line.
func splitLines(s string) []string { return splitTrim(s, "\n") }

// splitTrim splits s at sep and returns the parts trimmed of spaces, leaving out empty ones.
func splitTrim(s, sep string) []string {
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// sectorCPV returns the CPV divisions of the row's sectors, each once, in order: what the
// export writes for an AMI without codes of its own.
func sectorCPV(cells []cell, sectors []data.Sector) []string {
	var out []string
	for _, c := range cells {
		if c.col.Key != "sectors" {
			continue
		}
		for _, slug := range splitCodes(c.value) {
			for _, sec := range sectors {
				if sec.Slug != slug {
					continue
				}
				for _, code := range sec.CPV {
					if !slices.Contains(out, code) {
						out = append(out, code)
					}
				}
			}
		}
	}
	return out
}

func reportCSV(file string, err error, d *diag.List) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		d.Add(diag.Pos{File: file, Line: pe.Line}, "CSV: %v", pe.Err)
		return
	}
	d.Add(diag.Pos{File: file, Line: 1}, "CSV: %v", err)
}

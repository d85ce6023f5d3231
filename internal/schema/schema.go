// Package schema writes JSON Schemas (draft 2020-12) of the content files — site.yaml,
// amis.yaml, enquete.yaml and the front matter of chapters, cases and pages — so that an
// editor with a YAML language server completes fields and underlines mistakes as one types.
//
// The schemas are generated from the field definitions the validator reads (data.SiteSpec,
// data.AMISpec, data.SurveySpec, content.Specs), never written by hand: a field added to a
// definition reaches both. The coded lists come from the project: its sectors (site.yaml),
// the ISO country table and the schemes. Rules between fields (a deadline not before
// publication, unique ids, survey totals) are the validator's alone.
package schema

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"coexport/internal/content"
	"coexport/internal/country"
	"coexport/internal/data"
	"coexport/internal/fields"
	"coexport/internal/output"
	"coexport/internal/source"
	"coexport/internal/vocab"
)

// Draft is the JSON Schema dialect of every file.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Vocab holds the values of the coded fields.
type Vocab struct {
	Sectors []string // the slugs of site.yaml, in its order
}

// Files returns the schemas, sorted by name: amis, case, chapter, enquete, page, site
// (each NAME.schema.json).
func Files(v Vocab) []output.File {
	g := &generator{v: v}
	files := []output.File{
		g.file("amis", &node{Title: "content/amis.yaml", Description: "Le catalogue des appels à manifestation d'intérêt : une liste d'AMI.",
			Type: "array", Items: g.field(data.AMISpec)}),
		g.file("case", g.field(content.Specs[source.Case])),
		g.file("chapter", g.field(content.Specs[source.Chapter])),
		g.file("enquete", g.field(data.SurveySpec)),
		g.file("page", g.field(content.Specs[source.Page])),
		g.file("site", g.field(data.SiteSpec)),
	}
	return files
}

// Generated is the $comment of every schema Files makes: it tells a reader not to edit the
// file, and `coexport schema` replaces only files that carry it.
const Generated = "Written by coexport schema from the validator's field definitions: do not edit, run coexport schema -out DIR again."

// generator makes schemas; the vocabularies a schema uses are defined once in its $defs.
type generator struct {
	v    Vocab
	defs map[string]*node
}

func (g *generator) file(name string, root *node) output.File {
	root.Schema = Draft
	root.ID = name + ".schema.json"
	root.Comment = Generated
	root.Defs, g.defs = g.defs, nil
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(root) // a tree of strings, numbers and slices always encodes
	return output.File{Path: name + ".schema.json", Data: b.Bytes()}
}

// node is a JSON Schema, its keywords in the order they are written.
type node struct {
	Schema      string   `json:"$schema,omitempty"`
	ID          string   `json:"$id,omitempty"`
	Comment     string   `json:"$comment,omitempty"`
	Ref         string   `json:"$ref,omitempty"`
	Title       string   `json:"title,omitempty"`
	Description string   `json:"description,omitempty"`
	Type        string   `json:"type,omitempty"`
	Format      string   `json:"format,omitempty"`
	Pattern     string   `json:"pattern,omitempty"`
	MinLength   int      `json:"minLength,omitempty"`
	Enum        []string `json:"enum,omitempty"`
	Examples    []string `json:"examples,omitempty"`
	Items       *node    `json:"items,omitempty"`
	MinItems    int      `json:"minItems,omitempty"`
	Minimum     *int64   `json:"minimum,omitempty"`
	Maximum     *int64   `json:"maximum,omitempty"`
	Properties  props    `json:"properties,omitempty"`
	Required    []string `json:"required,omitempty"`
	// AdditionalProperties is false for every object, as the validator rejects unknown keys.
	AdditionalProperties *bool            `json:"additionalProperties,omitempty"`
	AnyOf                []node           `json:"anyOf,omitempty"`
	Defs                 map[string]*node `json:"$defs,omitempty"` // encoding/json sorts the keys
}

// props are an object's properties, in the definition's order.
type props []prop

type prop struct {
	key string
	n   *node
}

// MarshalJSON writes the properties as an object, in order.
func (ps props) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(p.key)
		v, err := json.Marshal(p.n)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

var no = false

// field returns the schema of a field definition.
func (g *generator) field(f fields.Field) *node {
	n := &node{Title: f.Title, Description: f.Doc}
	if f.Example != "" {
		n.Examples = []string{f.Example}
	}
	switch f.Kind {
	case fields.Text, fields.Month:
		n.Type = "string"
		if f.Required {
			n.Pattern = `\S` // not blank
		}
		if f.Pattern != "" {
			n.Pattern = "^(?:" + f.Pattern + ")$"
		}
		n.Enum = f.Enum
		if f.Vocab != "" {
			n.Type, n.Pattern = "", ""
			n.Ref = g.vocabulary(f.Vocab)
		}
	case fields.Email:
		n.Type, n.Format = "string", "email"
	case fields.URL:
		n.Type, n.Format, n.Pattern = "string", "uri", `^https?://[^/\s]+`
	case fields.Date:
		n.Type, n.Format, n.Pattern = "string", "date", `^\d{4}-\d{2}-\d{2}$`
	case fields.Integer:
		n.Type, n.Minimum, n.Maximum = "integer", f.Min, f.Max
	case fields.Boolean:
		n.Type = "boolean"
	case fields.List:
		n.Type, n.Items, n.MinItems = "array", g.field(*f.Items), f.MinItems
	case fields.OneOrMore:
		item := g.field(*f.Items)
		n.AnyOf = []node{*item, {Type: "array", Items: item}}
	case fields.Object:
		n.Type = "object"
		n.AdditionalProperties = &no
		for _, sub := range f.Fields {
			n.Properties = append(n.Properties, prop{sub.Key, g.field(sub)})
			if sub.Required {
				n.Required = append(n.Required, sub.Key)
			}
		}
		for _, k := range f.OneOf {
			n.AnyOf = append(n.AnyOf, node{Required: []string{k}})
		}
	}
	return n
}

// vocabulary defines a coded field's allowed values in $defs and returns the reference to
// them: country codes in upper and lower case (the validator takes either), the project's
// sectors, the schemes.
func (g *generator) vocabulary(v fields.Vocabulary) string {
	if g.defs == nil {
		g.defs = map[string]*node{}
	}
	name := string(v)
	if g.defs[name] == nil {
		n := &node{Type: "string"}
		switch v {
		case fields.Countries:
			n.Description = "Code ISO 3166-1 alpha-2."
			var lower []string
			for _, c := range country.All() {
				n.Enum = append(n.Enum, c.Code)
				lower = append(lower, strings.ToLower(c.Code))
			}
			slices.Sort(n.Enum)
			slices.Sort(lower)
			n.Enum = append(n.Enum, lower...)
		case fields.Sectors:
			n.Description = "Un secteur défini dans content/site.yaml."
			n.Enum = g.v.Sectors
		case fields.Schemes:
			n.Description = "Une forme de co-export."
			n.Enum = vocab.SchemeSlugs
		case fields.Currencies:
			n.Description = "Code ISO 4217 d'une devise en usage."
			n.Enum = fields.CurrencyCodes()
		}
		g.defs[name] = n
	}
	return "#/$defs/" + name
}

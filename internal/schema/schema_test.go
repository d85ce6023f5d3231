package schema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"coexport/internal/content"
	"coexport/internal/data"
	"coexport/internal/diag"
	"coexport/internal/fields"
	"coexport/internal/markdown"
	"coexport/internal/schema"
	"coexport/internal/source"
	"coexport/internal/vocab"
)

// draft7 is the dialect of yaml-language-server (the engine of VS Code's YAML extension and
// most editors), which reads 2020-12 schemas as draft-07: the generated schemas use only
// keywords that mean the same in both, and the tests run them as both.
const draft7 = "http://json-schema.org/draft-07/schema#"

// compile compiles the generated schemas with a real JSON Schema validator, asserting
// formats (dates, e-mails, URIs) as the validator does, in the given dialect.
func compile(t *testing.T, dialect string) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	files := schema.Files(schema.Vocab{Sectors: []string{"energie", "eau-assainissement"}})
	for _, f := range files {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(bytes.Replace(f.Data, []byte(schema.Draft), []byte(dialect), 1)))
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		if err := c.AddResource("https://coexport.test/"+f.Path, doc); err != nil {
			t.Fatal(err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, f := range files {
		s, err := c.Compile("https://coexport.test/" + f.Path)
		if err != nil {
			t.Fatalf("%s does not compile: %v", f.Path, err)
		}
		out[strings.TrimSuffix(f.Path, ".schema.json")] = s
	}
	return out
}

// jsonValue converts YAML as an editor's language server reads it (YAML 1.2: an unquoted
// date is a string) into the values a JSON Schema validator takes.
func jsonValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return jsonValue(n.Content[0])
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			out = append(out, jsonValue(c))
		}
		return out
	case yaml.MappingNode:
		out := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			out[n.Content[i].Value] = jsonValue(n.Content[i+1])
		}
		return out
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int":
		i, _ := strconv.ParseInt(n.Value, 10, 64)
		return json.Number(strconv.FormatInt(i, 10))
	case "!!float":
		return json.Number(n.Value)
	}
	return n.Value
}

const site = "title: T\nsectors:\n  - {slug: energie, name: Énergie, cpv: [09000000-3]}\n  - {slug: eau-assainissement, name: Eau}\n"

// check runs coexport's validator on one file and returns its diagnostics.
func check(kind, src string) diag.List {
	var d diag.List
	cfg := data.ParseSite(source.NewFile("content/site.yaml", []byte(site)), "", &d)
	conv := markdown.New(markdown.Options{Base: "/"})
	v := cfg.Vocab()
	d = nil
	switch kind {
	case "site":
		data.ParseSite(source.NewFile("content/site.yaml", []byte(src)), "", &d)
	case "amis":
		data.ParseAMIs(source.NewFile("content/amis.yaml", []byte(src)), v, conv, &d)
	case "enquete":
		data.ParseSurvey(source.NewFile("content/enquete.yaml", []byte(src)), &d)
	default:
		path := map[string]string{"chapter": "content/guide/01-x.md", "case": "content/cas/x.md", "page": "content/x.md"}[kind]
		content.Parse(source.NewFile(path, []byte("---\n"+src+"---\nTexte.\n")), vocab.Set(v), conv, &d)
	}
	return d
}

const ami = `- id: AMI-2026-001
  title: T
  issuer: G
  countries: [SN]
  sectors: [energie]
  published: 2026-11-01
  deadline: 2026-12-01
  summary: S
  contact: {email: a@b.example}
`

const fullAMI = ami + `  description: |
    Le **besoin**.
  budget: {amount: 1000, currency: XOF}
  fictional: true
  city: Dakar
  category: works
  schemes: [portage, co-traitance]
  sought: [pose]
  eligibility: PME
  selection_criteria: [références, délais]
  questions_until: 2026-11-20
  expected_tender: 2027-03
  project: {name: P, client_type: mixed, financing: État, duration_months: 12}
  documents: [{title: Cahier, url: "https://b.example/c.pdf"}]
  cpv: 45000000-7
  updated: 2026-11-10
`

const survey = `title: E
source: S
year: 2024
respondents: 10
findings: [Un constat.]
questions:
  - id: q1
    label: Q ?
    note: Une note.
    answers: [{label: Oui, count: 6}, {label: Non, count: 4}]
`

// fixture is a file and whether the validator and the schema accept it. Rules between
// fields are the validator's alone: for those, the schema accepts what check refuses.
type fixture struct {
	kind, name, src string
	valid           bool
	crossField      bool // only the validator can see it
}

func amiWith(old, new string) string {
	if !strings.Contains(fullAMI, old) {
		panic("fixture: no " + old)
	}
	return strings.Replace(fullAMI, old, new, 1)
}

var fixtures = []fixture{
	{"amis", "minimal", ami, true, false},
	{"amis", "every field", fullAMI, true, false},
	{"amis", "lower-case country, one value", amiWith("countries: [SN]", "countries: sn"), true, false},
	{"amis", "contact by url", amiWith("contact: {email: a@b.example}", "contact: {url: \"https://b.example/\"}"), true, false},
	{"amis", "empty catalogue", "[]\n", true, false},
	{"amis", "unknown field", amiWith("city: Dakar", "cty: Dakar"), false, false},
	{"amis", "missing title", strings.Replace(ami, "  title: T\n", "", 1), false, false},
	{"amis", "blank title", amiWith("title: T", "title: \"  \""), false, false},
	{"amis", "id form", amiWith("id: AMI-2026-001", "id: AMI-26-1"), false, false},
	{"amis", "unknown country", amiWith("countries: [SN]", "countries: [SN, XX]"), false, false},
	{"amis", "unknown sector", amiWith("sectors: [energie]", "sectors: [energy]"), false, false},
	{"amis", "unknown scheme", amiWith("schemes: [portage, co-traitance]", "schemes: [portag]"), false, false},
	{"amis", "no such day", amiWith("published: 2026-11-01", "published: 2026-02-30"), false, false},
	{"amis", "date form", amiWith("published: 2026-11-01", "published: 1er novembre"), false, false},
	{"amis", "e-mail", amiWith("contact: {email: a@b.example}", "contact: {email: pas-un-email}"), false, false},
	{"amis", "url scheme", amiWith("url: \"https://b.example/c.pdf\"", "url: \"ftp://b.example/c.pdf\""), false, false},
	{"amis", "contact without email or url", amiWith("contact: {email: a@b.example}", "contact: {name: Awa}"), false, false},
	{"amis", "category", amiWith("category: works", "category: other"), false, false},
	{"amis", "client type", amiWith("client_type: mixed", "client_type: state"), false, false},
	{"amis", "month", amiWith("expected_tender: 2027-03", "expected_tender: 2027-13"), false, false},
	{"amis", "cpv", amiWith("cpv: 45000000-7", "cpv: [4500]"), false, false},
	{"amis", "currency", amiWith("currency: XOF", "currency: francs"), false, false},
	{"amis", "budget without amount", amiWith("budget: {amount: 1000, currency: XOF}", "budget: {currency: XOF}"), false, false},
	{"amis", "negative budget", amiWith("amount: 1000", "amount: -5"), false, false},
	{"amis", "amount not a number", amiWith("amount: 1000", "amount: mille"), false, false},
	{"amis", "duration of zero months", amiWith("duration_months: 12", "duration_months: 0"), false, false},
	{"amis", "fictional not a boolean", amiWith("fictional: true", "fictional: peut-être"), false, false},
	{"amis", "document without url", amiWith(`documents: [{title: Cahier, url: "https://b.example/c.pdf"}]`, "documents: [{title: Cahier}]"), false, false},
	{"amis", "not a list", "id: AMI-2026-001\n", false, false},
	{"amis", "deadline before published", amiWith("deadline: 2026-12-01", "deadline: 2026-10-01"), false, true},
	{"amis", "duplicate id", ami + ami, false, true},
	{"amis", "questions after the deadline", amiWith("questions_until: 2026-11-20", "questions_until: 2026-12-20"), false, true},

	{"site", "minimal", site, true, false},
	{"site", "every field", site + "description: D\nlanguage: fr\nbase_url: https://example.org/guide/\ncontact: a@b.example\nsynonyms: [[pme, sme]]\nunsafe_html: false\nlinks_checked: 2026-12-01\nlinks: [{slug: bpi, name: Bpifrance, url: \"https://www.bpifrance.fr/\"}]\n", true, false},
	{"site", "unknown field", site + "titel: X\n", false, false},
	{"site", "language", site + "language: en\n", false, false},
	{"site", "base_url", site + "base_url: example.org\n", false, false},
	{"site", "sector slug", "title: T\nsectors: [{slug: Énergie, name: É}]\n", false, false},
	{"site", "synonyms of one word", site + "synonyms: [[pme]]\n", false, false},
	{"site", "duplicate sector", site + "  - {slug: energie, name: Bis}\n", false, true},

	{"enquete", "good", survey, true, false},
	{"enquete", "no respondents", strings.Replace(survey, "respondents: 10", "respondents: 0", 1), false, false},
	{"enquete", "negative count", strings.Replace(survey, "count: 4", "count: -4", 1), false, false},
	{"enquete", "question without answers", strings.Replace(survey, "    answers: [{label: Oui, count: 6}, {label: Non, count: 4}]\n", "", 1), false, false},
	{"enquete", "answers that do not add up", strings.Replace(survey, "count: 4", "count: 3", 1), false, true},

	{"chapter", "good", "title: Premier\nsummary: S\ncountries: [SN, ci]\nsectors: energie\ndraft: false\nupdated: 2026-01-01\n", true, false},
	{"chapter", "a case's field", "title: Premier\nyear: 2024\n", false, false},
	{"chapter", "no title", "summary: S\n", false, false},
	{"case", "good", "title: Cas\nsme: PME\nlead_company: G\nyear: 2024\nscheme: portage\nfictional: true\n", true, false},
	{"case", "schemes as a list", "title: Cas\nscheme: [portage, vie]\n", true, false},
	{"case", "unknown scheme", "title: Cas\nscheme: portag\n", false, false},
	{"case", "year not a number", "title: Cas\nyear: deux mille\n", false, false},
	{"page", "good", "title: À propos\nsummary: S\n", true, false},
	{"page", "countries on a page", "title: À propos\ncountries: [SN]\n", false, false},
}

// TestSchemaAgreesWithCheck runs the validator and the generated JSON Schema over every
// fixture: both accept the good ones and refuse the bad ones, but for the rules between
// fields, which only the validator sees.
func TestSchemaAgreesWithCheck(t *testing.T) {
	for _, dialect := range []string{schema.Draft, draft7} {
		schemas := compile(t, dialect)
		for _, f := range fixtures {
			t.Run(dialect+"/"+f.kind+"/"+f.name, func(t *testing.T) { agree(t, schemas, f) })
		}
	}
}

func agree(t *testing.T, schemas map[string]*jsonschema.Schema, f fixture) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(f.src), &doc); err != nil {
		t.Fatal(err)
	}
	schemaErr := schemas[f.kind].Validate(jsonValue(&doc))
	diags := check(f.kind, f.src)
	checkOK, schemaOK := len(diags) == 0, schemaErr == nil
	if checkOK != f.valid {
		t.Errorf("coexport check: valid = %v, want %v\n%s", checkOK, f.valid, diags.Error())
	}
	wantSchema := f.valid || f.crossField
	if schemaOK != wantSchema {
		t.Errorf("schema: valid = %v, want %v (check says %v)\n%v", schemaOK, wantSchema, checkOK, schemaErr)
	}
}

func ExampleFiles() {
	for _, f := range schema.Files(schema.Vocab{Sectors: []string{"energie"}}) {
		fmt.Println(f.Path)
	}
	// Output:
	// amis.schema.json
	// case.schema.json
	// chapter.schema.json
	// enquete.schema.json
	// page.schema.json
	// site.schema.json
}

// TestRepoContent validates the repo's own content files against the schemas generated
// for it, as an editor would: every file that check accepts, the schema accepts.
func TestRepoContent(t *testing.T) {
	var d diag.List
	cfgData, err := os.ReadFile("../../content/site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := data.ParseSite(source.NewFile("content/site.yaml", cfgData), "", &d)
	var v schema.Vocab
	for _, s := range cfg.Sectors {
		v.Sectors = append(v.Sectors, s.Slug)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schemas := map[string]*jsonschema.Schema{}
	for _, f := range schema.Files(v) {
		doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(f.Data))
		if err := c.AddResource("https://coexport.test/"+f.Path, doc); err != nil {
			t.Fatal(err)
		}
		schemas[strings.TrimSuffix(f.Path, ".schema.json")] = c.MustCompile("https://coexport.test/" + f.Path)
	}
	validate := func(path, kind string, src []byte) {
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if err := schemas[kind].Validate(jsonValue(&doc)); err != nil {
			t.Errorf("%s does not validate against %s.schema.json:\n%v", path, kind, err)
		}
	}
	for _, name := range []string{"site", "amis", "enquete"} {
		b, err := os.ReadFile("../../content/" + name + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		validate("content/"+name+".yaml", name, b)
	}
	for kind, glob := range map[string]string{"chapter": "guide/*.md", "case": "cas/*.md", "page": "[a-z]*.md"} {
		paths, _ := filepath.Glob("../../content/" + glob)
		if len(paths) == 0 {
			t.Fatalf("no %s in content/%s", kind, glob)
		}
		for _, p := range paths {
			if filepath.Base(p) == "index.md" {
				continue
			}
			b, _ := os.ReadFile(p)
			parts := strings.SplitN(string(b), "---\n", 3)
			if len(parts) < 3 || parts[0] != "" {
				t.Errorf("%s: no YAML front matter", p)
				continue
			}
			validate(p, kind, []byte(parts[1]))
		}
	}
}

// TestREADMENamesEveryField checks the README's content reference against the field
// definitions: each field of each file is named in that file's section, so that a field
// added to a definition without a word in the README fails here.
func TestREADMENamesEveryField(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	section := func(heading string) string {
		_, rest, ok := strings.Cut(readme, "\n### "+heading)
		if !ok {
			t.Fatalf("README has no ### %s", heading)
		}
		end := strings.Index(rest, "\n#")
		return rest[:max(end, 0)]
	}
	var keys func(f fields.Field) []string
	keys = func(f fields.Field) []string {
		var out []string
		for _, sub := range f.Fields {
			out = append(out, sub.Key)
			if sub.Kind == fields.Object {
				out = append(out, keys(sub)...)
			}
			if sub.Items != nil && sub.Items.Kind == fields.Object {
				out = append(out, keys(*sub.Items)...)
			}
		}
		return out
	}
	for heading, spec := range map[string]fields.Field{
		"`content/site.yaml`":                    data.SiteSpec,
		"The AMI catalogue: `content/amis.yaml`": data.AMISpec,
		"The survey: `content/enquete.yaml`":     data.SurveySpec,
		"Chapters: `content/guide/NN-slug.md`":   content.Specs[source.Chapter],
		"Case studies: `content/cas/slug.md`":    content.Specs[source.Case],
		"Pages: `content/*.md`":                  content.Specs[source.Page],
	} {
		text := section(heading)
		for _, k := range keys(spec) {
			if !regexp.MustCompile(`\b` + regexp.QuoteMeta(k) + `\b`).MatchString(text) {
				t.Errorf("README's section %q does not name the field %q", heading, k)
			}
		}
	}
}

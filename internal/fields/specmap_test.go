package fields

import (
	"testing"

	"gopkg.in/yaml.v3"

	"coexport/internal/diag"
)

var testSpec = Field{Key: "t", Kind: Object, OneOf: []string{"a", "b"}, Fields: []Field{
	{Key: "a", Kind: Text, Enum: []string{"goods", "services", "works"}},
	{Key: "b", Kind: Text, Pattern: `AMI-\d{4}`, Hint: "id %q must look like AMI-2026"},
	{Key: "n", Kind: Integer, Min: AtLeast(1)},
	{Key: "l", Kind: List, Required: true, Items: &Field{Key: "l", Kind: Text}},
}}

func TestObject(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"good", "{a: works, l: [x]}", ""},
		{"enum with a suggestion", "{a: work, l: [x]}", `f:1:5: a "work" must be one of: goods, services, works (did you mean "works"?)`},
		{"pattern with a hint", "{b: AMI-26, l: [x]}", `f:1:5: id "AMI-26" must look like AMI-2026`},
		{"minimum", "{a: works, n: 0, l: [x]}", `f:1:15: field "n": 0 is below the minimum, 1`},
		{"one of", "{n: 2, l: [x]}", `f:1:1: t needs a or b`},
		{"required list", "{a: works}", `f:1:1: missing required field "l"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n yaml.Node
			if err := yaml.Unmarshal([]byte(tt.src), &n); err != nil {
				t.Fatal(err)
			}
			var d diag.List
			m := NewObject("f", 0, n.Content[0], testSpec, &d)
			m.Text("a")
			m.Text("b")
			m.Number("n")
			m.Values("l")
			got := ""
			if len(d) > 0 {
				got = d.Sorted()[0].String()
			}
			if got != tt.want || len(d) > 1 {
				t.Errorf("diagnostics = %v, want %q", d, tt.want)
			}
		})
	}
}

func TestObjectWrongGetterPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("reading a Text field with Day did not panic")
		}
	}()
	var d diag.List
	NewObject("f", 0, nil, testSpec, &d).Day("a")
}

package fields

import (
	"fmt"
	"strings"
	"testing"

	"coexport/internal/diag"
)

// TestDecodeTOMLNesting: a million "[" crashed the process with a stack overflow inside
// the TOML parser; the nesting is refused before parsing, at the bracket too deep.
func TestDecodeTOMLNesting(t *testing.T) {
	for name, src := range map[string]string{
		"arrays":        "title = \"x\"\na = " + strings.Repeat("[", 1_000_000),
		"inline tables": "title = \"x\"\na = " + strings.Repeat("{b = ", 1_000_000),
	} {
		t.Run(name, func(t *testing.T) {
			var d diag.List
			if n := DecodeTOML("f.md", []byte(src), 1, &d); n != nil {
				t.Fatalf("DecodeTOML returned a node for %d levels of nesting", 1_000_000)
			}
			if len(d) != 1 || !strings.Contains(d[0].Msg, "nested more than 32 deep") {
				t.Fatalf("diagnostics = %v, want one about nesting", d)
			}
		})
	}
	var d diag.List
	if n := DecodeTOML("f.md", []byte(strings.Repeat("[", 1_000_000)), 0, &d); n != nil || len(d) != 1 {
		t.Fatalf("a table header of a million \"[\": node %v, diagnostics %v; want one syntax error", n, d)
	}
	d = nil
	ok := "a = " + strings.Repeat("[", MaxNesting) + strings.Repeat("]", MaxNesting)
	if n := DecodeTOML("f.md", []byte(ok), 0, &d); n == nil || len(d) != 0 {
		t.Fatalf("DecodeTOML(%d levels) = %v, %v; want a node and no error", MaxNesting, n, d)
	}
}

// TestDecodeTOMLPositions: keys, values and array items carry their line and column.
func TestDecodeTOMLPositions(t *testing.T) {
	src := "title = \"T\" # comment [ {\n" +
		"'quoted' = 'a \"b'\n" +
		"list = [\n  \"x\", # one\n  'y',\n]\n" +
		"text = \"\"\"\nmulti = [ line\n\"\"\"\n" +
		"date = 2024-05-01\n" +
		"[table]\nk = 1\n"
	var d diag.List
	n := DecodeTOML("f.md", []byte(src), 10, &d)
	if n == nil || len(d) != 0 {
		t.Fatalf("DecodeTOML: %v", d)
	}
	var got []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		s := strings.Join([]string{k.Value, pos(k.Line, k.Column), v.Value, pos(v.Line, v.Column)}, " ")
		for _, e := range v.Content {
			s += " [" + e.Value + " " + pos(e.Line, e.Column) + "]"
		}
		got = append(got, s)
	}
	want := []string{
		"title 1:1 T 1:9",
		"quoted 2:1 a \"b 2:12",
		"list 3:1  3:8 [x 4:3] [y 5:3]",
		"text 7:1 multi = [ line\n 7:8",
		"date 10:1 2024-05-01 10:8",
		"table 11:1  11:1 [k 11:1] [1 11:1]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("nodes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func pos(line, col int) string { return fmt.Sprintf("%d:%d", line, col) }

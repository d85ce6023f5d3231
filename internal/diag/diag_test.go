package diag

import (
	"strings"
	"testing"
)

func TestGitHub(t *testing.T) {
	tests := []struct {
		name string
		d    Diag
		want string
	}{
		{"plain", Diag{Pos: Pos{File: "content/amis.yaml", Line: 12, Col: 3}, Msg: `unknown field "contries"`},
			`::error file=content/amis.yaml,line=12,col=3::unknown field "contries"`},
		{"no column", Diag{Pos: Pos{File: "a.md", Line: 4}, Msg: "m"}, `::error file=a.md,line=4::m`},
		{"no line", Diag{Pos: Pos{File: "a.md"}, Msg: "m"}, `::error file=a.md::m`},
		{"data escapes", Diag{Pos: Pos{File: "a.md", Line: 1, Col: 1}, Msg: "100% sûr\r\nligne 2: a, b"},
			`::error file=a.md,line=1,col=1::100%25 sûr%0D%0Aligne 2: a, b`},
		{"property escapes", Diag{Pos: Pos{File: "d:1,2%\n.md", Line: 1, Col: 1}, Msg: "m"},
			`::error file=d%3A1%2C2%25%0A.md,line=1,col=1::m`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.GitHub(); got != tt.want {
				t.Errorf("GitHub() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestJSON(t *testing.T) {
	d := Diag{Pos: Pos{File: "c/a.yaml", Line: 2, Col: 5}, Msg: `unknown field "x" <&>`}
	if got, want := d.JSON(), `{"file":"c/a.yaml","line":2,"column":5,"message":"unknown field \"x\" <&>"}`; got != want {
		t.Errorf("JSON() = %s, want %s", got, want)
	}
	d.Suggestion = "y"
	if got := d.JSON(); !strings.HasSuffix(got, `,"suggestion":"y"}`) {
		t.Errorf("JSON() = %s, want a suggestion", got)
	}
}

func TestAddSuggestion(t *testing.T) {
	var l List
	l.AddSuggestion(Pos{File: "f", Line: 1, Col: 2}, "countries", "unknown field %q", "contries")
	if got, want := l[0].String(), `f:1:2: unknown field "contries" (did you mean "countries"?)`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if l[0].Suggestion != "countries" {
		t.Errorf("Suggestion = %q, want countries", l[0].Suggestion)
	}
}

func TestWriteSortsAndFormats(t *testing.T) {
	l := List{{Pos: Pos{File: "b", Line: 1}, Msg: "2"}, {Pos: Pos{File: "a", Line: 9}, Msg: "1"}}
	var b strings.Builder
	if err := l.Write(&b, Text); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "a:9: 1\nb:1: 2\n"; got != want {
		t.Errorf("Write(Text) = %q, want %q", got, want)
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("ParseFormat(xml): no error")
	}
}

func TestPosString(t *testing.T) {
	tests := []struct {
		name string
		p    Pos
		want string
	}{
		{"full", Pos{File: "content/amis.yaml", Line: 12, Col: 3}, "content/amis.yaml:12:3"},
		{"no column", Pos{File: "a.md", Line: 4}, "a.md:4"},
		{"no line", Pos{File: "layouts"}, "layouts"},
		{"column without line", Pos{File: "a.md", Col: 7}, "a.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.String(); got != tt.want {
				t.Errorf("%#v.String() = %q, want %q", tt.p, got, tt.want)
			}
		})
	}
}

func TestSorted(t *testing.T) {
	var l List
	l.Add(Pos{File: "b.md", Line: 1, Col: 1}, "b")
	l.Add(Pos{File: "a.md", Line: 10, Col: 1}, "second line")
	l.Add(Pos{File: "a.md", Line: 2, Col: 5}, "z")
	l.Add(Pos{File: "a.md", Line: 2, Col: 5}, "a")
	l.Add(Pos{File: "a.md", Line: 2, Col: 1}, "column 1")
	l.Add(Pos{File: "b.md", Line: 1, Col: 1}, "b") // reported twice by two stages
	want := "a.md:2:1: column 1\na.md:2:5: a\na.md:2:5: z\na.md:10:1: second line\nb.md:1:1: b\n"
	if got := l.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant (by file, line as a number, column, message; no duplicates)\n%s", got, want)
	}
	if len(l) != 6 {
		t.Errorf("Sorted changed the list: %d diagnostics, want 6", len(l))
	}
	if got := (List{}).Error(); got != "" {
		t.Errorf("empty List.Error() = %q, want \"\"", got)
	}
}

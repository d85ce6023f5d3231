package intake

import (
	"strings"
	"testing"

	"coexport/internal/data"
	"coexport/internal/diag"
)

func TestReadPositions(t *testing.T) {
	src := "\ufeffid,titre,pays,noms_pays\r\nAMI-2026-001,\"Deux\r\nlignes\",\"SN, CI\",Sénégal / Côte d'Ivoire\r\n,,,\r\nAMI-2026-002,'=1+1,FR,\r\n"
	var d diag.List
	rows := Read("f.csv", []byte(src), nil, &d)
	if len(d) > 0 || len(rows) != 2 {
		t.Fatalf("Read: %d rows, diags %v", len(rows), d)
	}
	if rows[0].Line != 2 || rows[1].Line != 5 {
		t.Errorf("rows at lines %d and %d, want 2 and 5 (a cell spans lines 2–3, line 4 is empty)", rows[0].Line, rows[1].Line)
	}
	got := string(Text(rows[0].Node)) + string(Text(rows[1].Node))
	want := "- id: AMI-2026-001\n  title: |-\n    Deux\n    lignes\n  countries: [SN, CI]\n- id: AMI-2026-002\n  title: =1+1\n  countries: [FR]\n"
	if got != want {
		t.Errorf("Text =\n%s\nwant\n%s", got, want)
	}
	pays := rows[1].Node.Content[5].Content[0]
	if pays.Line != 5 || pays.Column != 3 {
		t.Errorf("pays of row 2 at %d:%d, want 5:3 (the column's number)", pays.Line, pays.Column)
	}
}

func TestReadHeader(t *testing.T) {
	var d diag.List
	Read("f.csv", []byte("id;titre;id;countries;zzzzzzzz\nAMI-2026-001;T;;;\n"), nil, &d)
	got := d.Error()
	for _, want := range []string{
		`f.csv:1:3: duplicate column "id"`,
		`f.csv:1:4: unknown column "countries" (did you mean "pays"?)`,
		`f.csv:1:5: unknown column "zzzzzzzz" (the columns are those of /ami/modele.csv)`,
	} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
}

func TestReadImplicitCPV(t *testing.T) {
	secs := []data.Sector{{Slug: "energie", CPV: []string{"09000000-3", "31000000-6"}}}
	var d diag.List
	rows := Read("f.csv", []byte("id;secteurs;cpv\nAMI-2026-001;energie;09000000-3, 31000000-6\nAMI-2026-002;energie;09000000-3\n"), secs, &d)
	got := string(Text(rows[0].Node)) + string(Text(rows[1].Node))
	if want := "- id: AMI-2026-001\n  sectors: [energie]\n- id: AMI-2026-002\n  sectors: [energie]\n  cpv: [09000000-3]\n"; got != want {
		t.Errorf("Text =\n%s\nwant\n%s", got, want)
	}
}

func TestMerge(t *testing.T) {
	old := "# tête\n- id: A\n  title: a\n\n# avant B\n- id: B\n  title: b\n  # note de B\n\n# avant C\n- id: C\n  title: c\n"
	got, err := Merge([]byte(old), map[int][]byte{6: []byte("- id: B\n  title: nouveau\n")}, [][]byte{[]byte("- id: D\n")})
	if err != nil {
		t.Fatal(err)
	}
	want := "# tête\n- id: A\n  title: a\n\n# avant B\n- id: B\n  title: nouveau\n  # note de B\n\n# avant C\n- id: C\n  title: c\n\n- id: D\n"
	if string(got) != want {
		t.Errorf("Merge =\n%s\nwant\n%s", got, want)
	}
	if _, err := Merge([]byte("[{id: A}]\n"), map[int][]byte{1: []byte("- id: A\n")}, nil); err == nil {
		t.Error("Merge into a flow list: no error")
	}
	if got, _ := Merge(nil, nil, [][]byte{[]byte("- id: A\n")}); string(got) != "- id: A\n" {
		t.Errorf("Merge into an empty file = %q", got)
	}
}

// FuzzRead reads arbitrary bytes as a spreadsheet: no panic, every position inside the
// file (lines from 1 to its last, columns from 1), and every entry writable as YAML.
func FuzzRead(f *testing.F) {
	f.Add([]byte("\ufeffid;titre;pays\r\nAMI-2026-001;\"Deux\r\nlignes\";SN, CI\r\n"))
	f.Add([]byte("id,documents,fictif\nAMI-2026-001,\"Cahier | https://x.example/c.pdf\nAnnexe\",oui\n"))
	f.Add([]byte("id;contact;email;budget;devise\n;;;;\nAMI-1;Awa;'=a@b;12;EUR;extra\n\"unclosed"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var d diag.List
		rows := Read("f.csv", src, nil, &d)
		lines := strings.Count(string(src), "\n") + 1
		for _, e := range d {
			if e.Pos.Line < 0 || e.Pos.Line > lines || e.Pos.Col < 0 {
				t.Errorf("position %v outside the file (%d lines)", e.Pos, lines)
			}
		}
		for _, r := range rows {
			if r.Line < 2 || r.Line > lines {
				t.Errorf("row at line %d outside 2..%d", r.Line, lines)
			}
			Text(r.Node)
		}
	})
}

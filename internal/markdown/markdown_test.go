package markdown

import (
	"os"
	"strings"
	"testing"
)

func TestConvert(t *testing.T) {
	c := New(Options{Base: "/base/", Links: map[string]string{"bpi": "https://www.bpifrance.fr/"}})
	for _, tc := range []struct{ name, in, want string }{
		{"heading id folds accents", "## Les étapes clés", `<h2 id="les-etapes-cles">Les étapes clés</h2>`},
		{"repeated heading", "## A\n\n## A", `<h2 id="a-1">A</h2>`},
		{"chapter link", "[x](02-portage.md)", `<a href="/base/guide/portage/">x</a>`},
		{"case link with anchor", "[x](../cas/un-cas.md#le-besoin)", `<a href="/base/cas/un-cas/#le-besoin">x</a>`},
		{"catalogue link", "[x](../amis.yaml)", `<a href="/base/ami/">x</a>`},
		{"survey link", "[x](../enquete.yaml)", `<a href="/base/enquete/">x</a>`},
		{"external link from site.yaml", "[x](../site.yaml#bpi)", `<a href="https://www.bpifrance.fr/">x</a>`},
		{"other data file kept", "[x](../site.yaml)", `<a href="../site.yaml">x</a>`},
		{"external link kept", "[x](https://example.org/a.md)", `href="https://example.org/a.md"`},
		{"french quotes", `"oui"`, "«\u202foui\u202f»"},
		{"typed spaces", "Bonjour ! Quoi ? Note : 50 %", "Bonjour\u202f! Quoi\u202f? Note\u00a0: 50\u00a0%"},
		{"code untouched", "`a ; b ?`", "<code>a ; b ?</code>"},
		{"time untouched", "à 10:30", "à 10:30"},
		{"raw html dropped", "<script>x</script>", "<!-- raw HTML omitted -->"},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", "<table>"},
		{"footnote", "x[^1]\n\n[^1]: note", `class="footnotes"`},
		{"bare url linked", "Voir https://example.org/a ici", `<a href="https://example.org/a">https://example.org/a</a> ici`},
		{"www linked", "Voir www.example.org.", `<a href="http://www.example.org">www.example.org</a>.`},
		{"email linked", "Écrire à a.b@example.org.", `<a href="mailto:a.b@example.org">a.b@example.org</a>.`},
		{"escapes and entities", `a \* b &amp;c &eacute;. <`, "a * b &amp;c é. &lt;"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := c.Convert("content/guide/01-x.md", []byte(tc.in), 0)
			if !strings.Contains(d.HTML, tc.want) {
				t.Errorf("Convert(%q) = %q, want it to contain %q", tc.in, d.HTML, tc.want)
			}
		})
	}
}

func TestLinksAndOutline(t *testing.T) {
	c := New(Options{Base: "/"})
	src := "Intro.\n\n## Un titre\n\nVoir [ici](02-b.md#x) et\n[là](../cas/c.md).\n\n### Sous-titre\n\nFin."
	d := c.Convert("content/guide/01-a.md", []byte(src), 4)
	if len(d.Links) != 2 {
		t.Fatalf("got %d links, want 2: %+v", len(d.Links), d.Links)
	}
	if l := d.Links[0]; l.Target != "content/guide/02-b.md" || l.Fragment != "x" || l.Pos.Line != 9 || l.Pos.Col != 6 {
		t.Errorf("first link = %+v, want content/guide/02-b.md#x at 9:6", l)
	}
	if l := d.Links[1]; l.Target != "content/cas/c.md" || l.Pos.Line != 10 || l.Pos.Col != 1 {
		t.Errorf("second link = %+v, want content/cas/c.md at 10:1", l)
	}
	if len(d.Headings) != 2 || d.Headings[0].ID != "un-titre" || d.Headings[1].Level != 3 {
		t.Errorf("headings = %+v", d.Headings)
	}
	if len(d.Sections) != 3 || d.Sections[0].Heading != "" || !strings.Contains(d.Sections[1].Text, "Voir ici et là") {
		t.Errorf("sections = %+v", d.Sections)
	}
}

// FuzzConvert: any markdown converts without panic, and link positions stay inside it.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{"[a](b.md)", "## T\n[x](../cas/y.md#z)", "<a href='x.md'>", "[a]: b.md\n[c][a]", "![i](x.md)", "`[a](b.md)`", "[a](#b)", "[\n](c.md)"} {
		f.Add(s)
	}
	c := New(Options{Base: "/"})
	f.Fuzz(func(t *testing.T, s string) {
		d := c.Convert("content/guide/01-a.md", []byte(s), 0)
		lines := strings.Count(s, "\n") + 1
		for _, l := range d.Links {
			if l.Pos.Line < 1 || l.Pos.Line > lines || l.Pos.Col < 1 {
				t.Fatalf("link %+v outside the input (%d lines)", l, lines)
			}
		}
	})
}

// BenchmarkConvert converts the repo's longest chapter.
func BenchmarkConvert(b *testing.B) {
	src, err := os.ReadFile("../../content/guide/06-co-traitance-et-sous-traitance.md")
	if err != nil {
		b.Skip(err)
	}
	c := New(Options{Base: "/"})
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		c.Convert("content/guide/06-co-traitance-et-sous-traitance.md", src, 0)
	}
}

func TestCountWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0}, {" \n\t\r", 0}, {"a", 1}, {" a b\tc\r\nd ", 4}, {"l’export : 40\u202f000 €", 4},
	} {
		if got := countWords(tc.in); got != tc.want {
			t.Errorf("countWords(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

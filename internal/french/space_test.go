package french

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var spaceTests = []struct {
	name, in, want string
}{
	{"empty", "", ""},
	{"no sign", "Le co-export, en bref.", "Le co-export, en bref."},

	// Typed spaces become the right single space.
	{"typed before exclamation", "Bonjour !", "Bonjour\u202f!"},
	{"typed before question", "Pourquoi ?", "Pourquoi\u202f?"},
	{"typed before semicolon", "un ; deux", "un\u202f; deux"},
	{"typed before colon", "Note : voir", "Note\u00a0: voir"},
	{"typed before percent", "12,5 %", "12,5\u00a0%"},
	{"typed double spaces", "Bonjour   !", "Bonjour\u202f!"},
	{"typed tab", "Bonjour\t!", "Bonjour\u202f!"},
	{"typed wrong no-break space", "Bonjour\u00a0!", "Bonjour\u202f!"},
	{"typed narrow space before colon", "Note\u202f:", "Note\u00a0:"},
	{"typed thin space", "Quoi\u2009?", "Quoi\u202f?"},
	{"typed mixed run", "Quoi \u00a0\u202f ?", "Quoi\u202f?"},
	{"already right", "Bonjour\u202f! Note\u00a0: 5\u00a0%", "Bonjour\u202f! Note\u00a0: 5\u00a0%"},

	// Missing spaces before ; ! ?
	{"missing after word", "Bonjour!", "Bonjour\u202f!"},
	{"missing before second sign", "Quoi?!", "Quoi\u202f?!"},
	{"missing then space", "Vraiment? Oui.", "Vraiment\u202f? Oui."},
	{"missing semicolon", "un; deux", "un\u202f; deux"},
	{"missing after digit", "en 2026!", "en 2026\u202f!"},
	{"missing after closing parenthesis", "(enfin)!", "(enfin)\u202f!"},
	{"missing after closing quote", "« oui »!", "«\u202foui\u202f»\u202f!"},
	{"missing after straight quote", "\"oui\"?", "\"oui\"\u202f?"},
	{"missing before closing guillemet", "« Vraiment?»", "«\u202fVraiment\u202f?\u202f»"},
	{"missing before closing parenthesis", "(vraiment?)", "(vraiment\u202f?)"},
	{"missing accented letter", "Café!", "Café\u202f!"},
	{"query string untouched", "/recherche?q=1", "/recherche?q=1"},
	{"typed space before bang converted", "color: red !important", "color: red\u202f!important"},
	{"bang before word untouched", "a!important", "a!important"},
	{"semicolon between letters untouched", "a;b", "a;b"},
	{"brand with comma untouched", "Yahoo!, Google", "Yahoo!, Google"},
	{"after punctuation untouched", "Fin.!", "Fin.!"},
	{"after newline untouched", "Fin\n!", "Fin\n!"},

	// Colon: convert, never insert.
	{"time", "à 10:30", "à 10:30"},
	{"url", "voir http://example.com/a?b=c", "voir http://example.com/a?b=c"},
	{"drive", `C:\Windows`, `C:\Windows`},
	{"missing colon untouched", "Note: voir", "Note: voir"},

	// Percent: insert after a digit only before space, end or closing punctuation.
	{"missing percent", "12,5%", "12,5\u00a0%"},
	{"missing percent before comma", "50%, puis", "50\u00a0%, puis"},
	{"url encoding untouched", "a%20b", "a%20b"},
	{"percent before digit untouched", "1%2F", "1%2F"},

	// Guillemets.
	{"guillemets typed", "« oui »", "«\u202foui\u202f»"},
	{"guillemets missing", "«oui»", "«\u202foui\u202f»"},
	{"guillemets wrong spaces", "«\u00a0oui\u00a0»", "«\u202foui\u202f»"},
	{"guillemets doubled spaces", "«  oui  »", "«\u202foui\u202f»"},
	{"empty guillemets", "«»", "«\u202f»"},
	{"guillemet then line break", "«\noui\n»", "«\noui\n»"},

	// Segment edges.
	{"sign at start", "! suite", "! suite"},
	{"typed space before sign at start", " ! suite", "\u202f! suite"},
	{"closing guillemet at start", "» et", "» et"},
	{"typed space before closing guillemet at start", " » et", "\u202f» et"},
	{"opening guillemet at end", "dit «", "dit «\u202f"},
	{"opening guillemet and space at end", "dit « ", "dit «\u202f"},
	{"sign at end", "Bonjour!", "Bonjour\u202f!"},

	// Emoticons.
	{"smile", "Super :)", "Super :)"},
	{"wink with nose", "Super ;-)", "Super ;-)"},
	{"sad", "Dommage :-(", "Dommage :-("},
	{"tear", "Dommage :'(", "Dommage :'("},
	{"grin", "Oui :D", "Oui :D"},
	{"wink glued", "Super;)", "Super;)"},
	{"colon before word with D", "Voir :Dupont", "Voir\u00a0:Dupont"},

	// Left alone.
	{"spaces before comma and period", "oui , non .", "oui , non ."},
	{"ellipsis and parenthesis", "et … ( a )", "et … ( a )"},
	{"double angle brackets", "<< x >>", "<< x >>"},
}

func TestSpace(t *testing.T) {
	for _, tt := range spaceTests {
		t.Run(tt.name, func(t *testing.T) {
			got := Space(tt.in)
			if got != tt.want {
				t.Errorf("Space(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Space(got); again != got {
				t.Errorf("Space(%q) = %q, want %q (Space is idempotent)", got, again, got)
			}
		})
	}
}

func TestSpaceNoAllocWhenUnchanged(t *testing.T) {
	for _, s := range []string{"Bonjour\u202f! Note\u00a0: 10:30", "sans signe"} {
		if n := testing.AllocsPerRun(100, func() { Space(s) }); n != 0 {
			t.Errorf("Space(%q) allocates %v times, want 0", s, n)
		}
	}
}

// withoutSpaces drops every space Space may add, remove or change.
func withoutSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, s)
}

func FuzzSpace(f *testing.F) {
	for _, tt := range spaceTests {
		f.Add(tt.in)
	}
	for _, s := range []string{
		"Faut-il chasser en meute ? Oui : les PME y gagnent !",
		"Il a dit : « Le portage, ça marche ! » ; puis il est parti.",
		"Rendez-vous à 10:30 ou 14 h 15 ; voir https://example.org/ami?id=3&x=1 .",
		"12,5 % des 400 entreprises ; 87,5% sans expérience.",
		"Vraiment?! Non!!! «Si»… (peut-être?)",
		"Bravo :) ; à bientôt ;-) mais :-( et :'( aussi :D",
		"«", "»", " ", "« ", " »", "!?", ";)", "\xff!", "a\xff?",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Space(s)
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("Space(%q) = %q, not valid UTF-8", s, got)
		}
		if again := Space(got); again != got {
			t.Errorf("Space(%q) = %q, want %q (Space is idempotent)", got, again, got)
		}
		if a, b := withoutSpaces(s), withoutSpaces(got); a != b {
			t.Errorf("Space(%q) = %q: without spaces %q, want %q (only spaces change)", s, got, b, a)
		}
	})
}

func BenchmarkSpace(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"no sign", "Le co-export permet aux PME de partager les coûts de prospection, les risques et le savoir-faire."},
		{"already spaced", "Faut-il chasser en meute\u202f? Oui\u00a0: les PME y gagnent\u202f!"},
		{"to fix", "Il a dit : « Le portage, ça marche ! » ; puis 12,5 % ont suivi. Vraiment?!"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Space(bc.in)
			}
		})
	}
}

// spaceByGap is Space as it was first written, deciding every gap between two runes:
// the reference that FuzzSpaceSignToSign holds Space to.
func spaceByGap(s string) string {
	if !hasSign(s) {
		return s
	}
	var b strings.Builder
	changed := false
	done := 0      // s[:done] is accounted for in b
	prev := noRune // last rune that is not a typed space
	for i := 0; ; {
		j := skipTypedSpaces(s, i)
		rest := s[j:]
		next, size := noRune, 0
		if rest != "" {
			next, size = utf8.DecodeRuneInString(rest)
		}
		if sp, ok := gapSpace(prev, rest, j > i); ok && s[i:j] != sp {
			if !changed {
				b.Grow(len(s) + 2*len(nnbsp))
				changed = true
			}
			b.WriteString(s[done:i])
			b.WriteString(sp)
			done = j
		}
		if rest == "" {
			break
		}
		prev = next
		i = j + size
	}
	if !changed {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// FuzzSpaceSignToSign: Space, which goes from sign to sign, gives what deciding every
// gap gives.
func FuzzSpaceSignToSign(f *testing.F) {
	for _, tt := range spaceTests {
		f.Add(tt.in)
	}
	f.Add("« ? » ; x :) \xe2\x80? \xc2 ! a\u202f\u00a0 ? 50% «a» b»")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Space(s), spaceByGap(s); got != want {
			t.Errorf("Space(%q) = %q, want %q", s, got, want)
		}
	})
}

package french

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ascii lower", "abc-123", "abc-123"},
		{"ascii upper", "COTE", "cote"},
		{"acute", "Égalité", "egalite"},
		{"grave and circumflex", "À la fenêtre", "a la fenetre"},
		{"cedilla", "Ça, façade", "ca, facade"},
		{"diaeresis", "Noël, naïf, Haÿ", "noel, naif, hay"},
		{"oe ligature", "Œuvre, cœur", "oeuvre, coeur"},
		{"ae ligature", "Æsop, ex æquo", "aesop, ex aequo"},
		{"sharp s", "Straße, STRAẞE", "strasse, strasse"},
		{"no decomposition letters", "Øresund, Łódź, Đà Nẵng", "oresund, lodz, da nang"},
		{"accent on a special letter", "Ǣ, ǽ, ǿ", "ae, ae, o"},
		{"typographic apostrophe", "L’œuvre d’art", "l'oeuvre d'art"},
		{"decomposed input", "E\u0301te\u0301", "ete"},
		{"others kept", "Москва 東京 € «»", "москва 東京 € «»"},
		{"spaces kept", "a\u00a0b\u202fc", "a\u00a0b\u202fc"},
		{"hangul recomposed", "한국", "한국"},
		{"invalid utf8", "é\xff", "e\ufffd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldASCIINoAlloc(t *testing.T) {
	s := "deja-vu en ascii"
	if n := testing.AllocsPerRun(100, func() { Fold(s) }); n != 0 {
		t.Errorf("Fold(%q) allocates %v times, want 0", s, n)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"accents", "Les étapes clés", "les-etapes-cles"},
		{"apostrophe", "Côte d'Ivoire", "cote-d-ivoire"},
		{"typographic apostrophe and ligature", "L’œuvre", "l-oeuvre"},
		{"trimmed", "  « Portage » ! ", "portage"},
		{"runs collapse", "a -- b__c", "a-b-c"},
		{"digits", "Chapitre 10 : 2026", "chapitre-10-2026"},
		{"already a slug", "eau-assainissement", "eau-assainissement"},
		{"no ascii left", "東京 «»", ""},
		{"no-break spaces", "40\u202f000\u00a0€", "40-000"},
		{"capital accent", "États-Unis", "etats-unis"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slug(tt.in); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func FuzzSlug(f *testing.F) {
	for _, s := range []string{
		"Les étapes clés", "Côte d'Ivoire", "L’œuvre", "-", "--a--", "Straße",
		"Émirats arabes unis", "40\u202f000\u00a0€", "\xff\xfe", "a\u0301",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got != "" && !slugPattern.MatchString(got) {
			t.Errorf("Slug(%q) = %q, want a match for %s or \"\"", s, got, slugPattern)
		}
		if again := Slug(got); again != got {
			t.Errorf("Slug(%q) = %q, want %q (Slug of a slug is itself)", got, again, got)
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Égalité", "Œuvre", "STRAẞE", "L’œuvre", "\xff", "한국"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Errorf("Fold(%q) = %q, not valid UTF-8", s, got)
		}
		if again := Fold(got); again != got {
			t.Errorf("Fold(%q) = %q, want %q (Fold is idempotent)", got, again, got)
		}
	})
}

func BenchmarkFold(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"ascii", "Les etapes cles du co-export pour une PME"},
		{"french", "Les étapes clés du co-export : l’œuvre des PME à l’étranger"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Fold(bc.in)
			}
		})
	}
}

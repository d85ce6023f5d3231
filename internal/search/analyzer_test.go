package search

import (
	"slices"
	"strings"
	"testing"
)

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"lower case and accents", "Énergie ÉLÈVE côté", []string{"energi", "elev", "cot"}},
		{"cedilla and ligatures", "Ça cœur Æther", []string{"ca", "coeur", "aeth"}},
		{"elision with apostrophe", "l'énergie d'Ivoire qu'il", []string{"energi", "ivoir"}},
		{"elision with typographic apostrophe", "l’énergie d’Ivoire jusqu’à", []string{"energi", "ivoir"}},
		{"apostrophe that is no elision", "aujourd'hui", []string{"aujourd", "hui"}},
		{"hyphen splits", "sous-traitance", []string{"sou", "traitanc"}},
		{"digits kept whole", "AMI-2026-014", []string{"ami", "2026", "014"}},
		{"stop words dropped", "le marché de la PME et les ETI", []string{"march", "pme", "eti"}},
		{"plurals", "marchés publics", []string{"march", "public"}},
		{"combining accent joins", "e\u0301nergie", []string{"energi"}},
		{"soft hyphen joins", "finance\u00adment", []string{"financ"}},
		{"non latin splits", "énergie中国export", []string{"energi", "export"}},
		{"too long dropped", strings.Repeat("x", MaxTokenLen+1) + " eau", []string{"eau"}},
		{"longest kept", strings.Repeat("y", MaxTokenLen), []string{strings.Repeat("y", MaxTokenLen)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Analyze(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Analyze(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"pme", "pme"}, {"pmes", "pme"}, {"pays", "pays"}, {"b2b", "b2b"},
		{"marche", "march"}, {"marches", "march"}, {"marcher", "march"},
		{"financement", "financ"}, {"financer", "financ"}, {"finance", "financ"}, {"financee", "financ"},
		{"financier", "financier"}, {"financiere", "financier"}, {"financieres", "financier"},
		{"exportation", "export"}, {"exportateur", "export"}, {"exportatrice", "export"}, {"exporter", "export"},
		{"senegal", "senegal"}, {"senegalais", "senegal"}, {"senegalaises", "senegal"},
		{"publique", "public"}, {"publiques", "public"}, {"internationaux", "international"},
		{"internationales", "international"}, {"eaux", "eau"}, {"bureaux", "bureau"}, {"energie", "energi"},
		{"acheteur", "achet"}, {"acheteuse", "achet"}, {"reussir", "reuss"}, {"element", "element"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := string(stem([]byte(tt.in))); got != tt.want {
				t.Errorf("stem(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestStemGroups checks the forms that issue 7 wants to find each other.
func TestStemGroups(t *testing.T) {
	groups := map[string][]string{
		"marché":      {"marché", "marchés", "marches", "Marché", "MARCHES"},
		"financement": {"financement", "financements", "financer", "financé", "financées"},
		"exportation": {"exportation", "exportations", "exporter", "exportateur", "exportateurs", "exportatrices"},
		"sénégal":     {"Sénégal", "sénégalais", "sénégalaise", "senegal"},
		"énergie":     {"énergie", "énergies", "Energie", "l'énergie", "l’energie"},
		"public":      {"public", "publics", "publique", "publiques"},
	}
	for name, forms := range groups {
		t.Run(name, func(t *testing.T) {
			want := Analyze(forms[0])
			for _, f := range forms[1:] {
				if got := Analyze(f); !slices.Equal(got, want) {
					t.Errorf("Analyze(%q) = %q, want %q like %q", f, got, want, forms[0])
				}
			}
		})
	}
}

func TestStemKeepsThreeLetters(t *testing.T) {
	for _, w := range []string{"aaaaes", "entree", "eaux", "maux", "taux", "aise", "aises", "ation", "exportation", "ee"} {
		got := string(stem([]byte(w)))
		if len(w) >= 3 && !strings.HasPrefix(got, w[:3]) {
			t.Errorf("stem(%q) = %q, lost the first three letters", w, got)
		}
	}
}

func TestCompileSynonyms(t *testing.T) {
	got := compileSynonyms([][]string{
		{"petite et moyenne entreprise", "PME", "SME"},
		{"appel à manifestation d'intérêt", "AMI"},
		{"le", "la"}, // only stop words: dropped
		{"seul"},     // one member: dropped
	})
	if len(got) != 2 {
		t.Fatalf("compileSynonyms: %d groups, want 2: %v", len(got), got)
	}
	if got[0].Canon != "pme" || got[1].Canon != "ami" {
		t.Errorf("canonical forms = %q, %q, want pme, ami", got[0].Canon, got[1].Canon)
	}
	if !slices.Equal(got[0].Members[0], []string{"petit", "moyenn", "entrepris"}) {
		t.Errorf("phrase member = %q", got[0].Members[0])
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, c := range analyzerCases {
		f.Add(c.in)
	}
	f.Add("Comprendre les marchés publics internationaux : Sénégal (10)")
	f.Add("- **Choigètèique caution marges** aussi recruter leur télécommunications")
	f.Add("\xff\xfe invalid \xc3 utf-8 é\xe2\x80")
	f.Fuzz(func(t *testing.T, in string) {
		for _, tok := range Analyze(in) {
			if tok == "" || len(tok) > MaxTokenLen {
				t.Fatalf("Analyze(%q): token %q is empty or too long", in, tok)
			}
			for i := 0; i < len(tok); i++ {
				if c := tok[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
					t.Fatalf("Analyze(%q): token %q is not folded to [a-z0-9]", in, tok)
				}
			}
		}
		var sc wordScanner
		sc.scan(in, func(w []byte, start, end int) {
			if start < 0 || start >= end || end > len(in) {
				t.Fatalf("scan(%q): word %q at [%d,%d) outside the input", in, w, start, end)
			}
		})
	})
}

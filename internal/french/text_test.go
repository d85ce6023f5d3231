package french

import "testing"

func TestText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`Des capteurs "connectés" & robustes`, "Des capteurs «\u202fconnectés\u202f» & robustes"},
		{`un "mot`, `un "mot`},
		{"l'export : 40 000 €", "l’export\u00a0: 40\u202f000\u00a0€"},
		{"Quoi ?", "Quoi\u202f?"},
	} {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestProse(t *testing.T) {
	for _, in := range []string{"", "Bonjour", "Quoi ?", "«citation»", "40 000 €", "a;b", "x \u00bb", "\u00e9t\u00e9"} {
		if got, want := string(Prose([]byte(in))), Digits(Space(in)); got != want {
			t.Errorf("Prose(%q) = %q, want %q", in, got, want)
		}
	}
	plain := []byte("Des capteurs connectés et robustes")
	if got := Prose(plain); &got[0] != &plain[0] {
		t.Errorf("Prose(%q) copied a text it leaves as is", plain)
	}
}

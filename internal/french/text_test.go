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

package french

import "testing"

func TestDigits(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"thousands", "8 953 VIE", "8\u202f953 VIE"},
		{"millions", "1 234 567 firmes", "1\u202f234\u202f567 firmes"},
		{"amount", "40 000 € demandés", "40\u202f000\u00a0€ demandés"},
		{"small amount", "500 €", "500\u00a0€"},
		{"already grouped", "40\u202f000\u00a0€", "40\u202f000\u00a0€"},
		{"year then count", "en 2016 400 firmes", "en 2016 400 firmes"},
		{"two numbers", "les 50 400 entreprises", "les 50\u202f400 entreprises"},
		{"not a group", "12 3456", "12 3456"},
		{"code", "AMI-2026 014", "AMI-2026 014"},
		{"decimal", "3,5 000", "3,5 000"},
		{"no digits", "Bonjour", "Bonjour"},
		{"end", "125 000", "125\u202f000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Digits(tc.in); got != tc.want {
				t.Errorf("Digits(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := Digits(Digits(tc.in)); got != Digits(tc.in) {
				t.Errorf("Digits is not idempotent on %q", tc.in)
			}
		})
	}
}

func FuzzDigits(f *testing.F) {
	for _, s := range []string{"8 953", "40 000 €", "en 2016 400", "1 2 3", "\u00a0999 999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Digits(s)
		if Digits(out) != out {
			t.Fatalf("not idempotent: %q → %q → %q", s, out, Digits(out))
		}
		if withoutSpaces(out) != withoutSpaces(s) {
			t.Fatalf("changed more than spaces: %q → %q", s, out)
		}
	})
}

package cpv

import "testing"

// Codes as published in CPV 2008.
var known = []string{"09000000-3", "45000000-7", "72000000-5", "03000000-1", "15000000-8", "30000000-9", "33000000-0",
	"34000000-7", "48000000-8", "50000000-5", "51000000-9", "71000000-8", "79000000-4", "85000000-9", "90000000-7", "98000000-3",
	"03113100-7", "03113200-8", "18451000-5", "18453000-9", "71355000-1", "71355200-3", "45200000-9", "72200000-7",
	"03300000-2", "09300000-2"}

func TestCheckDigit(t *testing.T) {
	for _, c := range known {
		if got := CheckDigit(c[:8]); got != c[9] {
			t.Errorf("CheckDigit(%q) = %c, want %c (%s)", c[:8], got, c[9], c)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"09", "09000000-3", ""},
		{"45", "45000000-7", ""},
		{"72", "72000000-5", ""},
		{"51", "51000000-9", ""},
		{"09000000-3", "09000000-3", ""},
		{"71355200-3", "71355200-3", ""},
		{"09000000-4", "", `invalid CPV code "09000000-4": the check digit of division 09 is 3 (09000000-3)`},
		{"99", "", `invalid CPV code "99": 99 is not a CPV division`},
		{"9", "", `invalid CPV code "9" (want a division`},
		{"09000000", "", `invalid CPV code "09000000" (want`},
		{"0900000-3", "", `invalid CPV code "0900000-3" (want`},
		{"x9", "", `invalid CPV code "x9" (want`},
		{"", "", `invalid CPV code "" (want`},
	} {
		got, err := Parse(tc.in)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != tc.want || len(msg) < len(tc.err) || msg[:len(tc.err)] != tc.err || (tc.err == "" && err != nil) {
			t.Errorf("Parse(%q) = %q, %v; want %q, %q…", tc.in, got, err, tc.want, tc.err)
		}
	}
}

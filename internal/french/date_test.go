package french

import (
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"ordinary day", time.Date(2026, time.December, 15, 0, 0, 0, 0, time.UTC), "15 décembre 2026"},
		{"first of the month", time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC), "1er décembre 2026"},
		{"second is cardinal", time.Date(2026, time.March, 2, 0, 0, 0, 0, time.UTC), "2 mars 2026"},
		{"accented month", time.Date(2018, time.August, 31, 0, 0, 0, 0, time.UTC), "31 août 2018"},
		{"february", time.Date(2003, time.February, 27, 0, 0, 0, 0, time.UTC), "27 février 2003"},
		{"own location", time.Date(2026, time.December, 31, 23, 30, 0, 0, time.UTC).In(paris), "1er janvier 2027"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Date(tt.in); got != tt.want {
				t.Errorf("Date(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMonth(t *testing.T) {
	want := []string{
		"janvier", "février", "mars", "avril", "mai", "juin",
		"juillet", "août", "septembre", "octobre", "novembre", "décembre",
	}
	for i, w := range want {
		m := time.Month(i + 1)
		t.Run(m.String(), func(t *testing.T) {
			if got := Month(m); got != w {
				t.Errorf("Month(%v) = %q, want %q", m, got, w)
			}
		})
	}
	for _, m := range []time.Month{0, 13} {
		t.Run("out of range "+m.String(), func(t *testing.T) {
			if got, w := Month(m), m.String(); got != w {
				t.Errorf("Month(%d) = %q, want %q", int(m), got, w)
			}
		})
	}
}

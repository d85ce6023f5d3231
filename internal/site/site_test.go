package site

import (
	"slices"
	"testing"
	"time"

	"coexport/internal/data"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestNextClosing(t *testing.T) {
	ami := func(id, deadline string) *data.AMI { return &data.AMI{ID: id, Deadline: day(deadline)} }
	tests := []struct {
		name    string
		open    []*data.AMI // soonest deadline first, as Assemble sorts them
		want    string
		wantIDs []string
	}{
		{"none open", nil, "", nil},
		{"one", []*data.AMI{ami("AMI-2026-001", "2026-12-01")}, "2026-12-02", []string{"AMI-2026-001"}},
		{"same deadline", []*data.AMI{ami("AMI-2026-009", "2026-12-31"), ami("AMI-2026-002", "2026-12-31"),
			ami("AMI-2026-003", "2027-01-15")}, "2027-01-01", []string{"AMI-2026-002", "AMI-2026-009"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Site{Today: day("2026-11-26"), Open: tt.open}
			d, ids, ok := s.NextClosing()
			got := ""
			if ok {
				got = d.Format(time.DateOnly)
			}
			if got != tt.want || !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("NextClosing() = %q %v, want %q %v", got, ids, tt.want, tt.wantIDs)
			}
		})
	}
}

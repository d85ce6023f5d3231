package french

import (
	"slices"
	"sync"
	"testing"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       int
	}{
		{"equal", "Égypte", "Égypte", 0},
		{"accent sorts with its letter", "Égypte", "Espagne", -1},
		{"accent ignored at first level", "États-Unis", "Estonie", 1},
		{"accent breaks ties", "cote", "côte", -1},
		{"lower before upper on ties", "paris", "Paris", -1},
		{"ligature as two letters", "œuvre", "ouvrage", -1},
		{"case does not beat letters", "Zambie", "afrique", 1},
		{"canonically equal but different bytes", "e\u0301", "é", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Compare(tt.a, tt.b); got != tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := Compare(tt.b, tt.a); got != -tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

var countries = []string{
	"Égalité", "Égypte", "Émirats arabes unis", "Équateur", "Espagne", "Estonie",
	"États-Unis", "Éthiopie", "Eswatini", "Allemagne", "Zimbabwe", "Åland",
	"Côte d’Ivoire", "Costa Rica", "Cuba", "Curaçao", "île Maurice", "Islande",
	"Israël", "Italie", "Œland", "Oman", "Ouganda",
}

func TestSort(t *testing.T) {
	tests := []struct {
		name     string
		in, want []string
	}{
		{
			name: "E with and without accents",
			in:   []string{"Éthiopie", "Espagne", "États-Unis", "Égypte", "Estonie", "Équateur", "Émirats arabes unis"},
			want: []string{"Égypte", "Émirats arabes unis", "Équateur", "Espagne", "Estonie", "États-Unis", "Éthiopie"},
		},
		{
			// France's CLDR order reads accents from the left, unlike
			// Canadian French: cote < coté < côte < côté.
			name: "case and accents only break ties",
			in:   []string{"Côte", "côté", "cote", "coté", "côte"},
			want: []string{"cote", "coté", "côte", "Côte", "côté"},
		},
		{
			name: "empty",
			in:   []string{},
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.in)
			Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Sort(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestSortAgreesWithCompare checks that sorting by collation keys gives the
// order of Compare.
func TestSortAgreesWithCompare(t *testing.T) {
	got := slices.Clone(countries)
	Sort(got)
	want := slices.Clone(countries)
	slices.SortFunc(want, Compare)
	if !slices.Equal(got, want) {
		t.Errorf("Sort(%q) = %q, want %q (the order of Compare)", countries, got, want)
	}
}

func TestSortFunc(t *testing.T) {
	type page struct {
		title string
		id    int
	}
	in := []page{{"Équateur", 1}, {"Espagne", 2}, {"equateur", 3}, {"Équateur", 4}, {"Égypte", 5}}
	want := []int{5, 3, 1, 4, 2} // the two "Équateur" keep their order
	got := slices.Clone(in)
	SortFunc(got, func(p page) string { return p.title })
	var ids []int
	for _, p := range got {
		ids = append(ids, p.id)
	}
	if !slices.Equal(ids, want) {
		t.Errorf("SortFunc(%v, title) gives ids %v, want %v", in, ids, want)
	}
}

func TestCompareConcurrent(t *testing.T) {
	want := slices.Clone(countries)
	slices.SortFunc(want, Compare)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got := slices.Clone(countries)
				slices.SortFunc(got, Compare)
				if !slices.Equal(got, want) {
					t.Errorf("concurrent sort with Compare = %q, want %q", got, want)
					return
				}
				got = slices.Clone(countries)
				Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("concurrent Sort = %q, want %q", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

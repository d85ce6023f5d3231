package vocab

import (
	"slices"
	"strings"
	"testing"

	"coexport/internal/diag"
	"coexport/internal/fields"
)

func TestRead(t *testing.T) {
	v := Set{Sectors: map[string]bool{"energie": true, "sante": true}}
	read := map[string]func(*fields.Map, string) []string{
		"countries": v.ReadCountries, "sectors": v.ReadSectors, "schemes": v.ReadSchemes,
	}
	for _, tc := range []struct {
		name, yaml string
		want       []string
		diags      []string // "line:col: message"
	}{
		{"countries upper-cased without duplicates", "countries: [sn, CI, SN]", []string{"SN", "CI"}, nil},
		{"unknown country", "countries: [SN, XX]", []string{"SN"},
			[]string{`1:17: unknown country code "XX" (want an ISO 3166-1 alpha-2 code such as SN or CI)`}},
		{"sectors without duplicates", "sectors: [sante, energie, sante]", []string{"sante", "energie"}, nil},
		{"sector near a known one", "sectors: [energi]", nil, []string{`1:11: unknown sector "energi" (did you mean "energie"?)`}},
		{"sector far from all", "sectors: [zzzzzzzz]", nil,
			[]string{`1:11: unknown sector "zzzzzzzz" (sectors are defined in content/site.yaml)`}},
		{"schemes in the order written", "schemes: [vie, portage]", []string{"vie", "portage"}, nil},
		{"scheme near a known one", "schemes: [portag]", nil, []string{`1:11: unknown scheme "portag" (did you mean "portage"?)`}},
		{"scheme far from all", "schemes: [inconnu]", nil,
			[]string{`1:11: unknown scheme "inconnu" (one of: ` + strings.Join(SchemeSlugs, ", ") + ")"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d diag.List
			node := fields.Decode("f.yaml", []byte(tc.yaml), 0, &d)
			key := strings.SplitN(tc.yaml, ":", 2)[0]
			m := fields.NewMap("f.yaml", 0, node, []string{key}, &d)
			got := read[key](m, key)
			if !slices.Equal(got, tc.want) {
				t.Errorf("read %s = %q, want %q", tc.yaml, got, tc.want)
			}
			var msgs []string
			for _, x := range d.Sorted() {
				msgs = append(msgs, strings.TrimPrefix(x.String(), "f.yaml:"))
			}
			if !slices.Equal(msgs, tc.diags) {
				t.Errorf("read %s reports %q, want %q", tc.yaml, msgs, tc.diags)
			}
		})
	}
}

func TestSchemeSlugsLabelled(t *testing.T) {
	if len(SchemeSlugs) != len(Schemes) {
		t.Errorf("SchemeSlugs has %d slugs, Schemes %d labels", len(SchemeSlugs), len(Schemes))
	}
	for _, s := range SchemeSlugs {
		if Schemes[s] == "" {
			t.Errorf("scheme %q has no label", s)
		}
	}
}

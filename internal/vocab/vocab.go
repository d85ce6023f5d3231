// Package vocab holds the vocabularies that pages and AMIs are checked against: the
// country codes (package country), the sectors that site.yaml defines and the schemes of
// co-export. Both parsers read their fields through it — content for markdown pages, data
// for amis.yaml — so that a code means and is checked the same way everywhere.
//
// It sits above fields (typed YAML values with positions) and below content and data.
package vocab

import (
	"slices"
	"strings"

	"coexport/internal/country"
	"coexport/internal/fields"
)

// Schemes are the forms of co-export a case study or an AMI may carry
// (../shared/DOMAIN.md §1), with their French labels.
var Schemes = map[string]string{
	"portage":           "Portage",
	"parrainage":        "Parrainage et mentorat",
	"hebergement":       "Hébergement à l'étranger",
	"vie":               "VIE hébergé ou partagé",
	"groupement":        "Groupement d'exportateurs",
	"co-traitance":      "Co-traitance",
	"sous-traitance":    "Sous-traitance",
	"action-collective": "Action collective",
	"mise-en-relation":  "Mise en relation sur opportunités",
}

// SchemeSlugs lists the scheme slugs in the order of the guide.
var SchemeSlugs = []string{"portage", "parrainage", "hebergement", "vie", "groupement",
	"co-traitance", "sous-traitance", "action-collective", "mise-en-relation"}

// Set is the project's own vocabulary: the sector slugs that site.yaml defines. Countries
// and schemes are fixed and need no Set, but are read through it so that callers have one
// way to read every coded field.
type Set struct {
	Sectors map[string]bool
}

// ReadCountries reads the list at key as ISO 3166-1 alpha-2 codes, reporting unknown ones; the
// codes come back in upper case, without duplicates, in the order written.
func (Set) ReadCountries(m *fields.Map, key string) []string {
	var out []string
	for _, c := range m.Strings(key) {
		ct, ok := country.Lookup(c.S)
		if !ok {
			m.Report(c.Pos, "unknown country code %q (want an ISO 3166-1 alpha-2 code such as SN or CI)", c.S)
			continue
		}
		if !slices.Contains(out, ct.Code) {
			out = append(out, ct.Code)
		}
	}
	return out
}

// ReadSectors reads the list at key as sector slugs, reporting those that site.yaml does not
// define (with the nearest defined one when there is one); the slugs come back without
// duplicates, in the order written.
func (v Set) ReadSectors(m *fields.Map, key string) []string {
	var out []string
	for _, s := range m.Strings(key) {
		if !v.Sectors[s.S] {
			known := make([]string, 0, len(v.Sectors))
			for k := range v.Sectors {
				known = append(known, k)
			}
			slices.Sort(known) // a tie in Suggest must not depend on map order
			if sug := fields.Suggest(s.S, known); sug != "" {
				m.ReportSuggestion(s.Pos, sug, "unknown sector %q", s.S)
			} else {
				m.Report(s.Pos, "unknown sector %q (sectors are defined in content/site.yaml)", s.S)
			}
			continue
		}
		if !slices.Contains(out, s.S) {
			out = append(out, s.S)
		}
	}
	return out
}

// ReadSchemes reads the list at key as scheme slugs, reporting unknown ones with the nearest
// known one, or with the list of all when none is near; the slugs come back in the order
// written.
func (Set) ReadSchemes(m *fields.Map, key string) []string {
	var out []string
	for _, s := range m.Strings(key) {
		if _, ok := Schemes[s.S]; !ok {
			if sug := fields.Suggest(s.S, SchemeSlugs); sug != "" {
				m.ReportSuggestion(s.Pos, sug, "unknown scheme %q", s.S)
			} else {
				m.Report(s.Pos, "unknown scheme %q (one of: %s)", s.S, strings.Join(SchemeSlugs, ", "))
			}
			continue
		}
		out = append(out, s.S)
	}
	return out
}

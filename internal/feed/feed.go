// Package feed writes the AMI catalogue in the formats that reach SMEs outside the site:
// Atom feeds (RFC 4287) for feed readers, iCalendar files (RFC 5545) that put deadlines in
// calendars, and the JSON (aligned on the OCDS planning stage) and CSV exports of the whole
// catalogue.
//
// It sits beside render in the pipeline: it reads the assembled, immutable site model and
// returns files as values (a path relative to the site root and its bytes); it knows nothing
// of templates, disk or HTTP. Every output is escaped for its own format, and the same model
// gives the same bytes: the only clock read is the model's build date.
package feed

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"coexport/internal/country"
	"coexport/internal/data"
	"coexport/internal/output"
	"coexport/internal/parallel"
	"coexport/internal/site"
)

// Files returns every feed, calendar and export of the site, sorted by Path:
//
//	ami/feed.xml, pays/<code>/feed.xml, secteurs/<slug>/feed.xml     Atom, the newest open AMIs
//	ami/echeances.ics, pays/<code>/echeances.ics,
//	secteurs/<slug>/echeances.ics                                     iCalendar, open AMIs
//	ami/<slug>/echeance.ics                                           iCalendar, open AMIs
//	ami/amis.json, ami/amis.csv                                       exports, every AMI
//	ami/modele.csv                                                    intake template
//
// There is one country and one sector file per entry of s.Countries and s.Sectors, even
// when it lists no open AMI. The result depends only on s: the build date (s.BuildDate,
// s.Today) is the only time it uses.
func Files(s *site.Site) []output.File {
	var out []output.File
	_ = Each(s, func(f output.File) error { // collecting cannot fail
		out = append(out, f)
		return nil
	})
	slices.SortFunc(out, func(a, b output.File) int { return cmp.Compare(a.Path, b.Path) })
	return out
}

// Each hands the files of Files to emit one at a time, as soon as each is made, in an
// order of its own (the same on every call), and stops at emit's first error, which it
// returns. It makes the AMIs' pieces for one format at a time and lets them go once that
// format's files are handed on, so that a caller which drops each file once written (a
// build streaming to disk) holds one format's pieces and a few files, not every file of
// every format at once: on a 35,000-AMI catalogue, about 150 MB instead of 800.
func Each(s *site.Site, emit func(output.File) error) error {
	c := newCatalogue(s)
	specs := c.feedSpecs()
	// Each format's pieces are made for the AMIs its files list: every AMI is in the
	// exports, the open ones in the calendars, the newest in the feeds.
	formats := []struct {
		amis  []*data.AMI
		piece func(c *catalogue, a *data.AMI) fragments
		files func(yield func(output.File) bool)
	}{
		{s.AMIs, func(c *catalogue, a *data.AMI) fragments { return fragments{release: c.release(a)} }, func(yield func(output.File) bool) {
			yield(output.File{Path: "ami/amis.json", Data: c.json()})
		}},
		{s.AMIs, func(c *catalogue, a *data.AMI) fragments { return fragments{row: c.csvRow(a)} }, func(yield func(output.File) bool) {
			_ = yield(output.File{Path: "ami/amis.csv", Data: c.csv()}) &&
				yield(output.File{Path: "ami/modele.csv", Data: c.template()})
		}},
		{c.inFeeds(specs), func(c *catalogue, a *data.AMI) fragments { return fragments{entry: c.entry(a)} }, func(yield func(output.File) bool) {
			for _, f := range specs {
				if !yield(output.File{Path: f.path, Data: c.atom(f)}) {
					return
				}
			}
		}},
		{s.Open, func(c *catalogue, a *data.AMI) fragments { return fragments{event: c.event(a)} }, c.calendars},
	}
	var err error
	for _, f := range formats {
		c.renderFragments(f.amis, f.piece)
		f.files(func(file output.File) bool {
			err = emit(file)
			return err == nil
		})
		c.frags = nil
		if err != nil {
			return err
		}
	}
	return nil
}

// calendars yields the iCalendar files: the catalogue's, each country's and sector's, then
// each open AMI's. A closed AMI's deadline has passed: its page offers no "Ajouter à mon
// agenda", and no calendar is written for it (on a large catalogue, thousands of files
// fewer).
func (c *catalogue) calendars(yield func(output.File) bool) {
	if !yield(output.File{Path: "ami/echeances.ics", Data: c.calendar(c.mainCalendar(), c.s.Open)}) {
		return
	}
	for _, ct := range c.s.Countries {
		if !yield(output.File{Path: "pays/" + ct.Slug() + "/echeances.ics", Data: c.calendar(c.countryCalendar(ct), ct.Open)}) {
			return
		}
	}
	for _, sec := range c.s.Sectors {
		if !yield(output.File{Path: "secteurs/" + sec.Slug + "/echeances.ics", Data: c.calendar(c.sectorCalendar(sec), sec.Open)}) {
			return
		}
	}
	for _, a := range c.s.Open {
		if !yield(output.File{Path: "ami/" + a.Slug + "/echeance.ics", Data: c.calendar(c.amiCalendar(a), []*data.AMI{a})}) {
			return
		}
	}
}

// catalogue holds what every format needs from the site, computed once.
type catalogue struct {
	s       *site.Site
	base    string // absolute base URL, ending in "/"
	host    string // host of base, for iCalendar UIDs
	sectors map[string]data.Sector
	frags   map[*data.AMI]*fragments // the current format's, rendered once, shared by every output that lists the AMI
}

// fragments are the pieces of one AMI's outputs that several files share.
type fragments struct {
	entry   []byte // Atom entry
	event   []byte // VEVENT
	release []byte // JSON release, indented for its place in amis.json
	row     []byte // CSV row, with its CRLF
}

// devBase stands in for a relative base URL ("/" when site.yaml sets none): feeds and
// calendars need absolute IRIs.
const devBase = "http://localhost/"

func newCatalogue(s *site.Site) *catalogue {
	c := &catalogue{s: s, sectors: map[string]data.Sector{}}
	base, _ := url.Parse(devBase)
	if s.Config != nil {
		if u, err := base.Parse(s.Config.BaseURL); err == nil {
			base = u
		}
		for _, sec := range s.Config.Sectors {
			c.sectors[sec.Slug] = sec
		}
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	c.base = base.String()
	c.host = base.Hostname()
	return c
}

// inFeeds returns the AMIs that at least one of the feeds lists, in the order of s.AMIs.
func (c *catalogue) inFeeds(specs []feedSpec) []*data.AMI {
	listed := map[*data.AMI]bool{}
	for _, f := range specs {
		for _, a := range f.entries {
			listed[a] = true
		}
	}
	return slices.DeleteFunc(slices.Clone(c.s.AMIs), func(a *data.AMI) bool { return !listed[a] })
}

// renderFragments renders the pieces that piece makes of each of amis, in parallel: each
// AMI's pieces depend on it and the site alone, so the order of work does not change the
// bytes.
func (c *catalogue) renderFragments(amis []*data.AMI, piece func(c *catalogue, a *data.AMI) fragments) {
	all := make([]fragments, len(amis))
	parallel.For(len(amis), func(i int) { all[i] = piece(c, amis[i]) })
	c.frags = make(map[*data.AMI]*fragments, len(amis))
	for i, a := range amis {
		c.frags[a] = &all[i]
	}
}

// render renders the fragments of one AMI.
func (c *catalogue) render(a *data.AMI) fragments {
	return fragments{entry: c.entry(a), event: c.event(a), release: c.release(a), row: c.csvRow(a)}
}

// frag returns the fragments of a, of the current format; an AMI missing from s.AMIs is
// rendered on the spot, in every format.
func (c *catalogue) frag(a *data.AMI) *fragments {
	if f := c.frags[a]; f != nil {
		return f
	}
	f := c.render(a)
	return &f
}

// title returns the site's title, or "coexport" when it has none.
func (c *catalogue) title() string {
	if c.s.Config != nil && c.s.Config.Title != "" {
		return clean(c.s.Config.Title)
	}
	return "coexport"
}

// pageURL returns the absolute URL of an AMI's page.
func (c *catalogue) pageURL(a *data.AMI) string {
	return c.base + "ami/" + url.PathEscape(a.Slug) + "/"
}

// sectorName returns the French name of a sector slug, the slug itself when unknown.
func (c *catalogue) sectorName(slug string) string {
	if sec, ok := c.sectors[slug]; ok && sec.Name != "" {
		return sec.Name
	}
	return slug
}

// countryNames returns the French names of an AMI's countries, in its order.
func countryNames(a *data.AMI) []string {
	names := make([]string, len(a.Countries))
	for i, code := range a.Countries {
		names[i] = countryName(code)
	}
	return names
}

// sectorNames returns the French names of an AMI's sectors, in its order.
func (c *catalogue) sectorNames(a *data.AMI) []string {
	names := make([]string, len(a.Sectors))
	for i, slug := range a.Sectors {
		names[i] = c.sectorName(slug)
	}
	return names
}

// lastChange returns the later of an AMI's publication and revision dates.
func lastChange(a *data.AMI) time.Time {
	if a.Updated.After(a.Published) {
		return a.Updated
	}
	return a.Published
}

// revised reports whether the AMI was changed after its publication.
func revised(a *data.AMI) bool { return a.Updated.After(a.Published) }

// isoDate writes the day of t, in its own location, as YYYY-MM-DD; "" for the zero time.
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// dayStart returns the RFC 3339 date-time of the start of t's day in UTC: catalogue dates
// are days, and the site reckons days in UTC (site.Site.Today).
func dayStart(t time.Time) string { return t.Format(time.DateOnly) + "T00:00:00Z" }

// dayEnd returns the RFC 3339 date-time of the last second of t's day in UTC: a deadline
// day is included.
func dayEnd(t time.Time) string { return t.Format(time.DateOnly) + "T23:59:59Z" }

// clean returns s as text every output format accepts: valid UTF-8 with no character that
// XML 1.0 forbids, no other C0 or C1 control character but tab and newline, and line
// breaks (CRLF, CR) as "\n". Invalid bytes and forbidden characters are dropped.
func clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r':
			b.WriteByte('\n')
			if strings.HasPrefix(s[i+n:], "\n") {
				n++
			}
		case r == utf8.RuneError && n == 1:
		case allowed(r):
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}

// isClean reports whether clean(s) == s, quickly for the common case: valid UTF-8 (no
// surrogate either) with no C0 control but tab and newline, no DEL, no C1 control (C2 80 to
// C2 9F in UTF-8) and no U+FFFE or U+FFFF (EF BF BE, EF BF BF).
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 && c != '\t' && c != '\n', c == 0x7f:
			return false
		case c == 0xc2:
			if i+1 < len(s) && s[i+1] < 0xa0 { // a C1 control, or invalid UTF-8
				return false
			}
		case c == 0xef:
			if i+2 < len(s) && s[i+1] == 0xbf && s[i+2] >= 0xbe {
				return false
			}
		}
	}
	return utf8.ValidString(s)
}

// allowed reports whether r may appear in cleaned text.
func allowed(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return true
	case r < 0x20 || (r >= 0x7f && r < 0xa0): // C0, DEL, C1
		return false
	case r >= 0xd800 && r < 0xe000: // surrogates
		return false
	case r == 0xfffe || r == 0xffff:
		return false
	}
	return r <= utf8.MaxRune
}

// oneLine returns clean(s) with its line breaks and tabs turned into spaces, for values
// shown on one line (titles, names).
func oneLine(s string) string {
	s = clean(s)
	if !strings.ContainsAny(s, "\n\t") {
		return s
	}
	return strings.NewReplacer("\n", " ", "\t", " ").Replace(s)
}

// countryName is the French name of an ISO code as data formats carry it, with the plain
// apostrophe of the country table ("Côte d'Ivoire").
func countryName(code string) string {
	c, ok := country.Lookup(code)
	if !ok {
		return code
	}
	return c.Name
}

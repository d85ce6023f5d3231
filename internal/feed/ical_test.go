package feed

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"coexport/internal/data"
	"coexport/internal/french"
	"coexport/internal/site"
	"coexport/internal/testenv"
)

// icsProp is one unfolded content line: NAME;PARAM=VALUE:value.
type icsProp struct {
	Name   string
	Params map[string]string
	Value  string // raw, still escaped
}

// icsComp is a component, BEGIN:NAME … END:NAME.
type icsComp struct {
	Name  string
	Props []icsProp
	Comps []*icsComp
}

// props returns the properties named name.
func (c *icsComp) props(name string) []icsProp {
	var out []icsProp
	for _, p := range c.Props {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out
}

// one returns the only property named name, failing when there is not exactly one.
func (c *icsComp) one(t *testing.T, name string) icsProp {
	t.Helper()
	ps := c.props(name)
	if len(ps) != 1 {
		t.Fatalf("%s has %d %s properties, want 1", c.Name, len(ps), name)
	}
	return ps[0]
}

// text returns the unescaped TEXT value of the only property named name.
func (c *icsComp) text(t *testing.T, name string) string {
	t.Helper()
	s, err := unescapeText(c.one(t, name).Value)
	if err != nil {
		t.Fatalf("%s %s: %v", c.Name, name, err)
	}
	return s
}

var (
	icsName      = regexp.MustCompile(`^[A-Za-z0-9-]+$`)
	icsDate      = regexp.MustCompile(`^\d{8}$`)
	icsUTC       = regexp.MustCompile(`^\d{8}T\d{6}Z$`)
	textProps    = []string{"NAME", "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC", "UID", "SUMMARY", "LOCATION"}
	uniqueInVCal = []string{"PRODID", "VERSION", "CALSCALE", "METHOD"}
	uniqueInVEv  = []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL", "SEQUENCE", "LAST-MODIFIED", "CREATED"}
)

// parseICS is a strict iCalendar reader (RFC 5545 §3.1): CRLF line ends only, physical
// lines of at most 75 octets, each valid UTF-8 on its own (folds do not split a
// character), no control character but tab, well-formed names and parameters, balanced
// BEGIN/END, exactly one VCALENDAR, TEXT values with valid escapes and no bare ; or ,.
func parseICS(data []byte) (*icsComp, error) {
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		return nil, fmt.Errorf("does not end with CRLF")
	}
	phys := strings.Split(string(data[:len(data)-2]), "\r\n")
	var logical []string
	for i, l := range phys {
		switch {
		case strings.ContainsAny(l, "\r\n"):
			return nil, fmt.Errorf("line %d: bare CR or LF", i+1)
		case len(l) > 75:
			return nil, fmt.Errorf("line %d: %d octets, more than 75", i+1, len(l))
		case !utf8.ValidString(l):
			return nil, fmt.Errorf("line %d: invalid UTF-8 (a fold split a character?)", i+1)
		case l == "":
			return nil, fmt.Errorf("line %d: empty line", i+1)
		case l[0] == ' ' || l[0] == '\t':
			if len(logical) == 0 {
				return nil, fmt.Errorf("line %d: continuation without a first line", i+1)
			}
			logical[len(logical)-1] += l[1:]
		default:
			logical = append(logical, l)
		}
	}
	var stack []*icsComp
	var root *icsComp
	for i, l := range logical {
		p, err := parseContentLine(l)
		if err != nil {
			return nil, fmt.Errorf("content line %d %q: %w", i+1, l, err)
		}
		switch p.Name {
		case "BEGIN":
			c := &icsComp{Name: p.Value}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.Comps = append(top.Comps, c)
			} else if root != nil {
				return nil, fmt.Errorf("a second top-level component %s", p.Value)
			} else {
				root = c
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].Name != p.Value {
				return nil, fmt.Errorf("content line %d: END:%s does not close the open component", i+1, p.Value)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, fmt.Errorf("content line %d: property outside any component", i+1)
			}
			if slices.Contains(textProps, p.Name) {
				if _, err := unescapeText(p.Value); err != nil {
					return nil, fmt.Errorf("content line %d: %s: %w", i+1, p.Name, err)
				}
			}
			top := stack[len(stack)-1]
			top.Props = append(top.Props, p)
		}
	}
	if len(stack) != 0 {
		return nil, fmt.Errorf("%s not closed", stack[len(stack)-1].Name)
	}
	if root == nil || root.Name != "VCALENDAR" {
		return nil, fmt.Errorf("no VCALENDAR")
	}
	return root, nil
}

// parseContentLine splits name *(";" param) ":" value.
func parseContentLine(l string) (icsProp, error) {
	p := icsProp{Params: map[string]string{}}
	i := strings.IndexAny(l, ";:")
	if i < 0 {
		return p, fmt.Errorf("no colon")
	}
	p.Name = l[:i]
	if !icsName.MatchString(p.Name) {
		return p, fmt.Errorf("bad name %q", p.Name)
	}
	rest := l[i:]
	for rest[0] == ';' {
		rest = rest[1:]
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 || !icsName.MatchString(rest[:eq]) {
			return p, fmt.Errorf("bad parameter in %q", rest)
		}
		name := rest[:eq]
		rest = rest[eq+1:]
		end := strings.IndexAny(rest, ";:")
		if strings.HasPrefix(rest, `"`) {
			q := strings.IndexByte(rest[1:], '"')
			if q < 0 {
				return p, fmt.Errorf("unclosed quoted parameter")
			}
			end = q + 2
		}
		if end < 0 {
			return p, fmt.Errorf("no colon after parameters")
		}
		p.Params[name] = rest[:end]
		rest = rest[end:]
	}
	if rest[0] != ':' {
		return p, fmt.Errorf("no colon")
	}
	p.Value = rest[1:]
	for _, r := range p.Value {
		if (r < 0x20 && r != '\t') || r == 0x7f {
			return p, fmt.Errorf("control character %U in value", r)
		}
	}
	return p, nil
}

// unescapeText decodes a TEXT value (RFC 5545 §3.3.11), rejecting unknown escapes and
// bare ; or , (which would make it a list).
func unescapeText(v string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '\\':
			if i+1 == len(v) {
				return "", fmt.Errorf("trailing backslash in %q", v)
			}
			i++
			switch v[i] {
			case '\\', ';', ',':
				b.WriteByte(v[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				return "", fmt.Errorf("unknown escape \\%c in %q", v[i], v)
			}
		case ';', ',':
			return "", fmt.Errorf("bare %q in TEXT %q", c, v)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// checkCalendar parses an .ics and checks it against the AMIs it must hold, in order.
func checkCalendar(t *testing.T, path string, ics []byte, want []*data.AMI, s *site.Site) *icsComp {
	t.Helper()
	cal, err := parseICS(ics)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, name := range uniqueInVCal {
		cal.one(t, name)
	}
	if v := cal.one(t, "VERSION").Value; v != "2.0" {
		t.Errorf("%s: VERSION %q", path, v)
	}
	if m := cal.one(t, "METHOD").Value; m != "PUBLISH" {
		t.Errorf("%s: METHOD %q", path, m)
	}
	if cal.text(t, "X-WR-CALNAME") == "" {
		t.Errorf("%s: empty X-WR-CALNAME", path)
	}
	if len(cal.Comps) != len(want) {
		t.Fatalf("%s: %d components, want %d VEVENTs", path, len(cal.Comps), len(want))
	}
	uids := map[string]bool{}
	for i, ev := range cal.Comps {
		a := want[i]
		if ev.Name != "VEVENT" {
			t.Fatalf("%s: component %s, want VEVENT", path, ev.Name)
		}
		for _, name := range uniqueInVEv {
			ev.one(t, name)
		}
		uid := ev.text(t, "UID")
		if want := a.ID + "@example.org"; uid != want {
			t.Errorf("%s: UID %q, want %q", path, uid, want)
		}
		if uids[uid] {
			t.Errorf("%s: duplicate UID %q", path, uid)
		}
		uids[uid] = true
		if st := ev.one(t, "DTSTAMP").Value; st != "20260220T093000Z" {
			t.Errorf("%s: DTSTAMP %q, want the build time", path, st)
		}
		start, end := ev.one(t, "DTSTART"), ev.one(t, "DTEND")
		if start.Params["VALUE"] != "DATE" || end.Params["VALUE"] != "DATE" || !icsDate.MatchString(start.Value) || !icsDate.MatchString(end.Value) {
			t.Errorf("%s: DTSTART %+v DTEND %+v, want all-day dates", path, start, end)
		}
		if start.Value != a.Deadline.Format("20060102") || end.Value != a.Deadline.AddDate(0, 0, 1).Format("20060102") {
			t.Errorf("%s %s: event %s–%s, want the deadline %s and the next day", path, a.ID, start.Value, end.Value, isoDate(a.Deadline))
		}
		for _, name := range []string{"DTSTAMP", "CREATED", "LAST-MODIFIED"} {
			if v := ev.one(t, name).Value; !icsUTC.MatchString(v) {
				t.Errorf("%s: %s %q is not a UTC date-time", path, name, v)
			}
		}
		if got, want := ev.text(t, "SUMMARY"), "Date limite "+a.ID+"\u00a0: "+oneLine(a.Title); got != want {
			t.Errorf("%s: SUMMARY %q, want %q", path, got, want)
		}
		if u := ev.one(t, "URL").Value; u != "https://example.org/coexport/ami/"+a.Slug+"/" {
			t.Errorf("%s: URL %q", path, u)
		}
		desc := ev.text(t, "DESCRIPTION")
		for _, part := range []string{clean(a.Summary), french.Date(a.Deadline), a.Slug + "/"} {
			if !strings.Contains(desc, part) {
				t.Errorf("%s %s: DESCRIPTION %q lacks %q", path, a.ID, desc, part)
			}
		}
	}
	return cal
}

func TestCalendars(t *testing.T) {
	s := testSite()
	out := files(t, s)
	checkCalendar(t, "ami/echeances.ics", out["ami/echeances.ics"], s.Open, s)
	for _, c := range s.Countries {
		p := "pays/" + c.Slug() + "/echeances.ics"
		checkCalendar(t, p, out[p], c.Open, s)
	}
	for _, sec := range s.Sectors {
		p := "secteurs/" + sec.Slug + "/echeances.ics"
		checkCalendar(t, p, out[p], sec.Open, s)
	}
	for _, a := range s.AMIs {
		p := "ami/" + a.Slug + "/echeance.ics"
		if !a.Open(s.Today) {
			if out[p] != nil {
				t.Errorf("%s: a calendar was written for a closed AMI", p)
			}
			continue
		}
		checkCalendar(t, p, out[p], []*data.AMI{a}, s)
	}
	if n := len(s.Open); n != 4 {
		t.Fatalf("test site has %d open AMIs, want 4", n)
	}
}

// TestCalendarEscaping checks that hostile text comes back intact after unfolding and
// unescaping, and that folding really happened.
func TestCalendarEscaping(t *testing.T) {
	out := files(t, testSite())
	cal, err := parseICS(out["ami/ami-2026-002/echeance.ics"])
	if err != nil {
		t.Fatal(err)
	}
	ev := cal.Comps[0]
	if got, want := ev.text(t, "SUMMARY"), "Date limite AMI-2026-002\u00a0: \"quoted\" & <tag> ; semi, comma \\ back line two  end"; got != want {
		t.Errorf("SUMMARY = %q, want %q", got, want)
	}
	desc := ev.text(t, "DESCRIPTION")
	if !strings.HasPrefix(desc, "Première ligne ; avec, virgules et \\ barre.\nDeuxième ligne <b>pas du HTML</b> & \"guillemets\".\nTroisième.\n") {
		t.Errorf("DESCRIPTION = %q", desc)
	}
	if !strings.Contains(desc, formulaIssuer) {
		t.Errorf("DESCRIPTION lacks the issuer %q: %q", formulaIssuer, desc)
	}
	if got := ev.text(t, "LOCATION"); got != "-5, Sénégal, Côte d'Ivoire" {
		t.Errorf("LOCATION = %q", got)
	}
	if seq := ev.one(t, "SEQUENCE").Value; seq == "0" {
		t.Errorf("a revised AMI has SEQUENCE 0")
	}
	long := out["ami/ami-2026-003/echeance.ics"]
	if !bytes.Contains(long, []byte("\r\n ")) {
		t.Errorf("the 200-character title was not folded")
	}
	cal, err = parseICS(long)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cal.Comps[0].text(t, "SUMMARY"), "Date limite AMI-2026-003\u00a0: "+longTitle; got != want {
		t.Errorf("folded SUMMARY = %q, want %q", got, want)
	}
}

// TestCalendarStable checks that UIDs do not depend on the build date, and DTSTAMP does.
func TestCalendarStable(t *testing.T) {
	a := files(t, testSite())
	later := newSite("Guide du co-export & <AMI>", testSecs, testAMIs(), buildDate.Add(36*time.Hour))
	b := files(t, later)
	uid := regexp.MustCompile(`(?m)^UID:.*$`)
	for _, p := range []string{"ami/ami-2026-001/echeance.ics", "ami/ami-2026-002/echeance.ics"} {
		if !bytes.Equal(bytes.Join(uid.FindAll(a[p], -1), nil), bytes.Join(uid.FindAll(b[p], -1), nil)) {
			t.Errorf("%s: UIDs changed with the build date", p)
		}
		if bytes.Contains(b[p], []byte("DTSTAMP:20260220T093000Z")) {
			t.Errorf("%s: DTSTAMP did not follow the build date", p)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ name, in string }{
		{"ascii", strings.Repeat("a", 200)},
		{"two-byte", strings.Repeat("é", 100)},
		{"three-byte", strings.Repeat("€", 80)},
		{"four-byte", strings.Repeat("😀", 60)},
		{"escapes", strings.Repeat(`x\,`, 70)},
		{"exact", strings.Repeat("b", 75)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w icsWriter
			w.line(tt.in)
			out := w.b.String()
			for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
				if len(l) > 75 || !utf8.ValidString(l) {
					t.Errorf("line(%q): physical line %q (%d octets)", tt.in, l, len(l))
				}
				if strings.HasSuffix(l, `\`) && !strings.HasSuffix(l, `\\`) {
					t.Errorf("line(%q): a fold splits an escape: %q", tt.in, l)
				}
			}
			if got := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); got != tt.in {
				t.Errorf("line(%q) unfolds to %q", tt.in, got)
			}
		})
	}
}

// TestParseICSRejects checks that the strict reader of these tests fails on what a
// writer bug would produce.
func TestParseICSRejects(t *testing.T) {
	const head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	const tail = "END:VCALENDAR\r\n"
	tests := []struct{ name, doc string }{
		{"bare LF", "BEGIN:VCALENDAR\nVERSION:2.0\r\n" + tail},
		{"no final CRLF", head + "END:VCALENDAR"},
		{"76 octets", head + "SUMMARY:" + strings.Repeat("a", 68) + "\r\n" + tail},
		{"split character", head + "SUMMARY:" + strings.Repeat("a", 66) + "\xc3\r\n \xa9\r\n" + tail},
		{"unbalanced", head + "BEGIN:VEVENT\r\n" + tail},
		{"wrong END", head + "BEGIN:VEVENT\r\nEND:VTODO\r\n" + tail},
		{"bare comma", head + "SUMMARY:a, b\r\n" + tail},
		{"bare semicolon", head + "DESCRIPTION:a; b\r\n" + tail},
		{"unknown escape", head + "SUMMARY:a\\x\r\n" + tail},
		{"control character", head + "SUMMARY:a\x01b\r\n" + tail},
		{"bad name", head + "SUM MARY:a\r\n" + tail},
		{"two calendars", head + tail + head + tail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parseICS([]byte(tt.doc)); err == nil {
				t.Errorf("parseICS(%q) accepted it", tt.doc)
			}
		})
	}
	if _, err := parseICS([]byte(head + "SUMMARY:a\\, b\\; c\\\\ d\\n\r\n" + tail)); err != nil {
		t.Errorf("parseICS rejects valid escapes: %v", err)
	}
}

// TestICalJS runs testdata/icalcheck.mjs, which parses every calendar with ical.js, when
// node and ical.js are there; it skips otherwise, except in CI (testenv.Missing), which
// installs them (.ci/run: npm ci in .ci, COEXPORT_NODE_MODULES).
func TestICalJS(t *testing.T) {
	node := testenv.LookPath(t, "node", "nodejs")
	if os.Getenv("ICALJS") == "" {
		t.Setenv("ICALJS", testenv.NodeModule(t, "ical.js/dist/ical.js"))
	}
	dir := t.TempDir()
	args := []string{filepath.Join("testdata", "icalcheck.mjs")}
	for _, f := range Files(testSite()) {
		if !strings.HasSuffix(f.Path, ".ics") {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	out, err := exec.Command(node, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("icalcheck.mjs: %v\n%s", err, out)
	}
}

// TestCalendarDatesEightDigits: a date iCalendar cannot write as 8 digits (year 10000, the
// day after 9999-12-31, year 0) never reaches a calendar; the event is left out.
func TestCalendarDatesEightDigits(t *testing.T) {
	amis := testAMIs()[:2]
	far := amis[1:2]
	far[0].Published, far[0].Updated, far[0].Deadline = day("2026-01-10"), time.Time{}, time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	later := withSlugs([]*data.AMI{{ID: "AMI-2026-900", Title: "Après l'an 9999", Issuer: "X", Countries: []string{"SN"},
		Sectors: []string{"energie"}, Published: day("2026-01-10"), Deadline: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		Summary: "S", Contact: data.Contact{Email: "x@x.example"}}})
	early := withSlugs([]*data.AMI{{ID: "AMI-2026-901", Title: "An zéro", Issuer: "X", Countries: []string{"SN"},
		Sectors: []string{"energie"}, Published: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), Deadline: day("2026-12-01"),
		Summary: "S", Contact: data.Contact{Email: "x@x.example"}}})
	s := newSite("T", testSecs, append(append(amis, later...), early...), buildDate)
	date := regexp.MustCompile(`^\d{8}(T\d{6}Z)?$`)
	for p, b := range files(t, s) {
		if !strings.HasSuffix(p, ".ics") {
			continue
		}
		cal, err := parseICS(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if p == "ami/echeances.ics" && len(cal.Comps) != 1 {
			t.Errorf("%s has %d events, want 1 (the AMI whose dates can be written)", p, len(cal.Comps))
		}
		for _, ev := range cal.Comps {
			for _, name := range []string{"DTSTART", "DTEND", "CREATED", "LAST-MODIFIED"} {
				for _, prop := range ev.props(name) {
					if !date.MatchString(prop.Value) {
						t.Errorf("%s: %s:%s is not an 8-digit date", p, name, prop.Value)
					}
				}
			}
		}
	}
}

package feed

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"coexport/internal/data"
	"coexport/internal/french"
	"coexport/internal/site"
)

// calSpec is one calendar: its path, the HTML page it mirrors, its name and description.
type calSpec struct {
	path, page  string
	name, about string
}

func (c *catalogue) mainCalendar() calSpec {
	return calSpec{path: "ami/echeances.ics", page: "ami/",
		name:  "Échéances des AMI — " + c.title(),
		about: "Dates limites des appels à manifestation d'intérêt ouverts"}
}

func (c *catalogue) countryCalendar(ct *site.Country) calSpec {
	return calSpec{path: "pays/" + ct.Slug() + "/echeances.ics", page: "pays/" + ct.Slug() + "/",
		name:  "Échéances des AMI " + countryIn(ct) + " — " + c.title(),
		about: "Dates limites des appels à manifestation d'intérêt ouverts " + countryIn(ct)}
}

func (c *catalogue) sectorCalendar(sec *site.Sector) calSpec {
	name := oneLine(sec.Name)
	return calSpec{path: "secteurs/" + sec.Slug + "/echeances.ics", page: "secteurs/" + sec.Slug + "/",
		name:  "Échéances des AMI, secteur " + name + " — " + c.title(),
		about: "Dates limites des appels à manifestation d'intérêt ouverts dans le secteur " + name}
}

func (c *catalogue) amiCalendar(a *data.AMI) calSpec {
	page := "ami/" + a.Slug + "/"
	return calSpec{path: page + "echeance.ics", page: page,
		name:  oneLine(a.ID) + " — " + oneLine(a.Title),
		about: "Date limite de l'appel à manifestation d'intérêt " + oneLine(a.ID)}
}

// calendar writes an iCalendar object (RFC 5545) with one all-day event per AMI, on its
// deadline, in the order given.
func (c *catalogue) calendar(cal calSpec, amis []*data.AMI) []byte {
	w := &icsWriter{}
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:-//coexport//Echeances des AMI//FR")
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	w.text("NAME", cal.name) // RFC 7986
	w.text("X-WR-CALNAME", cal.name)
	w.text("DESCRIPTION", cal.about) // RFC 7986
	w.text("X-WR-CALDESC", cal.about)
	w.line("URL;VALUE=URI:" + c.base + cal.page)
	w.line("SOURCE;VALUE=URI:" + c.base + cal.path)
	w.line("REFRESH-INTERVAL;VALUE=DURATION:PT12H")
	w.line("X-PUBLISHED-TTL:PT12H")
	size := 0
	for _, a := range amis {
		size += len(c.frag(a).event)
	}
	w.b.Grow(size + 64)
	for _, a := range amis {
		w.b.Write(c.frag(a).event)
	}
	w.line("END:VCALENDAR")
	return w.b.Bytes()
}

// event returns the VEVENT of an AMI's deadline, the same in every calendar that lists
// it. Its UID, "<id>@<host>", is the same in every build; DTSTAMP is the build time.
// SEQUENCE is 0 for an AMI never revised, else one more than the number of days between
// publication and revision: it grows with each revision, so clients take the new version.
func (c *catalogue) event(a *data.AMI) []byte {
	start, okStart := icalDate(a.Deadline)
	end, okEnd := icalDate(a.Deadline.AddDate(0, 0, 1))
	created, okCreated := icalDate(a.Published)
	modified, okModified := icalDate(lastChange(a))
	if !okStart || !okEnd || !okCreated || !okModified {
		// data refuses dates outside 1900–2200; a date iCalendar cannot write is left out
		// rather than written as a value that clients misread.
		return nil
	}
	page := c.pageURL(a)
	w := &icsWriter{}
	w.line("BEGIN:VEVENT")
	w.text("UID", oneLine(a.ID)+"@"+c.host)
	w.line("DTSTAMP:" + c.s.BuildDate.UTC().Format("20060102T150405Z"))
	w.line("DTSTART;VALUE=DATE:" + start)
	w.line("DTEND;VALUE=DATE:" + end)
	w.line("CREATED:" + created + "T000000Z")
	w.line("LAST-MODIFIED:" + modified + "T000000Z")
	seq := 0
	if revised(a) {
		seq = int(a.Updated.Sub(a.Published).Hours()/24) + 1
	}
	w.line("SEQUENCE:" + strconv.Itoa(seq))
	w.text("SUMMARY", "Date limite "+oneLine(a.ID)+"\u00a0: "+oneLine(a.Title))
	w.text("DESCRIPTION", c.eventDescription(a, page))
	place := countryNames(a)
	if a.City != "" {
		place = append([]string{oneLine(a.City)}, place...)
	}
	w.text("LOCATION", strings.Join(place, ", "))
	w.line("URL;VALUE=URI:" + page)
	w.line("TRANSP:TRANSPARENT")
	w.line("END:VEVENT")
	return w.b.Bytes()
}

// eventDescription returns the plain text of an event: the summary and the facts of the
// AMI, then its page.
func (c *catalogue) eventDescription(a *data.AMI, page string) string {
	var b strings.Builder
	line := func(label, value string) { b.WriteString(label + "\u00a0: " + value + "\n") }
	b.WriteString(clean(a.Summary) + "\n\n")
	line("Émetteur", oneLine(a.Issuer))
	line("Pays", strings.Join(countryNames(a), ", "))
	line("Secteurs", strings.Join(c.sectorNames(a), ", "))
	line("Date limite", french.Date(a.Deadline)+" (inclus)")
	if a.Budget != nil {
		line("Budget indicatif", french.Amount(a.Budget.Amount, a.Budget.Currency))
	}
	if revised(a) {
		line("Mis à jour", french.Date(a.Updated))
	}
	b.WriteString("\n" + page)
	return b.String()
}

// icsWriter writes content lines: CRLF ends, folded at 75 octets (RFC 5545 §3.1) without
// splitting a UTF-8 sequence.
type icsWriter struct{ b bytes.Buffer }

// maxLine is the longest content line, in octets, without its CRLF.
const maxLine = 75

// line writes a content line that is already escaped, folding it. Folds fall between
// characters and never inside an escape such as "\\,": unfolding would mend both, but
// lenient readers do not always unfold before unescaping.
func (w *icsWriter) line(s string) {
	limit := maxLine // octets allowed on this physical line, after its leading space
	for len(s) > limit {
		cut := foldPoint(s, limit)
		w.b.WriteString(s[:cut])
		w.b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1
	}
	w.b.WriteString(s)
	w.b.WriteString("\r\n")
}

// foldPoint returns the largest n <= limit such that s[:n] ends neither inside a UTF-8
// sequence nor between a backslash and the character it escapes.
func foldPoint(s string, limit int) int {
	n := 0
	for n < len(s) {
		size := 1
		switch {
		case s[n] == '\\' && n+1 < len(s):
			size = 2 // escapes are a backslash and one ASCII character
		case s[n] >= utf8.RuneSelf:
			_, size = utf8.DecodeRuneInString(s[n:])
		}
		if n+size > limit {
			break
		}
		n += size
	}
	return n
}

// text writes a property whose value is TEXT, cleaned and escaped.
func (w *icsWriter) text(name, value string) {
	w.line(name + ":" + escapeText(clean(value)))
}

// textEscaper escapes TEXT values (RFC 5545 §3.3.11); clean has already turned every line
// break into "\n".
var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`)

func escapeText(s string) string { return textEscaper.Replace(s) }

// icalDate formats t as an iCalendar DATE, exactly 8 digits (RFC 5545 §3.3.4); ok is false
// for a year outside 1–9999, which has no such form.
func icalDate(t time.Time) (date string, ok bool) {
	if y := t.Year(); y < 1 || y > 9999 {
		return "", false
	}
	return t.Format("20060102"), true
}

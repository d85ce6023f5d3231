package feed

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"html"
	"slices"
	"strings"

	"coexport/internal/data"
	"coexport/internal/french"
	"coexport/internal/site"
)

// feedSpec is one Atom feed: its path, the HTML page it mirrors, its title and its entries.
type feedSpec struct {
	path, page      string // relative to the site root: "pays/sn/feed.xml", "pays/sn/"
	title, subtitle string
	entries         []*data.AMI // newest of the open AMIs of its scope
}

// feedSpecs returns every Atom feed: the catalogue's, then each country's and sector's.
func (c *catalogue) feedSpecs() []feedSpec {
	specs := []feedSpec{c.mainFeed()}
	for _, ct := range c.s.Countries {
		specs = append(specs, c.countryFeed(ct))
	}
	for _, sec := range c.s.Sectors {
		specs = append(specs, c.sectorFeed(sec))
	}
	return specs
}

func (c *catalogue) mainFeed() feedSpec {
	return feedSpec{path: "ami/feed.xml", page: "ami/",
		title:    "AMI ouverts — " + c.title(),
		subtitle: "Appels à manifestation d'intérêt ouverts aux PME, les plus récents d'abord",
		entries:  newest(c.s.Open)}
}

func (c *catalogue) countryFeed(ct *site.Country) feedSpec {
	return feedSpec{path: "pays/" + ct.Slug() + "/feed.xml", page: "pays/" + ct.Slug() + "/",
		title:    "AMI ouverts " + countryIn(ct) + " — " + c.title(),
		subtitle: "Appels à manifestation d'intérêt ouverts " + countryIn(ct) + ", les plus récents d'abord",
		entries:  newest(ct.Open)}
}

func (c *catalogue) sectorFeed(sec *site.Sector) feedSpec {
	name := oneLine(sec.Name)
	return feedSpec{path: "secteurs/" + sec.Slug + "/feed.xml", page: "secteurs/" + sec.Slug + "/",
		title:    "AMI ouverts, secteur " + name + " — " + c.title(),
		subtitle: "Appels à manifestation d'intérêt ouverts dans le secteur " + name + ", les plus récents d'abord",
		entries:  newest(sec.Open)}
}

// countryIn returns the locative phrase of a country, "au Sénégal", or its name in
// parentheses when it has none (a code missing from the country table).
func countryIn(ct *site.Country) string {
	if ct.In != "" {
		return oneLine(ct.In)
	}
	return "(" + oneLine(cmp.Or(ct.Name, ct.Code)) + ")"
}

// Atom elements, RFC 4287. Element order inside feed and entry is free.
type (
	atomFeed struct {
		XMLName   xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
		Lang      string     `xml:"xml:lang,attr"`
		ID        string     `xml:"id"`
		Title     atomText   `xml:"title"`
		Subtitle  atomText   `xml:"subtitle"`
		Links     []atomLink `xml:"link"`
		Updated   string     `xml:"updated"`
		Author    atomPerson `xml:"author"`
		Generator string     `xml:"generator"`
	}
	atomEntry struct {
		XMLName    xml.Name       `xml:"entry"`
		ID         string         `xml:"id"`
		Title      atomText       `xml:"title"`
		Links      []atomLink     `xml:"link"`
		Published  string         `xml:"published"`
		Updated    string         `xml:"updated"`
		Author     atomPerson     `xml:"author"`
		Categories []atomCategory `xml:"category"`
		Summary    atomText       `xml:"summary"`
		Content    atomText       `xml:"content"`
	}
	atomText struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	}
	atomLink struct {
		Rel   string `xml:"rel,attr"`
		Type  string `xml:"type,attr,omitempty"`
		Title string `xml:"title,attr,omitempty"`
		Href  string `xml:"href,attr"`
	}
	atomPerson struct {
		Name string `xml:"name"`
		URI  string `xml:"uri,omitempty"`
	}
	atomCategory struct {
		Term   string `xml:"term,attr"`
		Scheme string `xml:"scheme,attr"`
		Label  string `xml:"label,attr"`
	}
)

// FeedEntries is the most entries a feed holds: the open AMIs of its scope most recently
// published or revised. A feed reader fetches the whole file at each poll and keeps the
// entries it has seen, so a feed carries what is new; every open AMI stays on the HTML
// pages, in the calendars and in the exports. (On the 10k benchmark corpus, 7,000 open
// AMIs, the 56 feeds weighed 56 MB, 14 MB for ami/feed.xml alone.)
const FeedEntries = 50

// newest returns the FeedEntries AMIs of amis most recently changed, newest first (the
// later id first between two changed the same day).
func newest(amis []*data.AMI) []*data.AMI {
	amis = slices.Clone(amis)
	slices.SortFunc(amis, func(a, b *data.AMI) int {
		return cmp.Or(lastChange(b).Compare(lastChange(a)), cmp.Compare(b.ID, a.ID))
	})
	return amis[:min(len(amis), FeedEntries)]
}

// atom writes one feed: its entries, newest first. Its id is its own URL; its updated
// date is the last change of its newest entry, or the build day when it has none.
func (c *catalogue) atom(f feedSpec) []byte {
	amis := f.entries
	updated := c.s.Today
	if len(amis) > 0 {
		updated = lastChange(amis[0])
	}
	head := must(xml.MarshalIndent(atomFeed{
		Lang:     "fr",
		ID:       c.base + f.path,
		Title:    atomText{"text", f.title},
		Subtitle: atomText{"text", f.subtitle},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: c.base + f.path},
			{Rel: "alternate", Type: "text/html", Href: c.base + f.page},
		},
		Updated:   dayStart(updated),
		Author:    atomPerson{Name: c.title(), URI: c.base},
		Generator: "coexport",
	}, "", "  "))
	// The entries go before the closing tag, each marshalled once for all feeds.
	const end = "\n</feed>"
	head = bytes.TrimSuffix(head, []byte(end))
	size := len(xml.Header) + len(head) + len(end) + 1
	for _, a := range amis {
		size += 1 + len(c.frag(a).entry)
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	b.WriteString(xml.Header)
	b.Write(head)
	for _, a := range amis {
		b.WriteByte('\n')
		b.Write(c.frag(a).entry)
	}
	b.WriteString(end + "\n")
	return b.Bytes()
}

// entry returns the marshalled entry of an AMI, the same in every feed that lists it: its
// id is the AMI page's URL, its updated date the AMI's last change, so a revised AMI comes
// back to readers as an updated entry.
func (c *catalogue) entry(a *data.AMI) []byte {
	page := c.pageURL(a)
	e := &atomEntry{
		ID:    page,
		Title: atomText{"text", oneLine(a.ID) + " — " + oneLine(a.Title)},
		Links: []atomLink{
			{Rel: "alternate", Type: "text/html", Href: page},
			{Rel: "related", Type: "text/calendar", Title: "Ajouter la date limite à mon agenda", Href: page + "echeance.ics"},
		},
		Published: dayStart(a.Published),
		Updated:   dayStart(lastChange(a)),
		Author:    atomPerson{Name: oneLine(a.Issuer)},
		Summary:   atomText{"text", clean(a.Summary)},
		Content:   atomText{"html", c.entryHTML(a, page)},
	}
	for _, code := range a.Countries {
		e.Categories = append(e.Categories, atomCategory{Term: clean(code), Scheme: c.base + "pays/", Label: oneLine(countryName(code))})
	}
	for _, slug := range a.Sectors {
		e.Categories = append(e.Categories, atomCategory{Term: clean(slug), Scheme: c.base + "secteurs/", Label: oneLine(c.sectorName(slug))})
	}
	return e.marshal()
}

// marshal returns the entry as xml.MarshalIndent(e, "  ", "  ") does (a test checks it),
// written directly: encoding/xml reflects on every field of every entry, and the entries
// of a large catalogue were most of the feeds' time.
func (e *atomEntry) marshal() []byte {
	var b bytes.Buffer
	b.Grow(1024 + 2*len(e.Content.Text) + len(e.Summary.Text)) // escaping lengthens the HTML
	text := func(s string) { _ = xml.EscapeText(&b, []byte(s)) }
	attr := func(name, value string) {
		b.WriteString(" " + name + `="`)
		text(value)
		b.WriteByte('"')
	}
	elem := func(indent, name, value string) {
		b.WriteString(indent + "<" + name + ">")
		text(value)
		b.WriteString("</" + name + ">\n")
	}
	typed := func(name string, t atomText) {
		b.WriteString("    <" + name)
		attr("type", t.Type)
		b.WriteByte('>')
		text(t.Text)
		b.WriteString("</" + name + ">\n")
	}
	b.WriteString("  <entry>\n")
	elem("    ", "id", e.ID)
	typed("title", e.Title)
	for _, l := range e.Links {
		b.WriteString("    <link")
		attr("rel", l.Rel)
		if l.Type != "" {
			attr("type", l.Type)
		}
		if l.Title != "" {
			attr("title", l.Title)
		}
		attr("href", l.Href)
		b.WriteString("></link>\n")
	}
	elem("    ", "published", e.Published)
	elem("    ", "updated", e.Updated)
	b.WriteString("    <author>\n")
	elem("      ", "name", e.Author.Name)
	if e.Author.URI != "" {
		elem("      ", "uri", e.Author.URI)
	}
	b.WriteString("    </author>\n")
	for _, cat := range e.Categories {
		b.WriteString("    <category")
		attr("term", cat.Term)
		attr("scheme", cat.Scheme)
		attr("label", cat.Label)
		b.WriteString("></category>\n")
	}
	typed("summary", e.Summary)
	typed("content", e.Content)
	b.WriteString("  </entry>")
	return b.Bytes()
}

// entryHTML returns the body of an entry: the summary, then the facts an SME sorts AMIs
// by (issuer, countries, sectors, deadline, budget), then the link to the page.
func (c *catalogue) entryHTML(a *data.AMI, page string) string {
	var b strings.Builder
	esc := func(s string) string { return html.EscapeString(clean(s)) }
	item := func(label, value string) {
		b.WriteString("<li>" + label + "\u00a0: " + value + "</li>\n")
	}
	b.WriteString("<p>" + esc(a.Summary) + "</p>\n<ul>\n")
	item("Émetteur", esc(oneLine(a.Issuer)))
	item("Pays", esc(strings.Join(countryNames(a), ", ")))
	item("Secteurs", esc(strings.Join(c.sectorNames(a), ", ")))
	item("Date limite", "<strong>"+french.Date(a.Deadline)+"</strong>")
	if a.Budget != nil {
		item("Budget indicatif", esc(french.Amount(a.Budget.Amount, a.Budget.Currency)))
	}
	pub := "Publié le " + french.Date(a.Published)
	if revised(a) {
		pub += ", mis à jour le " + french.Date(a.Updated)
	}
	b.WriteString("<li>" + pub + "</li>\n</ul>\n")
	href := html.EscapeString(page)
	b.WriteString(`<p><a href="` + href + `">Lire l'AMI ` + esc(oneLine(a.ID)) + ` et manifester son intérêt</a>` +
		` · <a href="` + href + `echeance.ics">Ajouter la date limite à mon agenda</a></p>`)
	return b.String()
}

// must returns out, panicking on err: marshalling the fixed types of this package fails
// only on a programming error.
func must(out []byte, err error) []byte {
	if err != nil {
		panic("feed: " + err.Error())
	}
	return out
}

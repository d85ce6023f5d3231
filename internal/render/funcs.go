package render

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"

	"coexport/internal/data"
	"coexport/internal/french"
	"coexport/internal/site"
	"coexport/internal/vocab"
)

// funcs are the template functions of the page layout named layout. They reach the
// renderer through ref, so that a dev server can keep its parsed layouts from one build to
// the next and point them at each build's renderer (see Memo).
func funcs(ref *rendererRef, layout string) template.FuncMap {
	return template.FuncMap{
		"cached":    func(name string, data any) (template.HTML, error) { return ref.r.cached(layout, name, data) },
		"url":       func(rel string) string { return ref.r.URL(rel) },
		"absurl":    func(rel string) string { return ref.r.AbsURL(rel) },
		"asset":     func(name string) string { return ref.r.asset(name) },
		"inline":    func(name string) (template.JS, error) { return ref.r.inlineScript(name) },
		"amicard":   func(a *data.AMI) (template.HTML, error) { return ref.r.amiPartial("ami-item", a) },
		"amiline":   func(a *data.AMI) (template.HTML, error) { return ref.r.amiPartial("ami-line", a) },
		"fr":        french.Text,
		"date":      french.Date,
		"isodate":   func(t time.Time) string { return t.Format(time.DateOnly) },
		"month":     monthLabel,
		"num":       func(n int) string { return french.Int(int64(n)) },
		"amount":    func(b *data.Budget) string { return french.Amount(b.Amount, b.Currency) },
		"percent":   french.Percent,
		"html":      func(s string) template.HTML { return template.HTML(s) }, // markdown output: raw HTML was dropped when parsed
		"country":   site.CountryOf,
		"sector":    func(slug string) string { return ref.r.site.Config.SectorName(slug) },
		"scheme":    func(slug string) string { return vocab.Schemes[slug] },
		"open":      func(a *data.AMI) bool { return a.Open(ref.r.site.Today) },
		"daysleft":  func(a *data.AMI) int { return a.DaysLeft(ref.r.site.Today) },
		"openon":    func(deadline time.Time) bool { return data.OpenOn(deadline, ref.r.site.Today) },  // open, from the deadline alone
		"daysto":    func(deadline time.Time) int { return data.DaysLeft(deadline, ref.r.site.Today) }, // daysleft, from the deadline alone
		"mailto":    func(a *data.AMI) template.URL { return ref.r.mailto(a) },
		"lower":     strings.ToLower,
		"plural":    plural,
		"chart":     surveyChart,
		"printhtml": func(slug, html string) template.HTML { return ref.r.printHTML(slug, html) },
		"category": func(c string) string {
			return map[string]string{"goods": "Fournitures", "services": "Services", "works": "Travaux"}[c]
		},
		"clienttype": func(c string) string {
			return map[string]string{"private": "privé", "public": "public", "mixed": "mixte"}[c]
		},
		"join": func(sep string, s []string) string { return strings.Join(s, sep) },
		"countrynames": func(codes []string) string {
			names := make([]string, len(codes))
			for i, c := range codes {
				names[i] = site.CountryOf(c).Name
			}
			return strings.Join(names, ", ")
		},
		"buildyear": func() int { return ref.r.site.BuildDate.Year() },
		// linkschecked is when site.yaml's external links were last checked (zero: never said).
		"linkschecked": func() time.Time { return ref.r.site.Config.LinksChecked },
	}
}

// plural returns "1 chapitre", "2 chapitres", "12 000 AMI" (n, then the singular or plural).
func plural(n int, one, many string) string {
	if n <= 1 {
		return french.Int(int64(n)) + "\u00a0" + one
	}
	return french.Int(int64(n)) + "\u00a0" + many
}

// monthLabel turns "2027-03" into "mars 2027".
func monthLabel(ym string) string {
	t, err := time.Parse("2006-01", ym)
	if err != nil {
		return ym
	}
	return french.Month(t.Month()) + " " + fmt.Sprint(t.Year())
}

// mailto returns the "Manifester mon intérêt" link: the AMI id in the subject and a body
// template the SME fills in.
func (r *Renderer) mailto(a *data.AMI) template.URL {
	subject := "Manifestation d'intérêt — " + a.ID + " — " + a.Title
	body := "Bonjour,\n\nNotre entreprise souhaite manifester son intérêt pour l'appel " + a.ID +
		" (« " + a.Title + " »).\n\n" +
		"Entreprise : \nSIRET : \nSite web : \nContact (nom, fonction, téléphone) : \n\n" +
		"En quelques lignes, ce que nous apportons (références, capacités, pays où nous sommes présents) :\n\n\n" +
		"Page de l'appel : " + r.AbsURL("ami/"+a.Slug+"/") + "\n\nCordialement,\n"
	q := "subject=" + pathEscape(subject) + "&body=" + pathEscape(body)
	return template.URL("mailto:" + a.Contact.Email + "?" + q)
}

// pathEscape escapes for a mailto query: spaces as %20, not "+", which mail clients show.
func pathEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// printHTML makes a chapter's HTML fit in the printable guide: its ids and the links to
// them get the chapter's slug as a prefix (chapters share heading names), links to other
// chapters point inside the printable guide, and headings go one level down under the
// chapter's own title. The dev server renders the printable guide again on every save of
// a chapter, hence plain string scans rather than a regular expression, and Options.Memo,
// which keeps each chapter's part so that only the saved chapter's is made again.
func (r *Renderer) printHTML(slug, html string) template.HTML {
	prefix := `href="` + r.URL("guide/")
	return template.HTML(r.opts.Memo.get(memoKey{"print:" + prefix, slug, html}, func() string {
		html := strings.NewReplacer(
			` id="`, ` id="`+slug+`-`, `href="#`, `href="#`+slug+`-`,
			"<h4", "<h5", "</h4>", "</h5>", "<h3", "<h4", "</h3>", "</h4>", "<h2", "<h3", "</h2>", "</h3>",
		).Replace(html)
		return printLinks(html, prefix)
	}))
}

// printLinks turns the links of html to a chapter, prefix then "slug/" or
// "slug/#anchor" and a closing quote, into links inside the printable guide: "#slug",
// "#slug-anchor".
func printLinks(html, prefix string) string {
	var b strings.Builder
	b.Grow(len(html))
	for {
		i := strings.Index(html, prefix)
		if i < 0 {
			break
		}
		rest := html[i+len(prefix):]
		chapter, anchor, n, ok := chapterLink(rest)
		if !ok {
			b.WriteString(html[:i+len(prefix)])
			html = rest
			continue
		}
		b.WriteString(html[:i])
		b.WriteString(`href="#`)
		b.WriteString(chapter)
		if anchor != "" {
			b.WriteString("-")
			b.WriteString(anchor)
		}
		b.WriteString(`"`)
		html = rest[n:]
	}
	b.WriteString(html)
	return b.String()
}

// chapterLink reads `slug/"` or `slug/#anchor"` at the start of s, with a slug of
// [a-z0-9-], and returns its parts and length.
func chapterLink(s string) (slug, anchor string, n int, ok bool) {
	for n < len(s) && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= '0' && s[n] <= '9' || s[n] == '-') {
		n++
	}
	slug = s[:n]
	if n == 0 || !strings.HasPrefix(s[n:], "/") {
		return "", "", 0, false
	}
	n++
	switch {
	case strings.HasPrefix(s[n:], `"`):
		return slug, "", n + 1, true
	case strings.HasPrefix(s[n:], "#"):
		end := strings.IndexByte(s[n:], '"')
		if end < 0 {
			return "", "", 0, false
		}
		return slug, s[n+1 : n+end], n + end + 1, true
	}
	return "", "", 0, false
}

// asset returns the URL of a static asset. Built sites add a hash of its content, so that
// browsers never keep a stale copy; the dev server leaves it out (it serves with no-store),
// so that a stylesheet edit changes the stylesheet alone and pages can swap it in place.
func (r *Renderer) asset(name string) string {
	if r.opts.LiveReload {
		return r.URL("assets/" + name)
	}
	return r.URL("assets/"+name) + "?v=" + r.version[name]
}

// inlineScript returns a script asset's text, to put inside a <script> element of a page
// (layouts/search.html does, so that the search starts without waiting for a second file).
// A script that holds "</script" or "<!--" would end the element early or change how the
// page parses: it is refused.
func (r *Renderer) inlineScript(name string) (template.JS, error) {
	src, ok := r.assets[name]
	if !ok {
		return "", fmt.Errorf("inline %s: no such asset in layouts/assets/", name)
	}
	b, err := MinifyScript(src)
	if err != nil {
		return "", fmt.Errorf("inline %s: %v", name, err)
	}
	lower := bytes.ToLower(b)
	if bytes.Contains(lower, []byte("</script")) || bytes.Contains(b, []byte("<!--")) {
		return "", fmt.Errorf("inline %s: it holds </script or <!--, which cannot be inside a <script> element", name)
	}
	return template.JS(b), nil
}

// MinifyScript returns a script without its comments and spaces, its local names
// shortened: what a page carries inline, since every reader of the page downloads it
// (search.js: 41 KB as written for the next maintainer, 17 KB minified). The file itself
// stays as written in assets/.
func MinifyScript(src []byte) ([]byte, error) {
	var out bytes.Buffer
	if err := js.Minify(minify.New(), &out, bytes.NewReader(src), nil); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// amiPartial renders the partial name ("ami-item", "ami-line") of a once and returns it
// for every list that shows a: a large catalogue puts each AMI on five or six list pages.
func (r *Renderer) amiPartial(name string, a *data.AMI) (template.HTML, error) {
	return r.once(cardKey{name, a}, a, name, func() *template.Template {
		for _, layout := range slices.Sorted(maps.Keys(r.pages)) {
			if t := r.pages[layout].Lookup(name); t != nil {
				return t
			}
		}
		return nil
	})
}

// cached renders the template name of a page layout with data once, and returns it again
// for every page of that layout that calls it with an equal data: the header and footer of
// a page depend only on the site and the page's kind (see Frame), and html/template calls
// each function and escaper of a template through reflection, once per page otherwise.
// data must be comparable, or a slice of comparable values (the breadcrumbs of a page):
// it is the cache's key, and all the template can read.
func (r *Renderer) cached(layout, name string, data any) (template.HTML, error) {
	key, ok := cacheKey(data)
	if !ok {
		return "", fmt.Errorf("cached %q: its data, a %T, cannot be a cache key", name, data)
	}
	return r.once(partKey{layout, name, key}, data, name, func() *template.Template { return r.pages[layout].Lookup(name) })
}

// cacheKey returns data as a key for cached: itself when comparable, the array of its
// elements for a slice of comparable values; false for anything else.
func cacheKey(data any) (any, bool) {
	if data == nil {
		return nil, true
	}
	t := reflect.TypeOf(data)
	switch {
	case t.Comparable():
		return data, true
	case t.Kind() == reflect.Slice && t.Elem().Comparable():
		v := reflect.ValueOf(data)
		a := reflect.New(reflect.ArrayOf(v.Len(), t.Elem())).Elem()
		reflect.Copy(a, v)
		return a.Interface(), true
	}
	return nil, false
}

// once returns the template name, found by lookup, executed with data: rendered on the
// first call with key, taken from r.parts after that.
func (r *Renderer) once(key, data any, name string, lookup func() *template.Template) (template.HTML, error) {
	if h, ok := r.parts.Load(key); ok {
		return h.(template.HTML), nil
	}
	t := lookup()
	if t == nil {
		return "", fmt.Errorf("the template %q is not defined in the layouts", name)
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	r.parts.Store(key, h)
	return h, nil
}

// partKey names a part rendered by cached.
type partKey struct {
	layout, name string
	data         any
}

// cardKey names a partial rendered for one AMI.
type cardKey struct {
	partial string
	ami     *data.AMI
}

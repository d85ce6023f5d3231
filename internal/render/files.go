package render

import (
	"bytes"
	"encoding/xml"
	neturl "net/url"
	"sort"
	"strings"
)

// fileJobs are the outputs made without a page layout: static assets, sitemap, robots.txt.
func (r *Renderer) fileJobs() []Job {
	var jobs []Job
	names := make([]string, 0, len(r.assets))
	for n := range r.assets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		data := r.assets[n]
		jobs = append(jobs, Job{Path: "assets/" + n, Deps: []string{"asset:" + r.version[n]},
			run: func(*Renderer) ([]byte, error) { return data, nil }})
	}
	jobs = append(jobs, Job{Path: "robots.txt", Deps: []string{"site"}, run: func(r *Renderer) ([]byte, error) {
		return []byte("User-agent: *\nAllow: /\n\nSitemap: " + r.AbsURL("sitemap.xml") + "\n"), nil
	}})
	jobs = append(jobs, Job{Path: "sitemap.xml", Deps: []string{"taxonomy", "models", "amis", "pages"}, run: (*Renderer).sitemap})
	return jobs
}

// sitemap lists every HTML page but the 404 with its absolute URL (sitemaps.org 0.9).
func (r *Renderer) sitemap() ([]byte, error) {
	type url struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod,omitempty"`
	}
	var set struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}
	set.NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	for _, p := range r.pagePaths {
		if p == "404.html" {
			continue
		}
		u := url{Loc: r.AbsURL(escapePath(p[:len(p)-len("index.html")]))}
		if t, ok := r.lastMod[p]; ok {
			u.Lastmod = t.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(set); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// escapePath percent-encodes each segment of a site-relative path, as a URL in a sitemap
// must be (sitemaps.org: "entity-escaped" and RFC 3986). Slugs are checked to be safe, so
// this changes nothing today; it keeps the sitemap valid whatever a path holds.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = neturl.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

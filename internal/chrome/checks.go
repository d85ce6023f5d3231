package chrome

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// Violation is one axe-core rule that a page breaks, with the elements that break it.
type Violation struct {
	ID     string `json:"id"`     // the rule: "color-contrast", "landmark-one-main", …
	Impact string `json:"impact"` // "minor", "moderate", "serious" or "critical"
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  string `json:"target"` // a CSS selector of the element
		HTML    string `json:"html"`
		Summary string `json:"summary"` // how to fix it
	} `json:"nodes"`
}

// String formats v as "rule (impact): help" and one line for each element.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s <%s>", v.ID, v.Impact, v.Help, v.URL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    at %s: %s\n      %s", n.Target, trim(n.HTML, 160), strings.ReplaceAll(n.Summary, "\n", "\n      "))
	}
	return b.String()
}

func trim(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// AxeTags are the axe-core rule tags Axe runs: WCAG 2.0 and 2.1, levels A and AA, and
// axe's best practices (landmarks, heading order, …).
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"}

// Axe injects axe-core (the source of axe.min.js) into the page the tab shows, runs the
// rules tagged AxeTags over the whole document and returns the violations.
func (t *Tab) Axe(axeSource string) ([]Violation, error) {
	if _, err := Eval[bool](t, axeSource+"\n;true"); err != nil {
		return nil, fmt.Errorf("inject axe-core: %w", err)
	}
	tags := `['` + strings.Join(AxeTags, `','`) + `']`
	vs, err := Eval[[]Violation](t, `axe.run(document, {runOnly: {type: 'tag', values: `+tags+`}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.map(s => [].concat(s).join(' >>> ')).join(', '),
      html: n.html, summary: n.failureSummary || ''}))})))`)
	if err != nil {
		return nil, fmt.Errorf("run axe-core: %w", err)
	}
	return vs, nil
}

// Overflow is the horizontal extent of a page against its viewport.
type Overflow struct {
	ScrollWidth int      `json:"scrollWidth"` // document.scrollingElement.scrollWidth
	InnerWidth  int      `json:"innerWidth"`  // window.innerWidth
	Culprits    []string `json:"culprits"`    // the outermost elements that stick out, when it scrolls
}

// Scrolls reports whether the page scrolls sideways.
func (o Overflow) Scrolls() bool { return o.ScrollWidth > o.InnerWidth }

// Overflow measures the page's width against the viewport and, when the page is wider,
// names the outermost elements whose right edge passes the viewport's (elements inside a
// box that scrolls or clips sideways, such as a wide table, are fine).
func (t *Tab) Overflow() (Overflow, error) {
	return Eval[Overflow](t, `(() => {
  const vw = window.innerWidth, se = document.scrollingElement;
  const out = {scrollWidth: se.scrollWidth, innerWidth: vw, culprits: []};
  if (se.scrollWidth <= vw) return out;
  const name = el => el.localName + (el.id ? '#' + el.id : '') +
    [...el.classList].map(c => '.' + c).join('');
  const path = el => { const p = []; for (let e = el; e && e !== document.body && p.length < 4; e = e.parentElement) p.unshift(name(e)); return p.join(' > '); };
  const clipped = el => { for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
  const sticks = el => el.getBoundingClientRect().right > vw + 0.5 && !clipped(el);
  for (const el of document.body.querySelectorAll('*')) {
    if (sticks(el) && !(el.parentElement && el.parentElement !== document.body && sticks(el.parentElement)))
      out.culprits.push(path(el) + ' (right edge at ' + Math.round(el.getBoundingClientRect().right) + ' px)');
    if (out.culprits.length >= 8) break;
  }
  return out;
})()`)
}

// ScriptBytes returns how many bytes of JavaScript the page loaded: the decoded bodies of
// the scripts it fetched and the text of its inline scripts.
func (t *Tab) ScriptBytes() (int, error) {
	return Eval[int](t, `(() => {
  let n = 0;
  for (const e of performance.getEntriesByType('resource')) if (e.initiatorType === 'script') n += e.decodedBodySize;
  for (const s of document.scripts) if (!s.src) n += new Blob([s.text]).size;
  return n;
})()`)
}

// Main is what the page's main landmark shows.
type Main struct {
	Found   bool     `json:"found"`   // the page has a <main>
	Heading string   `json:"heading"` // the text of its first h1
	Text    int      `json:"text"`    // how many characters it shows
	Links   []string `json:"links"`   // the href of every link it shows, in order
}

// Main describes the page's main landmark as the reader sees it: hidden elements and
// their links do not count.
func (t *Tab) Main() (Main, error) {
	return Eval[Main](t, `(() => {
  const m = document.querySelector('main');
  if (!m) return {found: false, heading: '', text: 0, links: []};
  const h = m.querySelector('h1');
  return {found: true, heading: h ? h.innerText.trim() : '', text: m.innerText.trim().length,
    links: [...m.querySelectorAll('a[href]')].filter(a => a.getClientRects().length > 0).map(a => a.getAttribute('href'))};
})()`)
}

// Screenshot captures the whole page, beyond the viewport, as a PNG.
func (t *Tab) Screenshot() ([]byte, error) {
	ctx, cancel := context.WithTimeout(t.ctx, 60*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.FullScreenshot(100))
}

// PDF prints the page as the browser's "Print → Save as PDF" does, on A4 paper unless the
// page's CSS sets another size, and returns the PDF file.
func (t *Tab) PDF() ([]byte, error) {
	ctx, cancel := context.WithTimeout(t.ctx, 120*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
}

// Focus is the element that has the keyboard focus.
type Focus struct {
	Element string  `json:"element"` // tag, id and classes: "a.skip"
	Top     float64 `json:"top"`     // its top edge in the viewport, in CSS pixels
	Outline string  `json:"outline"` // its computed outline-style
	Hash    string  `json:"hash"`    // the page's location.hash
}

// Press sends keys (see chromedp/kb: "\t" is Tab, "\r" is Enter) to the page as a
// keyboard does, then says which element has the focus.
func (t *Tab) Press(keys string) (Focus, error) {
	ctx, cancel := context.WithTimeout(t.ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(keys)); err != nil {
		return Focus{}, fmt.Errorf("press %q: %w", keys, err)
	}
	return Eval[Focus](t, `(() => {
  const e = document.activeElement || document.body;
  return {element: e.localName + (e.id ? '#' + e.id : '') + [...e.classList].map(c => '.' + c).join(''),
    top: e.getBoundingClientRect().top, outline: getComputedStyle(e).outlineStyle, hash: location.hash};
})()`)
}

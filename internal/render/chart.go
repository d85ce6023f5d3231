package render

import (
	"fmt"
	"html/template"
	"strings"

	"coexport/internal/data"
	"coexport/internal/french"
)

// surveyChart draws a question's answers as an inline SVG horizontal bar chart, each bar
// labelled with its count and percentage of the respondents. The SVG is an image with a
// text alternative; the layout puts the same figures in a table beside it.
func surveyChart(q data.Question, respondents int) template.HTML {
	const (
		width, labelW, barH, gap = 640, 150, 34, 14
		barMax                   = width - labelW - 130
	)
	height := len(q.Answers)*(barH+gap) + gap
	var alt []string
	for _, a := range q.Answers {
		alt = append(alt, fmt.Sprintf("%s : %s (%s)", a.Label, french.Int(int64(a.Count)), french.Percent(a.Count, respondents)))
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="chart-%s-title" xmlns="http://www.w3.org/2000/svg">`, width, height, q.ID)
	fmt.Fprintf(&b, `<title id="chart-%s-title">%s</title>`, q.ID, template.HTMLEscapeString(french.Space(q.Label+" — "+strings.Join(alt, " ; "))))
	for i, a := range q.Answers {
		y := gap + i*(barH+gap)
		w := 0
		if respondents > 0 {
			w = a.Count * barMax / respondents
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="chart-label" text-anchor="end">%s</text>`, labelW-10, y+barH/2+5, template.HTMLEscapeString(a.Label))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" class="chart-bar chart-bar-%d" rx="3"></rect>`, labelW, y, max(w, 2), barH, i%4)
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="chart-value">%s · %s</text>`, labelW+max(w, 2)+8, y+barH/2+5,
			french.Int(int64(a.Count)), french.Percent(a.Count, respondents))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

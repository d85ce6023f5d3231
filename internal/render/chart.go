package render

import (
	"fmt"
	"html/template"
	"strings"

	"coexport/internal/data"
	"coexport/internal/french"
)

// surveyChart draws a question's answers as an inline SVG horizontal bar chart, each bar
// with its label above it and its count and percentage of the respondents after it. The
// drawing is narrow (400 units) so that its text stays readable on a phone, where it is
// scaled down to the screen's width. It is an image with a text alternative; the layout
// puts the same figures in a table beside it.
func surveyChart(q data.Question, respondents int) template.HTML {
	const (
		width, labelH, barH, gap = 400, 20, 26, 16
		barMax                   = width - 130
	)
	row := labelH + barH + gap
	height := len(q.Answers)*row + 4
	var alt []string
	for _, a := range q.Answers {
		alt = append(alt, fmt.Sprintf("%s : %s (%s)", a.Label, french.Int(int64(a.Count)), french.Percent(a.Count, respondents)))
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="chart-%s-title" xmlns="http://www.w3.org/2000/svg">`, width, height, q.ID)
	fmt.Fprintf(&b, `<title id="chart-%s-title">%s</title>`, q.ID, template.HTMLEscapeString(french.Text(q.Label+" — "+strings.Join(alt, " ; "))))
	for i, a := range q.Answers {
		y := 4 + i*row
		w := 0
		if respondents > 0 {
			w = a.Count * barMax / respondents
		}
		w = max(w, 2)
		fmt.Fprintf(&b, `<text x="0" y="%d" class="chart-label">%s</text>`, y+labelH-5, template.HTMLEscapeString(french.Text(a.Label)))
		fmt.Fprintf(&b, `<rect x="0" y="%d" width="%d" height="%d" class="chart-bar chart-bar-%d" rx="3"></rect>`, y+labelH, w, barH, i%4)
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="chart-value">%s · %s</text>`, w+8, y+labelH+barH/2+5,
			french.Int(int64(a.Count)), french.Percent(a.Count, respondents))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

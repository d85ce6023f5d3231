package data

import (
	"coexport/internal/diag"
	"coexport/internal/fields"
	"coexport/internal/source"
)

// Survey is content/enquete.yaml: the counts of a survey's answers. Percentages are not
// data: pages compute them from the counts.
type Survey struct {
	Title       string
	Source      string
	Year        int
	Respondents int
	Questions   []Question
	// Findings are what the source reports in words, without figures: shown as such,
	// never charted.
	Findings []string
}

// Question is one survey question and its answers' counts.
type Question struct {
	ID, Label string
	Note      string // about the question itself, e.g. that its exact wording is not published
	Multiple  bool   // several answers per respondent: counts need not add up
	Answers   []Answer
}

// Answer is one answer and how many respondents gave it.
type Answer struct {
	Label string
	Count int
}

// Total returns the sum of the answers' counts.
func (q Question) Total() int {
	t := 0
	for _, a := range q.Answers {
		t += a.Count
	}
	return t
}

// ParseSurvey reads content/enquete.yaml. A single-choice question whose counts do not add
// up to the number of respondents is reported, as is any count above it.
func ParseSurvey(f source.File, d *diag.List) *Survey {
	node := fields.Decode(f.Path, f.Data, 0, d)
	if node == nil {
		return nil
	}
	m := fields.NewObject(f.Path, 0, node, SurveySpec, d)
	s := &Survey{Title: m.Text("title"), Source: m.Text("source"),
		Year: int(m.Number("year")), Respondents: int(m.Number("respondents"))}
	for _, f := range m.Values("findings") {
		s.Findings = append(s.Findings, f.S)
	}
	seen := map[string]bool{}
	for _, qm := range m.Objects("questions") {
		q := Question{ID: qm.Text("id"), Label: qm.Text("label"), Note: qm.Text("note"), Multiple: qm.Flag("multiple")}
		if seen[q.ID] {
			qm.Errorf("id", "duplicate question id %q", q.ID)
		}
		seen[q.ID] = true
		for _, am := range qm.Objects("answers") {
			a := Answer{Label: am.Text("label"), Count: int(am.Number("count"))}
			if s.Respondents > 0 && a.Count > s.Respondents {
				am.Errorf("count", "count %d must be between 0 and the %d respondents", a.Count, s.Respondents)
			}
			q.Answers = append(q.Answers, a)
		}
		if len(q.Answers) == 0 && qm.Has("answers") { // absent: reported as missing
			qm.Errorf("answers", "question %q has no answers", q.ID)
		}
		if !q.Multiple && s.Respondents > 0 && len(q.Answers) > 0 && q.Total() != s.Respondents {
			qm.Errorf("answers", "the answers to single-choice question %q add up to %d, not to the %d respondents (set multiple: true if several answers were allowed)", q.ID, q.Total(), s.Respondents)
		}
		s.Questions = append(s.Questions, q)
	}
	return s
}

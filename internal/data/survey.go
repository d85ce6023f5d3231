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
	m := fields.NewMap(f.Path, 0, node, []string{"title", "source", "year", "respondents", "questions", "findings"}, d)
	s := &Survey{Title: m.String("title", true), Source: m.String("source", true),
		Year: int(m.Int("year", false)), Respondents: int(m.Int("respondents", true))}
	for _, f := range m.Strings("findings") {
		s.Findings = append(s.Findings, f.S)
	}
	if s.Respondents <= 0 && m.Has("respondents") {
		m.Errorf("respondents", "respondents must be a positive number")
	}
	seen := map[string]bool{}
	for _, n := range m.List("questions") {
		qm := m.Sub(n, []string{"id", "label", "note", "multiple", "answers"})
		q := Question{ID: qm.String("id", true), Label: qm.String("label", true), Note: qm.String("note", false),
			Multiple: qm.Bool("multiple")}
		if seen[q.ID] {
			qm.Errorf("id", "duplicate question id %q", q.ID)
		}
		seen[q.ID] = true
		for _, an := range qm.List("answers") {
			am := qm.Sub(an, []string{"label", "count"})
			a := Answer{Label: am.String("label", true), Count: int(am.Int("count", true))}
			if a.Count < 0 || (s.Respondents > 0 && a.Count > s.Respondents) {
				am.Errorf("count", "count %d must be between 0 and the %d respondents", a.Count, s.Respondents)
			}
			q.Answers = append(q.Answers, a)
		}
		if len(q.Answers) == 0 {
			qm.Errorf("answers", "question %q has no answers", q.ID)
		}
		if !q.Multiple && s.Respondents > 0 && len(q.Answers) > 0 && q.Total() != s.Respondents {
			qm.Errorf("answers", "the answers to single-choice question %q add up to %d, not to the %d respondents (set multiple: true if several answers were allowed)", q.ID, q.Total(), s.Respondents)
		}
		s.Questions = append(s.Questions, q)
	}
	return s
}

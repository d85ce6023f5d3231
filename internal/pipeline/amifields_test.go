package pipeline_test

import (
	"bytes"
	"reflect"
	"testing"
	"testing/fstest"

	"coexport/internal/diag"
	"coexport/internal/feed"
	"coexport/internal/pipeline"
	"coexport/internal/render"
	"coexport/layouts"
)

// fullAMI sets every field of amis.yaml.
const fullAMI = `- id: AMI-2026-001
  title: Un appel complet
  issuer: Groupe
  countries: [SN]
  sectors: [energie]
  city: Dakar
  category: works
  published: 2026-11-01
  updated: 2026-11-10
  deadline: 2026-12-20
  summary: Un résumé.
  description: Le besoin, *détaillé*.
  contact: {name: Awa, email: a@b.example, url: "https://b.example/"}
  budget: {amount: 1000, currency: XOF}
  fictional: true
  schemes: [portage]
  sought: [pose]
  eligibility: PME
  selection_criteria: [références]
  questions_until: 2026-12-01
  expected_tender: 2027-03
  project: {name: P, client_type: public, financing: État, duration_months: 12}
  documents: [{title: Cahier, url: "https://b.example/c.pdf"}]
  cpv: [09300000-2]
`

// TestEveryAMIFieldIsShown fails when a field of data.AMI reaches none of the outputs — its
// page, the feeds, calendars and exports — as a new field would if it were only parsed:
// each field in turn is zeroed, and some output must change.
func TestEveryAMIFieldIsShown(t *testing.T) {
	src := fstest.MapFS{
		"content/site.yaml": {Data: []byte("title: T\nbase_url: https://example.org/\nsectors:\n  - {slug: energie, name: Énergie, cpv: [09000000-3]}\n")},
		"content/amis.yaml": {Data: []byte(fullAMI)},
	}
	// incremental: a one-shot build lets the AMIs' descriptions go once the pages are made
	res, err := pipeline.New(pipeline.Config{Src: src, BuildDate: buildDate, Incremental: true}).Build()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diags) > 0 {
		t.Fatalf("build failed:\n%s", res.Diags.Error())
	}
	s := res.Site
	a := s.AMIs[0]
	outputs := func() []byte {
		var d diag.List
		r := render.New(layouts.FS, s, render.Options{}, &d)
		var b bytes.Buffer
		for _, j := range r.Jobs() {
			if j.Path == "ami/"+a.Slug+"/index.html" {
				page, err := r.Run(j)
				if err != nil {
					t.Fatal(err)
				}
				b.Write(page)
			}
		}
		for _, f := range feed.Files(s) {
			b.Write(f.Data)
		}
		return b.Bytes()
	}
	before := outputs()
	v := reflect.ValueOf(a).Elem()
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if name == "Pos" { // where the AMI is written in amis.yaml: for error messages only
			continue
		}
		t.Run(name, func(t *testing.T) {
			f := v.Field(i)
			if f.IsZero() {
				t.Fatalf("fullAMI leaves data.AMI.%s empty: set it in the fixture", name)
			}
			saved := reflect.New(f.Type()).Elem()
			saved.Set(f)
			f.SetZero()
			defer f.Set(saved)
			if bytes.Equal(outputs(), before) {
				t.Errorf("data.AMI.%s is in none of the outputs (page, feeds, calendars, amis.json, amis.csv): show it, or export it", name)
			}
		})
	}
}

package chrome

import (
	"strings"
	"testing"
	"time"
)

// TestAMIFilters uses the filters of /ami/ as a reader does: pick a country, see the list
// narrow to its AMIs and the URL change; open a filtered URL and see the filters restored.
func TestAMIFilters(t *testing.T) {
	b := browser(t)
	s := servedSite(t)
	var code string
	var want int
	for _, c := range s.Result.Site.Countries {
		if len(c.Open) > 1 && len(c.Open) < len(s.Result.Site.Open) {
			code, want = c.Slug(), len(c.Open)
			break
		}
	}
	if code == "" {
		t.Fatalf("on %s (siteDate), no country has several open AMIs but not all: pick another siteDate", siteDate.Format(time.DateOnly))
	}
	tab, err := b.NewTab()
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	if _, err := tab.Open(s.URL+"/ami/", View{}); err != nil {
		t.Fatal(err)
	}
	visible := `[...document.querySelectorAll('#ami-list > li')].filter(li => !li.hidden)`
	all, err := Eval[int](tab, visible+`.length`)
	if err != nil || all != len(s.Result.Site.Open) {
		t.Fatalf("before filtering, %d AMIs shown (%v), want the %d open ones", all, err, len(s.Result.Site.Open))
	}
	js := `(() => { const f = document.getElementById('f-pays'); f.value = '` + code + `';
		f.dispatchEvent(new Event('change', {bubbles: true})); return location.search; })()`
	search, err := Eval[string](tab, js)
	if err != nil || search != "?pays="+code {
		t.Fatalf("after choosing a country the URL query is %q (%v), want ?pays=%s", search, err, code)
	}
	n, _ := Eval[int](tab, visible+`.length`)
	if n != want {
		t.Errorf("country %s: %d AMIs shown, want %d", code, n, want)
	}
	ok, _ := Eval[bool](tab, visible+`.every(li => li.dataset.countries.toLowerCase().split(' ').includes('`+code+`'))`)
	if !ok {
		t.Errorf("country %s: an AMI of another country is still shown", code)
	}
	status, _ := Eval[string](tab, `document.getElementById('ami-count').textContent`)
	if !strings.Contains(status, "appel") {
		t.Errorf("count reads %q", status)
	}

	// A shared link restores the filters; an impossible combination says so.
	if _, err := tab.Open(s.URL+"/ami/?pays="+code+"&mots=zzzzqqqq", View{}); err != nil {
		t.Fatal(err)
	}
	sel, _ := Eval[string](tab, `document.getElementById('f-pays').value`)
	n, _ = Eval[int](tab, visible+`.length`)
	status, _ = Eval[string](tab, `document.getElementById('ami-count').textContent`)
	if sel != code || n != 0 || !strings.Contains(status, "Aucun") {
		t.Errorf("from the URL: country %q, %d shown, status %q; want %q, 0, Aucun…", sel, n, status, code)
	}
}

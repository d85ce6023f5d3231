package render

import "testing"

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{"Énergie": "énergie", "BTP et infrastructures": "BTP et infrastructures", "Santé": "santé", "": ""} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrintLinks(t *testing.T) {
	const prefix = `href="/b/guide/`
	for _, c := range []struct{ in, want string }{
		{`<a href="/b/guide/portage/">x</a>`, `<a href="#portage">x</a>`},
		{`<a href="/b/guide/portage/#les-risques">x</a>`, `<a href="#portage-les-risques">x</a>`},
		{`<a href="/b/guide/portage/#">x</a>`, `<a href="#portage">x</a>`},
		{`<a href="/b/guide/">x</a> <a href="/b/guide/a-1/">y</a>`, `<a href="/b/guide/">x</a> <a href="#a-1">y</a>`},
		{`<a href="/b/guide/Maj/">x</a>`, `<a href="/b/guide/Maj/">x</a>`},
		{`<a href="/b/guide/x/y/">x</a>`, `<a href="/b/guide/x/y/">x</a>`},
		{`<a href="/b/guide/x/#open`, `<a href="/b/guide/x/#open`},
		{`<a href="/b/cas/x/">x</a>`, `<a href="/b/cas/x/">x</a>`},
	} {
		if got := printLinks(c.in, prefix); got != c.want {
			t.Errorf("printLinks(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

package render

import "testing"

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{"Énergie": "énergie", "BTP et infrastructures": "BTP et infrastructures", "Santé": "santé", "": ""} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

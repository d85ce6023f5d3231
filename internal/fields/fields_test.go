package fields

import "testing"

func TestSuggest(t *testing.T) {
	known := []string{"countries", "sectors", "title", "summary", "deadline"}
	for in, want := range map[string]string{"contries": "countries", "sector": "sectors", "titel": "title", "xyz": "", "deadlin": "deadline"} {
		if got := Suggest(in, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidEmail(t *testing.T) {
	for in, want := range map[string]bool{"a@b.example": true, "pas-un-email": false, "A <a@b.example>": false, "a@b": false, "": false} {
		if got := ValidEmail(in); got != want {
			t.Errorf("ValidEmail(%q) = %v, want %v", in, got, want)
		}
	}
}

package french

import "strings"

// Text applies French typography to a plain text shown to readers (a YAML field, a
// search snippet), as the markdown typographer does for bodies: typographic apostrophes, paired "quotes" as « guillemets »,
// and the spacing of french.Space and french.Digits.
func Text(s string) string {
	s = strings.ReplaceAll(s, "'", "’")
	if n := strings.Count(s, `"`); n > 0 && n%2 == 0 {
		var b strings.Builder
		for i, part := range strings.Split(s, `"`) {
			switch {
			case i == 0:
				b.WriteString(part)
			case i%2 == 1: // inside the quotation
				b.WriteString("«\u202f" + strings.TrimSpace(part) + "\u202f»")
			default:
				b.WriteString(part)
			}
		}
		s = b.String()
	}
	return Digits(Space(s))
}

// Prose returns Digits(Space(b)) for a run of markdown prose, and b itself, not a copy,
// when neither changes it: most runs hold no sign and no digit, and the markdown
// renderer calls Prose on every one.
func Prose(b []byte) []byte {
	if !hasSignOrDigit(b) {
		return b
	}
	s := string(b)
	out := Digits(Space(s))
	if out == s { // typed as French wants it already
		return b
	}
	return []byte(out)
}

// hasSignOrDigit reports whether b holds a sign Space spaces (see hasSign) or a digit.
func hasSignOrDigit(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == ';' || c == '!' || c == '?' || c == ':' || c == '%' || isDigit(c):
			return true
		case c == 0xc2 && i+1 < len(b) && (b[i+1] == 0xab || b[i+1] == 0xbb):
			return true
		}
	}
	return false
}

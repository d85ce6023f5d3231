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

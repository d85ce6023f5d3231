package french

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Space returns s with French typographic spacing, for a run of plain prose
// (a text segment of Markdown outside code, link destinations, autolinks and
// raw HTML, or a YAML string shown on a page). Only spaces change:
//
//   - The spaces typed before ; ! ? » (ASCII spaces, tabs, U+00A0, U+2009,
//     U+202F, one or more) become one U+202F, and those before : and % one
//     U+00A0; those after « become one U+202F.
//   - A missing space is inserted after « (unless a line break follows) and
//     before » (unless s starts with it or a line break precedes it).
//   - A missing U+202F is inserted before ; ! ? only when the sign follows a
//     letter, a digit, a closing quote or bracket, and is followed by
//     whitespace, the end of s, ! ? » ” or ); so "Quoi?!" becomes
//     "Quoi\u202f?!" but "?q=1", "!important" and "a;b" are left alone.
//   - A missing U+00A0 is inserted before % only after a digit and before
//     whitespace, the end of s or closing punctuation ("50%," but not "%20").
//   - Nothing is ever inserted before : (times "10:30", "http://", "C:\"),
//     and emoticons such as :) ;-) :-( keep the spaces around them.
//
// A sign at the start of s gets no inserted space, since what precedes it is
// unknown, but a space typed before it is converted. Spaces before , . … )
// and line breaks are left alone. Space is idempotent.
func Space(s string) string {
	if !hasSign(s) {
		return s
	}
	// Only two gaps can change: the one before a sign, and the one after «. Rather
	// than decide every gap between two runes, go from sign to sign.
	var b strings.Builder
	changed := false
	done := 0  // s[:done] is accounted for in b
	last := -1 // the start of the last gap decided
	gap := func(i int) {
		if i <= last {
			return
		}
		last = i
		prev := noRune
		if i > 0 {
			prev, _ = utf8.DecodeLastRuneInString(s[:i])
		}
		j := skipTypedSpaces(s, i)
		if sp, ok := gapSpace(prev, s[j:], j > i); ok && s[i:j] != sp {
			if !changed {
				b.Grow(len(s) + 2*len(nnbsp))
				changed = true
			}
			b.WriteString(s[done:i])
			b.WriteString(sp)
			done = j
		}
	}
	for k := 0; k < len(s); k++ {
		switch c := s[k]; {
		case c == ';' || c == '!' || c == '?' || c == ':' || c == '%':
			gap(typedSpacesBefore(s, k))
		case c != 0xc2 || k+1 == len(s):
		case s[k+1] == 0xbb: // »
			gap(typedSpacesBefore(s, k))
		case s[k+1] == 0xab: // «
			gap(typedSpacesBefore(s, k))
			gap(k + 2)
		}
	}
	if !changed {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// typedSpacesBefore returns the start of the run of spaces an author may have typed
// that ends at k in s (k itself when there is none).
func typedSpacesBefore(s string, k int) int {
	for k > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:k])
		switch r {
		case ' ', '\t', '\u00a0', '\u2009', '\u202f':
			k -= size
		default:
			return k
		}
	}
	return k
}

// hasSign reports whether s holds one of ; ! ? : % « », the signs Space
// spaces. It scans bytes, « and » being C2 AB and C2 BB in UTF-8, because
// most prose segments have no sign and this is the common path.
func hasSign(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ';', '!', '?', ':', '%':
			return true
		case 0xc2:
			if i+1 < len(s) && (s[i+1] == 0xab || s[i+1] == 0xbb) {
				return true
			}
		}
	}
	return false
}

// noRune stands for the start or the end of the text.
const noRune rune = -1

// gapSpace decides the space between prev (a rune, or noRune at the start)
// and rest (the text that follows, possibly empty), where typed reports
// whether the author typed spaces there. It returns the space to put in the
// gap and true, or false to leave the gap as it is. Both branches (typed and
// missing) choose the same space for the same neighbours, which makes Space
// idempotent.
func gapSpace(prev rune, rest string, typed bool) (string, bool) {
	next, size := noRune, 0
	if rest != "" {
		next, size = utf8.DecodeRuneInString(rest)
	}
	after := rest[size:]
	var sp string
	insert := false
	switch {
	case spaceBefore(next) != "" && !isEmoticon(rest):
		sp = spaceBefore(next)
		insert = insertBefore(prev, next, after)
	case prev == '«':
		sp = nnbsp
	default:
		return "", false
	}
	if prev == '«' && (next == noRune || !unicode.IsSpace(next)) {
		insert = true
	}
	return sp, typed || insert
}

// spaceBefore returns the space a sign takes before it, or "".
func spaceBefore(r rune) string {
	switch r {
	case ';', '!', '?', '»':
		return nnbsp
	case ':', '%':
		return nbsp
	}
	return ""
}

// insertBefore reports whether a missing space goes between prev and the
// sign next, followed by after.
func insertBefore(prev, next rune, after string) bool {
	switch next {
	case ';', '!', '?':
		return closesWord(prev) && endsSign(after, "!?»”)")
	case '%':
		return '0' <= prev && prev <= '9' && endsSign(after, ",.;:!?)»”…")
	case '»':
		return prev != noRune && !unicode.IsSpace(prev)
	}
	return false
}

// closesWord reports whether r can end the word a sign belongs to.
func closesWord(r rune) bool {
	switch r {
	case '»', '”', '"', '\'', '’', ')', ']':
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// endsSign reports whether after, the text following a sign, shows that the
// sign is punctuation: it is empty, starts with whitespace or with one of
// the runes in closers.
func endsSign(after, closers string) bool {
	if after == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(after)
	return unicode.IsSpace(r) || strings.ContainsRune(closers, r)
}

// isEmoticon reports whether s starts with an emoticon made of ':' or ';',
// an optional nose and a mouth, not followed by a letter or digit: ":)",
// ";-)", ":'(", ":D".
func isEmoticon(s string) bool {
	if s == "" || s[0] != ':' && s[0] != ';' {
		return false
	}
	s = s[1:]
	if s != "" && strings.IndexByte("-'^", s[0]) >= 0 {
		s = s[1:]
	}
	if s == "" || strings.IndexByte(")(][DPpOo/\\|*$@", s[0]) < 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[1:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// skipTypedSpaces returns the index of the first rune at or after i in s that
// is not a space an author may have typed before a sign.
func skipTypedSpaces(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case ' ', '\t', '\u00a0', '\u2009', '\u202f':
			i += size
		default:
			return i
		}
	}
	return i
}

package french

import "strings"

// Digits returns s with the typed spaces inside numbers ("8 953", "40 000") turned into
// the narrow no-break space that groups thousands, and the space typed between a number and
// "€" into a no-break space, so that a line never breaks inside an amount. A group is one
// to three digits followed by groups of exactly three; "en 2016 400 firmes" is left alone
// (2016 is not a group). Digits is idempotent.
func Digits(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	var b strings.Builder
	done := 0
	replace := func(from, to int, with string) {
		if s[from:to] == with {
			return
		}
		if b.Len() == 0 && done == 0 {
			b.Grow(len(s) + 8)
		}
		b.WriteString(s[done:from])
		b.WriteString(with)
		done = to
	}
	for i := 0; i < len(s); {
		if !isDigit(s[i]) || (i > 0 && (isDigit(s[i-1]) || isWordByte(s[i-1]))) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i > 3 {
			i = j
			continue
		}
		for {
			sp := spaceAt(s, j)
			if sp == 0 || j+sp+3 > len(s) || !isDigit(s[j+sp]) || !isDigit(s[j+sp+1]) || !isDigit(s[j+sp+2]) ||
				(j+sp+3 < len(s) && (isDigit(s[j+sp+3]) || isWordByte(s[j+sp+3]))) {
				break
			}
			replace(j, j+sp, nnbsp)
			j += sp + 3
		}
		if sp := spaceAt(s, j); sp > 0 && strings.HasPrefix(s[j+sp:], "€") {
			replace(j, j+sp, nbsp)
		}
		i = j
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isWordByte reports whether c continues a word or a code: an ASCII letter, or the first
// byte of a non-ASCII letter (accents), '-', '_', '/', '.' and ',' as in "AMI-2026" or "3,5".
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 || strings.IndexByte("-_/.,", c) >= 0
}

// spaceAt returns the length of the one space (ASCII, U+00A0 or U+202F) at s[i], or 0.
func spaceAt(s string, i int) int {
	switch {
	case i < len(s) && s[i] == ' ':
		return 1
	case strings.HasPrefix(s[i:], nbsp):
		return len(nbsp)
	case strings.HasPrefix(s[i:], nnbsp):
		return len(nnbsp)
	}
	return 0
}

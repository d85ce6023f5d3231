package french

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldSpecial maps the letters that carry no decomposable accent, and the
// typographic apostrophe, to their folded ASCII spelling. Upper-case forms
// are lowered before the lookup.
var foldSpecial = map[rune]string{
	'œ':      "oe",
	'æ':      "ae",
	'ß':      "ss",
	'ø':      "o",
	'ł':      "l",
	'đ':      "d",
	'\u2019': "'", // ’ right single quotation mark, the French apostrophe
	'\u02bc': "'", // ʼ modifier letter apostrophe
}

// stripMarks removes combining marks after canonical decomposition, then
// recomposes what is left (Hangul, for instance). A transform.Chain keeps
// buffers, so each goroutine takes its own from the pool.
var stripMarks = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Fold returns s in lower case with accents removed, for matching and slugs:
// é→e, à→a, ç→c, œ→oe, æ→ae, ß→ss, ø→o, ł→l, đ→d, and the apostrophes ’ and ʼ
// become '. Every other character is kept, lowered; invalid UTF-8 bytes
// become U+FFFD. Pure ASCII input costs no allocation unless it has upper
// case letters.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	folded := replaceSpecial(s, true)
	t := stripMarks.Get().(transform.Transformer)
	defer stripMarks.Put(t)
	out, _, err := transform.String(t, folded)
	if err != nil {
		// The chain has no failure mode on valid UTF-8, which replaceSpecial
		// guarantees; keep the lowered text rather than lose it.
		return folded
	}
	// An accent may sit on a special letter (ǣ is æ with a macron): once the
	// accents are gone, that letter is replaced too.
	if strings.ContainsAny(out, specialLetters) {
		return replaceSpecial(out, false)
	}
	return out
}

// specialLetters are the keys of foldSpecial, for strings.ContainsAny.
var specialLetters = func() string {
	var b strings.Builder
	for r := range foldSpecial {
		b.WriteRune(r)
	}
	return b.String()
}()

// replaceSpecial returns s with the letters of foldSpecial replaced, lowering
// every rune first when lower is set.
func replaceSpecial(s string, lower bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if lower {
			r = unicode.ToLower(r)
		}
		if rep, ok := foldSpecial[r]; ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Slug returns an ASCII identifier for s, for URLs and HTML ids: s is folded,
// then each run of characters outside [a-z0-9] becomes one '-', and leading
// and trailing '-' are dropped. The result matches ^[a-z0-9]+(-[a-z0-9]+)*$
// or is empty. Slug("Les étapes clés") is "les-etapes-cles".
func Slug(s string) string {
	f := Fold(s)
	b := make([]byte, 0, len(f))
	dash := false
	for i := 0; i < len(f); i++ {
		c := f[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
			continue
		}
		dash = true
	}
	return string(b)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

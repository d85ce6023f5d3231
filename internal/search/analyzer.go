package search

import (
	"unicode/utf8"
)

// MaxTokenLen is the longest word the analyzer keeps, in bytes after folding: longer runs of
// letters and digits (hashes, glued URLs) are dropped rather than indexed.
const MaxTokenLen = 40

// foldLatin maps U+00C0..U+017F to ASCII: one letter, or a code for two letters (A→ae, O→oe,
// S→ss, T→th, I→ij), or a space for a separator (× ÷). search.js carries the same string.
const foldLatin = "aaaaaaAceeeeiiiidnooooo ouuuuyTSaaaaaaAceeeeiiiidnooooo ouuuuyTy" +
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiIIjjkkkllllllllllnnnnnnnnnooooooOOrrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"

// stopWords are dropped after folding: articles, pronouns, the commonest prepositions and
// auxiliaries. Kept short on purpose: a word that carries meaning must stay searchable.
var stopWords = setOf("a", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "d", "dans", "de", "des",
	"du", "elle", "elles", "en", "est", "et", "il", "ils", "j", "je", "l", "la", "le", "les", "leur",
	"leurs", "lui", "m", "ma", "mes", "n", "ne", "nos", "notre", "nous", "on", "ont", "ou", "par", "pas",
	"pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sont", "sur", "t", "ta", "te", "tes",
	"ton", "tu", "un", "une", "vos", "votre", "vous", "y")

// elisions are the words that an apostrophe glues to the next one: l'énergie, qu'il, jusqu'à.
var elisions = setOf("c", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "puisqu", "qu", "quoiqu", "s", "t")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Analyze returns the index tokens of text: lower-cased, accents and ligatures folded to
// ASCII, split on anything but letters and digits, elisions (l' d' qu' …, with ' or ’) and
// stop words removed, each word reduced by a light French stemmer. search.js implements the
// same function; testdata/analyzer_vectors.json proves they agree.
func Analyze(text string) []string {
	var out []string
	var s wordScanner
	var st []byte
	s.scan(text, func(w []byte, _, _ int) {
		st = stem(append(st[:0], w...))
		out = append(out, string(st))
	})
	return out
}

// wordScanner holds the buffer one scan reuses, so that indexing allocates nothing per word.
type wordScanner struct{ buf []byte }

// scan calls fn with each word of text that is neither an elision nor a stop word: its folded
// form (only valid during the call) and its byte range in text.
func (s *wordScanner) scan(text string, fn func(w []byte, start, end int)) {
	buf := s.buf[:0]
	start := -1
	flush := func(end int, apostrophe bool) {
		// map lookups of string(buf) do not allocate
		if len(buf) > 0 && len(buf) <= MaxTokenLen && !(apostrophe && elisions[string(buf)]) && !stopWords[string(buf)] {
			fn(buf, start, end)
		}
		buf = buf[:0]
		start = -1
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				if start < 0 {
					start = i
				}
				buf = append(buf, c)
			case c >= 'A' && c <= 'Z':
				if start < 0 {
					start = i
				}
				buf = append(buf, c+'a'-'A')
			case c == '\'':
				flush(i, true)
			default:
				flush(i, false)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r >= 0xC0 && r < 0x180:
			f := foldLatin[r-0xC0]
			if f == ' ' {
				flush(i, false)
				break
			}
			if start < 0 {
				start = i
			}
			switch f {
			case 'A':
				buf = append(buf, 'a', 'e')
			case 'O':
				buf = append(buf, 'o', 'e')
			case 'S':
				buf = append(buf, 's', 's')
			case 'T':
				buf = append(buf, 't', 'h')
			case 'I':
				buf = append(buf, 'i', 'j')
			default:
				buf = append(buf, f)
			}
		case ignorable(r):
			// combining accents (decomposed input) and invisible joiners do not split a word
		case r == '’' || r == '‘' || r == 'ʼ':
			flush(i, true)
		default:
			flush(i, false)
		}
		i += n
	}
	flush(len(text), false)
	s.buf = buf
}

// ignorable reports the runes that vanish without splitting a word: combining diacritics,
// the soft hyphen and zero-width characters.
func ignorable(r rune) bool {
	return r >= 0x300 && r <= 0x36F || r == 0xAD || r >= 0x200B && r <= 0x200D || r == 0x2060 || r == 0xFEFF
}

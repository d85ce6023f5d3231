package search

// stem reduces a folded word to its stem, in place: a light French stemmer in three steps,
// each removing at most one ending and never leaving fewer than three letters, so that a stem
// always starts with the first three letters of its word (the index shards on them).
//
//  1. demonyms: -ais, -aise, -aises (sénégalais → senegal) end the work;
//  2. plurals: -eaux → -eau, -aux → -al, then a final -s (not -ss) or -x;
//  3. the first of the endings below that applies: -atrice -ateur -ation (exportation,
//     exportateur → export), -ement (financement → financ), -iere → -ier and -ier kept
//     (financière, financier → financier: not financ), -euse -eur, -ique → -ic (publique →
//     public), -ee -er -ir, and a final -e (marché → march).
//
// Words of three letters or fewer, words holding a digit and the exceptions are kept whole.
func stem(w []byte) []byte {
	if len(w) <= 3 || hasDigit(w) || string(w) == "pays" {
		return w
	}
	for _, suf := range demonymEndings {
		if cut, ok := cutSuffix(w, suf); ok {
			return cut
		}
	}
	w = cutPlural(w)
	for _, e := range stemEndings {
		if cut, ok := cutSuffix(w, e.suffix); ok {
			return append(cut, e.repl...)
		}
	}
	return w
}

var demonymEndings = []string{"aises", "aise", "ais"}

// stemEndings are tried in order; the first that leaves a stem of three letters or more wins.
var stemEndings = []struct{ suffix, repl string }{
	{"atrice", ""}, {"ateur", ""}, {"ation", ""}, {"ement", ""},
	{"iere", "ier"}, {"ier", "ier"}, {"euse", ""}, {"eur", ""}, {"ique", "ic"},
	{"ee", ""}, {"er", ""}, {"ir", ""}, {"e", ""},
}

// minStem is the shortest stem an ending may leave.
const minStem = 3

func cutSuffix(w []byte, suf string) ([]byte, bool) {
	n := len(w) - len(suf)
	if n < minStem || string(w[n:]) != suf {
		return w, false
	}
	return w[:n], true
}

func cutPlural(w []byte) []byte {
	n := len(w)
	switch {
	case n > 4 && string(w[n-4:]) == "eaux":
		return w[:n-1]
	case n > 4 && string(w[n-3:]) == "aux":
		return append(w[:n-2], 'l')
	case w[n-1] == 's' && w[n-2] != 's', w[n-1] == 'x':
		return w[:n-1]
	}
	return w
}

func hasDigit(w []byte) bool {
	for _, c := range w {
		if c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

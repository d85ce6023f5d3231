// Package french holds the French text rules the generator applies to what
// readers see: folding (case and accents dropped, for matching and search),
// URL slugs, numbers, amounts and percentages in French notation, dates,
// typographic spacing before and inside punctuation, and French collation
// for sorting labels.
//
// The package is pure: every function takes values and returns values, holds
// no state visible to callers and is safe for concurrent use. Other stages
// call it while parsing (slugs, folding), assembling (sorting labels with
// French collation) and rendering (numbers, dates, spacing of prose).
//
// Typography follows the Imprimerie nationale: a narrow no-break space
// (U+202F) before ; ! ? and », and after «; a no-break space (U+00A0) before
// : and %; U+202F as the thousands separator and a comma as the decimal mark.
// The two no-break spaces are distinct on purpose; tests pin them with \u
// escapes.
package french

// Typographic spaces used by this package.
const (
	nbsp  = "\u00a0" // no-break space: before : and %, and between an amount and its currency
	nnbsp = "\u202f" // narrow no-break space: before ; ! ? », after «, and between thousands
)

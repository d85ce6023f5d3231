package fields

import "slices"

// Kind is what a field's value must be.
type Kind int

// The kinds of values a content field holds.
const (
	Text      Kind = iota // a non-blank string when required
	Integer               // a whole number
	Boolean               // true or false
	Date                  // YYYY-MM-DD, a real day
	Month                 // YYYY-MM
	Email                 // a bare address, name@example.org
	URL                   // an absolute http(s) URL
	List                  // a list of Items
	OneOrMore             // one Items value, or a list of them
	Object                // a mapping of Fields
)

// Vocabulary names a list of codes whose values come from the project or from a table,
// not from the field definition: the schema generator fills them in.
type Vocabulary string

// The vocabularies of coded fields.
const (
	Countries Vocabulary = "countries" // ISO 3166-1 alpha-2, any case
	Sectors   Vocabulary = "sectors"   // the slugs that site.yaml defines
	Schemes   Vocabulary = "schemes"   // the forms of co-export
	// Currencies are ISO 4217 codes in upper case (EUR, XOF), as golang.org/x/text/currency
	// knows them; the validator checks them itself (Field.Invalid).
	Currencies Vocabulary = "currencies"
)

// Field defines one key of a YAML mapping, declaratively: the validator reads the known
// keys, required fields, allowed values and patterns from it, and `coexport schema`
// generates the JSON Schema that editors use from the same definition. Rules between
// fields (a deadline not before publication, unique ids) stay in the validator's code.
type Field struct {
	Key      string
	Kind     Kind
	Required bool
	Title    string // French, as the README's reference says it
	Doc      string // French, one sentence
	Enum     []string
	Vocab    Vocabulary
	Pattern  string  // a regular expression a Text must match in full (RE2 and ECMA-262 alike)
	Example  string  // a valid value, shown in messages and schemas
	Hint     string  // the message for a value that does not match Pattern, with one %q for it
	Items    *Field  // List and OneOrMore: the kind of each element
	Fields   []Field // Object: its keys
	// OneOf lists keys of an Object of which at least one must be given ("email or url").
	OneOf []string
	// MinItems is the least number of elements of a List.
	MinItems int
	// Min is the least value of an Integer, when it has one.
	Min *int64
	// Max is the greatest value of an Integer, when it has one.
	Max *int64
}

// AtLeast returns a pointer to n, for Field.Min.
func AtLeast(n int64) *int64 { return &n }

// AtMost returns a pointer to n, for Field.Max.
func AtMost(n int64) *int64 { return &n }

// The years a date may have (Date, Month and year fields): a typo such as 0226 or 20260
// is caught, and every date has the four digits that iCalendar and the exports write.
const (
	MinYear = 1900
	MaxYear = 2200
)

// MaxExact is the greatest integer a JSON reader keeps exact (2^53 − 1): amounts go to the
// JSON exports.
const MaxExact = 1<<53 - 1

// Keys returns the keys of an Object's fields, in order.
func (f Field) Keys() []string {
	keys := make([]string, len(f.Fields))
	for i, sub := range f.Fields {
		keys[i] = sub.Key
	}
	return keys
}

// Sub returns the field of an Object with the given key; it panics for an unknown key,
// which is a programming error that any test reading the field finds.
func (f Field) Sub(key string) Field {
	i := slices.IndexFunc(f.Fields, func(s Field) bool { return s.Key == key })
	if i < 0 {
		panic("fields: " + f.Key + " has no field " + key)
	}
	return f.Fields[i]
}

// IsRequired reports whether key is required in the Object f.
func (f Field) IsRequired(key string) bool { return f.Sub(key).Required }

package fields

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/currency"
	"gopkg.in/yaml.v3"

	"coexport/internal/diag"
)

// NewObject reads n as the Object spec: its keys are spec's, and the getters below take
// each field's kind, requiredness, allowed values and pattern from spec. A field of spec
// whose kind does not fit the getter is a programming error: the getter panics.
func NewObject(file string, offset int, n *yaml.Node, spec Field, d *diag.List) *Map {
	m := NewMap(file, offset, n, spec.Keys(), d)
	m.spec = &spec
	if n != nil && n.Kind == yaml.MappingNode && len(spec.OneOf) > 0 &&
		!slices.ContainsFunc(spec.OneOf, m.Has) {
		d.Add(m.pos(n), "%s needs %s", spec.Key, strings.Join(spec.OneOf, " or "))
	}
	return m
}

// field returns the definition of key, checking that its kind is one of kinds.
func (m *Map) field(key string, kinds ...Kind) Field {
	if m.spec == nil {
		panic("fields: " + key + " read by definition from a Map made without one")
	}
	f := m.spec.Sub(key)
	if !slices.Contains(kinds, f.Kind) {
		panic(fmt.Sprintf("fields: %s.%s is of kind %d, read as %v", m.spec.Key, key, f.Kind, kinds))
	}
	return f
}

// Text returns the text of key, a Text, Email, URL or Month field, checked against its
// definition: required, allowed values, pattern, address or URL.
func (m *Map) Text(key string) string {
	f := m.field(key, Text, Email, URL, Month)
	var s string
	switch f.Kind {
	case Email:
		s = m.Email(key, f.Required)
	case URL:
		s = m.URL(key, f.Required)
	default:
		s = m.String(key, f.Required)
	}
	if s == "" {
		return ""
	}
	if msg := f.Invalid(s); msg != "" {
		if sug := Suggest(s, f.Enum); sug != "" {
			m.ReportSuggestion(m.Pos(key), sug, "%s", msg)
		} else {
			m.Errorf(key, "%s", msg)
		}
		if len(f.Enum) > 0 {
			return ""
		}
	}
	return s
}

// Invalid returns why s is not an allowed value of the Text field f ("" when it is): not
// one of its Enum, or not matching its Pattern.
func (f Field) Invalid(s string) string {
	switch {
	case len(f.Enum) > 0 && !slices.Contains(f.Enum, s):
		return fmt.Sprintf("%s %q must be one of: %s", f.Key, s, strings.Join(f.Enum, ", "))
	case f.Vocab == Currencies && !IsCurrency(s):
		return fmt.Sprintf("field %q: %q is not an ISO 4217 currency code (e.g. EUR, XOF, USD)", f.Key, s)
	case f.Pattern != "" && !compiled(f.Pattern).MatchString(s):
		if f.Hint != "" {
			return fmt.Sprintf(f.Hint, s)
		}
		if f.Example != "" {
			return fmt.Sprintf("field %q: %q does not have the expected form (e.g. %s)", f.Key, s, f.Example)
		}
		return fmt.Sprintf("field %q: %q does not have the expected form", f.Key, s)
	}
	return ""
}

var patterns sync.Map // pattern → *regexp.Regexp

// compiled returns the regexp of a pattern, anchored: a pattern must match the whole text.
func compiled(p string) *regexp.Regexp {
	if re, ok := patterns.Load(p); ok {
		return re.(*regexp.Regexp)
	}
	re := regexp.MustCompile("^(?:" + p + ")$")
	patterns.Store(p, re)
	return re
}

// Day returns the date of key, a Date field.
func (m *Map) Day(key string) time.Time {
	return m.Date(key, m.field(key, Date).Required)
}

// Number returns the value of key, an Integer field, reporting one below its minimum.
func (m *Map) Number(key string) int64 {
	f := m.field(key, Integer)
	n := m.Int(key, f.Required)
	switch {
	case !m.Has(key):
	case f.Min != nil && n < *f.Min:
		m.Errorf(key, "field %q: %d is below the minimum, %d", key, n, *f.Min)
	case f.Max != nil && n > *f.Max:
		m.Errorf(key, "field %q: %d is above the maximum, %d", key, n, *f.Max)
	}
	return n
}

// Flag returns the value of key, a Boolean field.
func (m *Map) Flag(key string) bool {
	m.field(key, Boolean)
	return m.Bool(key)
}

// Values returns the texts of key, a List or OneOrMore field of texts, each checked against
// the item definition (allowed values, pattern); a required field must be present. Items
// that fail are reported and left out.
func (m *Map) Values(key string) []Value {
	f := m.field(key, List, OneOrMore)
	m.Need(key)
	vs := m.Strings(key)
	if f.Items == nil || f.Items.Vocab != "" {
		return vs
	}
	out := vs[:0:0]
	for _, v := range vs {
		if msg := f.Items.Invalid(v.S); msg != "" {
			m.Report(v.Pos, "%s", msg)
			continue
		}
		out = append(out, v)
	}
	return out
}

// Need reports key when its definition requires it and it is absent.
func (m *Map) Need(key string) {
	if m.spec != nil && m.spec.Sub(key).Required && !m.Has(key) {
		m.diags.Add(m.pos(m.node), "missing required field %q", key)
	}
}

// Object returns key's value read as the Object its definition gives, nil when absent (a
// required one is then reported).
func (m *Map) Object(key string) *Map {
	f := m.field(key, Object)
	v := m.keys[key]
	if v == nil || v.Tag == "!!null" {
		m.Need(key)
		return nil
	}
	return NewObject(m.file, m.offset, v, f, m.diags)
}

// Objects returns the items of key, a List of Objects, each read against the item
// definition.
func (m *Map) Objects(key string) []*Map {
	f := m.field(key, List)
	m.Need(key)
	var out []*Map
	for _, n := range m.List(key) {
		out = append(out, NewObject(m.file, m.offset, n, *f.Items, m.diags))
	}
	return out
}

// IsCurrency reports whether s is the ISO 4217 code of a currency in use, in upper case.
func IsCurrency(s string) bool {
	_, ok := slices.BinarySearch(CurrencyCodes(), s)
	return ok
}

// CurrencyCodes returns, sorted, the ISO 4217 codes of the currencies in use as legal
// tender, as golang.org/x/text/currency knows them: what IsCurrency accepts and the
// schemas list.
var CurrencyCodes = sync.OnceValue(func() []string {
	var codes []string
	for it := currency.Query(); it.Next(); {
		codes = append(codes, it.Unit().String())
	}
	slices.Sort(codes)
	return slices.Compact(codes)
})

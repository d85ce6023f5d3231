package french

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Int returns n with its thousands grouped by U+202F (narrow no-break space)
// and a leading '-' when negative: Int(40000) is "40\u202f000", Int(999) is
// "999".
func Int(n int64) string {
	if n < 0 {
		// Negate in uint64 so that math.MinInt64 does not overflow.
		return "-" + group(strconv.FormatUint(-uint64(n), 10))
	}
	return group(strconv.FormatUint(uint64(n), 10))
}

// Decimal returns x rounded to digits decimal places (as strconv rounds: to
// the nearest, ties to even on the exact binary value), with a comma as the
// decimal mark, U+202F between thousands, and the trailing zeros of the
// fraction dropped, the comma with them when nothing is left:
// Decimal(12.5, 1) is "12,5", Decimal(50, 1) is "50", Decimal(1234.25, 2) is
// "1\u202f234,25". A negative digits asks for as many digits as x needs. A
// value that rounds to zero has no sign. NaN and the infinities give "NaN",
// "∞" and "-∞".
func Decimal(x float64, digits int) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "∞"
	case math.IsInf(x, -1):
		return "-∞"
	}
	if digits < 0 {
		digits = -1
	}
	s := strconv.FormatFloat(x, 'f', digits, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	return decimal(neg, whole, strings.TrimRight(frac, "0"))
}

// Percent returns part/whole as a percentage with one decimal, rounded half
// away from zero on exact integers, followed by U+00A0 and '%'; the decimal is
// dropped when it is zero: Percent(50, 400) is "12,5\u00a0%", Percent(1, 3)
// is "33,3\u00a0%". A zero whole gives "0\u00a0%".
func Percent(part, whole int) string {
	if whole == 0 {
		return "0" + nbsp + "%"
	}
	// Tenths of a percent: part*1000/whole. math/big because part*1000
	// overflows int64 for large parts.
	num := new(big.Int).Mul(big.NewInt(int64(part)), big.NewInt(1000))
	den := big.NewInt(int64(whole))
	neg := num.Sign()*den.Sign() < 0
	num.Abs(num)
	den.Abs(den)
	q, r := num.QuoRem(num, den, new(big.Int))
	if r.Lsh(r, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	tenths := q.String()
	if len(tenths) == 1 {
		tenths = "0" + tenths
	}
	cut := len(tenths) - 1
	return decimal(neg, tenths[:cut], strings.TrimRight(tenths[cut:], "0")) + nbsp + "%"
}

// currencySymbols lists the currencies written with a symbol; the others are
// written with their ISO 4217 code.
var currencySymbols = map[string]string{
	"EUR": "€",
	"GBP": "£",
}

// Amount returns amount in French notation followed by U+00A0 and the
// currency: the symbol for EUR (€) and GBP (£), otherwise the ISO 4217 code
// in upper case (USD, CHF…), always after the number:
// Amount(40000, "EUR") is "40\u202f000\u00a0€". An empty currency gives the
// number alone.
func Amount(amount int64, currency string) string {
	code := strings.ToUpper(currency)
	if code == "" {
		return Int(amount)
	}
	if sym, ok := currencySymbols[code]; ok {
		code = sym
	}
	return Int(amount) + nbsp + code
}

// decimal assembles a number from its sign, integer digits and fraction
// digits (without trailing zeros), dropping the sign of a zero.
func decimal(neg bool, whole, frac string) string {
	if strings.Trim(whole, "0") == "" && frac == "" {
		neg = false
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(group(whole))
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// group inserts U+202F between groups of three digits, from the right.
func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	b.Grow(len(digits) + len(digits)/3*len(nnbsp))
	head := len(digits) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(digits[:head])
	for i := head; i < len(digits); i += 3 {
		b.WriteString(nnbsp)
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

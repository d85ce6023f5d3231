package french

import (
	"math"
	"testing"
)

func TestInt(t *testing.T) {
	tests := []struct {
		name string
		in   int64
		want string
	}{
		{"zero", 0, "0"},
		{"three digits", 999, "999"},
		{"four digits", 1000, "1\u202f000"},
		{"five digits", 40000, "40\u202f000"},
		{"six digits", 125000, "125\u202f000"},
		{"negative", -1234567, "-1\u202f234\u202f567"},
		{"negative small", -12, "-12"},
		{"max", math.MaxInt64, "9\u202f223\u202f372\u202f036\u202f854\u202f775\u202f807"},
		{"min", math.MinInt64, "-9\u202f223\u202f372\u202f036\u202f854\u202f775\u202f808"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Int(tt.in); got != tt.want {
				t.Errorf("Int(%d) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		name   string
		x      float64
		digits int
		want   string
	}{
		{"one decimal", 12.5, 1, "12,5"},
		{"survey share", 87.5, 1, "87,5"},
		{"zero fraction dropped", 50, 1, "50"},
		{"grouped", 1234.25, 2, "1\u202f234,25"},
		{"trailing zero dropped", 1.50, 2, "1,5"},
		{"rounded", 2.0 / 3, 2, "0,67"},
		{"rounded up to integer", 9.999, 2, "10"},
		{"no digits", 1234567.8, 0, "1\u202f234\u202f568"},
		{"negative", -1234.5, 1, "-1\u202f234,5"},
		{"negative rounds to zero", -0.04, 1, "0"},
		{"negative zero", math.Copysign(0, -1), 2, "0"},
		{"shortest", 0.1, -1, "0,1"},
		{"shortest large", 1e21, -1, "1\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000"},
		{"NaN", math.NaN(), 1, "NaN"},
		{"plus infinity", math.Inf(1), 1, "∞"},
		{"minus infinity", math.Inf(-1), 1, "-∞"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Decimal(tt.x, tt.digits); got != tt.want {
				t.Errorf("Decimal(%v, %d) = %q, want %q", tt.x, tt.digits, got, tt.want)
			}
		})
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		name        string
		part, whole int
		want        string
	}{
		{"survey with experience", 50, 400, "12,5\u00a0%"},
		{"survey without experience", 350, 400, "87,5\u00a0%"},
		{"third", 1, 3, "33,3\u00a0%"},
		{"two thirds rounds up", 2, 3, "66,7\u00a0%"},
		{"half up", 1, 8000, "0\u00a0%"},
		{"half tenth rounds away from zero", 1, 400, "0,3\u00a0%"},
		{"zero decimal dropped", 1, 4, "25\u00a0%"},
		{"all", 400, 400, "100\u00a0%"},
		{"zero part", 0, 400, "0\u00a0%"},
		{"zero whole", 5, 0, "0\u00a0%"},
		{"over a thousand", 50, 2, "2\u202f500\u00a0%"},
		{"negative", -1, 3, "-33,3\u00a0%"},
		{"both negative", -1, -3, "33,3\u00a0%"},
		{"negative rounds to zero", -1, 100000, "0\u00a0%"},
		{"no overflow", math.MaxInt64, 1, "922\u202f337\u202f203\u202f685\u202f477\u202f580\u202f700\u00a0%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Percent(tt.part, tt.whole); got != tt.want {
				t.Errorf("Percent(%d, %d) = %q, want %q", tt.part, tt.whole, got, tt.want)
			}
		})
	}
}

func TestAmount(t *testing.T) {
	tests := []struct {
		name     string
		amount   int64
		currency string
		want     string
	}{
		{"euro", 40000, "EUR", "40\u202f000\u00a0€"},
		{"euro lower case code", 1500, "eur", "1\u202f500\u00a0€"},
		{"pound", 250, "GBP", "250\u00a0£"},
		{"dollar as code", 2000000, "USD", "2\u202f000\u202f000\u00a0USD"},
		{"swiss franc", 12000, "CHF", "12\u202f000\u00a0CHF"},
		{"other code", 5000, "xof", "5\u202f000\u00a0XOF"},
		{"negative", -300, "EUR", "-300\u00a0€"},
		{"no currency", 40000, "", "40\u202f000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Amount(tt.amount, tt.currency); got != tt.want {
				t.Errorf("Amount(%d, %q) = %q, want %q", tt.amount, tt.currency, got, tt.want)
			}
		})
	}
}

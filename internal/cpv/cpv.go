// Package cpv reads codes of the Common Procurement Vocabulary (CPV 2008, Regulation (EC)
// No 213/2008), the classification of what public buyers purchase, as editors write them:
// a division of two digits ("09", "45") or a full code, eight digits, a dash and a check
// digit ("09000000-3"). Pages and exports always show the full code.
//
// It sits below package data, which reads the cpv fields of site.yaml and amis.yaml.
package cpv

import (
	"fmt"
	"strings"
)

// Pattern is the form of a code in a content file: a division, or a full code. The field
// definitions (and so the JSON Schemas) use it.
const Pattern = `\d{2}|\d{8}-\d`

// divisions are the 45 divisions of CPV 2008, the first two digits of every code.
var divisions = strings.Fields("03 09 14 15 16 18 19 22 24 30 31 32 33 34 35 37 38 39 41 42 43 44 45 48 50 51 55 60 63 64 65 66 70 71 72 73 75 76 77 79 80 85 90 92 98")

// published are the codes whose check digit, as the CPV publishes it, is not the one that
// CheckDigit computes: the Publications Office acknowledges such errors of the 2008
// revision, and the published code is the one buyers use.
var published = map[string]byte{"51000000": '9', "03300000": '2', "09100000": '0', "09300000": '2'}

// CheckDigit returns the check digit of an 8-digit code: its digits weighted 3, 7, 1, 3, 7,
// 1, 3, 7, summed, modulo 10 (the published digit of every division but 51, and of most
// codes), or the published digit where it differs.
func CheckDigit(code string) byte {
	if d, ok := published[code]; ok {
		return d
	}
	sum := 0
	for i := 0; i < len(code) && i < 8; i++ {
		sum += int(code[i]-'0') * [3]int{3, 7, 1}[i%3]
	}
	return byte('0' + sum%10)
}

// Parse returns the full code of s: a division is completed with zeros and its check digit
// ("45" → "45000000-7"); a full code is returned as written. It refuses what has neither
// form, a code of no CPV division, and a division written with a check digit that is not
// its own. Below divisions, check digits are not verified: the published list does not
// always follow the rule.
func Parse(s string) (string, error) {
	digits, check, full := strings.Cut(s, "-")
	switch {
	case !allDigits(digits) || (len(digits) != 2 && !full) || (full && (len(digits) != 8 || len(check) != 1 || !allDigits(check))):
		return "", fmt.Errorf("invalid CPV code %q (want a division, 45, or 8 digits, a dash and a check digit: 45000000-7)", s)
	case !isDivision(digits[:2]):
		return "", fmt.Errorf("invalid CPV code %q: %s is not a CPV division (%s)", s, digits[:2], strings.Join(divisions, ", "))
	case !full:
		code := digits + "000000"
		return code + "-" + string(CheckDigit(code)), nil
	case strings.HasSuffix(digits, "000000") && check[0] != CheckDigit(digits):
		return "", fmt.Errorf("invalid CPV code %q: the check digit of division %s is %c (%s-%c)", s, digits[:2], CheckDigit(digits), digits, CheckDigit(digits))
	}
	return s, nil
}

func isDivision(d string) bool {
	for _, v := range divisions {
		if v == d {
			return true
		}
	}
	return false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

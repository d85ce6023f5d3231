package french

import (
	"strconv"
	"time"
)

var months = [...]string{
	"janvier", "février", "mars", "avril", "mai", "juin",
	"juillet", "août", "septembre", "octobre", "novembre", "décembre",
}

// Month returns the French name of m in lower case: "janvier" … "décembre".
// A value outside 1–12 gives "%!Month(n)", as time.Month.String does.
func Month(m time.Month) string {
	if m < time.January || m > time.December {
		return "%!Month(" + strconv.Itoa(int(m)) + ")"
	}
	return months[m-1]
}

// Date returns the day of t in its own location, written the French way:
// "15 décembre 2026", and "1er décembre 2026" for the first of the month.
func Date(t time.Time) string {
	year, month, day := t.Date()
	d := strconv.Itoa(day)
	if day == 1 {
		d = "1er"
	}
	return d + " " + Month(month) + " " + strconv.Itoa(year)
}

//go:build !linux

package publish

// exchange is not available here: swapIn swaps with two renames.
var exchange = func(a, b string) error { return errNoExchange }

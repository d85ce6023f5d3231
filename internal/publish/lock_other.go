//go:build !unix

package publish

import "time"

// lock does nothing where flock is missing: two builds at once into one folder are not
// kept apart there.
func lock(dir string, wait time.Duration, waiting func()) (unlock func(), err error) {
	return func() {}, nil
}

//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lock takes an exclusive flock on dir, the output folder's parent, waiting at most wait.
// The kernel releases it when the process ends, however it ends: a killed build leaves
// no stale lock. It creates no file.
func lock(dir string, wait time.Duration, waiting func()) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	fd := int(f.Fd())
	deadline := time.Now().Add(wait)
	for told := false; ; {
		err := syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return func() {
				syscall.Flock(fd, syscall.LOCK_UN)
				f.Close()
			}, nil
		case errors.Is(err, syscall.EINTR):
			continue
		case !errors.Is(err, syscall.EWOULDBLOCK):
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", dir, err)
		case !time.Now().Before(deadline):
			f.Close()
			return nil, busy(wait)
		}
		if !told && waiting != nil {
			waiting()
			told = true
		}
		time.Sleep(min(50*time.Millisecond, time.Until(deadline)))
	}
}

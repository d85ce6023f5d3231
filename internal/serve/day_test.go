package serve

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is the server's clock in a test: the time is set by the test, and the wait for
// midnight ends when the test says so.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	wait  chan time.Time // the server's current wait
	asked time.Duration  // how long that wait was for
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.wait, c.asked = make(chan time.Time, 1), d
	return c.wait
}

// set moves the clock to t without waking the server.
func (c *fakeClock) set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// wake moves the clock to t and ends the server's wait; it returns how long the server
// had asked to wait.
func (c *fakeClock) wake(t time.Time) time.Duration {
	c.mu.Lock()
	c.now = t
	w, d := c.wait, c.asked
	c.mu.Unlock()
	w <- t
	return d
}

// startAt serves the fixture site with clk as its clock. Its AMI-2026-002 closes after
// 2026-12-01.
func startAt(t *testing.T, clk *fakeClock) (*Server, string) {
	t.Helper()
	dir := project(t)
	s, err := Start(Config{Src: dir, Addr: "127.0.0.1:0", BuildDate: clk.Now, After: clk.After})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

const lastDay = "Centrale solaire" // the title of AMI-2026-002, open until 2026-12-01

// TestServeMidnight: a server left running past midnight rebuilds at midnight UTC, and
// the AMIs whose deadline passed leave the list of open ones.
func TestServeMidnight(t *testing.T) {
	clk := &fakeClock{now: time.Date(2026, 12, 1, 23, 59, 0, 0, time.UTC)}
	s, _ := startAt(t, clk)
	ev := listen(t, s)
	ev.next("open")
	if _, b, _ := get(t, s.URL()+"ami/"); !strings.Contains(b, lastDay) {
		t.Fatalf("on 2026-12-01, /ami/ does not list %q", lastDay)
	}
	if d := clk.wake(time.Date(2026, 12, 2, 0, 0, 1, 0, time.UTC)); d != time.Minute {
		t.Errorf("at 23:59 the server waited %v for the next day, want 1m0s", d)
	}
	ev.reloaded("ami/index.html")
	if _, b, _ := get(t, s.URL()+"ami/"); strings.Contains(b, lastDay) {
		t.Errorf("after midnight, /ami/ still lists %q as open", lastDay)
	}
	if _, b, _ := get(t, s.URL()+"ami/archives/"); !strings.Contains(b, lastDay) {
		t.Errorf("after midnight, /ami/archives/ does not list %q", lastDay)
	}
}

// TestServeNewDayOnSave: a save on a new day builds as of that day, even when the wait for
// midnight did not end (a laptop asleep at midnight).
func TestServeNewDayOnSave(t *testing.T) {
	clk := &fakeClock{now: time.Date(2026, 12, 1, 18, 0, 0, 0, time.UTC)}
	s, dir := startAt(t, clk)
	ev := listen(t, s)
	ev.next("open")
	clk.set(time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC))
	p := filepath.Join(dir, "content/a-propos.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, append(b, []byte("\nUne ligne de plus.\n")...), 0o644)
	ev.reloaded("ami/index.html")
	if _, b, _ := get(t, s.URL()+"ami/"); strings.Contains(b, lastDay) {
		t.Errorf("saved on 2026-12-02, /ami/ still lists %q as open", lastDay)
	}
}

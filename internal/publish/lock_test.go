package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestStageWaitsForAnotherBuild: a second build into the same folder waits until the
// first has committed, then replaces its site whole.
func TestStageWaitsForAnotherBuild(t *testing.T) {
	out := prepare(t)
	first, err := Stage(out, Options{Keep: []string{"notes"}})
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{})
	done := make(chan error)
	go func() {
		done <- Dir(out, files(site(2)), Options{Keep: []string{"notes"}, Waiting: func() { close(waiting) }})
	}()
	<-waiting
	if err := first.WriteAll(files(site(1))); err != nil {
		t.Fatal(err)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("the second build: %v", err)
	}
	if v, err := siteVersion(t, out, true); err != nil || v != 2 {
		t.Errorf("version %d, %v; want 2", v, err)
	}
}

// TestStageFailsWhileLocked: with no time to wait, the second build fails with a
// message that says why, and the first one is unharmed.
func TestStageFailsWhileLocked(t *testing.T) {
	out := prepare(t)
	first, err := Stage(out, Options{Keep: []string{"notes"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Stage(out, Options{Keep: []string{"notes"}, LockWait: -1})
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "another coexport build is writing there: try again when it has finished") {
		t.Fatalf("Stage = %v, want ErrBusy", err)
	}
	if err := first.WriteAll(files(site(1))); err != nil {
		t.Fatal(err)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if v, err := siteVersion(t, out, true); err != nil || v != 1 {
		t.Errorf("version %d, %v; want 1", v, err)
	}
}

// TestConcurrentBuilds: builds started together into one folder all succeed, one after
// the other; the output is one of their sites, whole, with the user's files.
func TestConcurrentBuilds(t *testing.T) {
	out := prepare(t)
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Go(func() {
			errs[i] = Dir(out, files(site(i+1)), Options{Keep: []string{"notes"}})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("build %d: %v", i+1, err)
		}
	}
	if v, err := siteVersion(t, out, true); err != nil || v < 1 {
		t.Errorf("version %d: %v", v, err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

// TestStageSiblingsTakeTurns: the lock is the parent folder's, so a build into a folder
// beside a locked one waits too, and its message says so.
func TestStageSiblingsTakeTurns(t *testing.T) {
	out := prepare(t)
	first, err := Stage(out, Options{Keep: []string{"notes"}})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	_, err = Stage(out+"-apercu", Options{LockWait: -1})
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "folders side by side in") {
		t.Fatalf("Stage beside a locked output = %v, want ErrBusy naming the shared parent", err)
	}
}

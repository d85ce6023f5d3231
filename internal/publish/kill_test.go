package publish

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The kill tests run this test binary again as a child that builds into a folder and
// either stops at a named step (PUBLISH_TEST_STOP) or builds in a loop
// (PUBLISH_TEST_LOOP); the parent kills it with SIGKILL, then checks what is left.
func TestMain(m *testing.M) {
	if out := os.Getenv("PUBLISH_TEST_OUT"); out != "" {
		os.Exit(child(out))
	}
	os.Exit(m.Run())
}

func child(out string) int {
	if os.Getenv("PUBLISH_TEST_NO_EXCHANGE") != "" {
		exchange = func(a, b string) error { return errNoExchange }
	}
	stop := os.Getenv("PUBLISH_TEST_STOP")
	step = func(name string) {
		if name == stop {
			fmt.Println("stopped at", name)
			for {
				time.Sleep(time.Hour) // until killed; sleeping, so not a deadlock
			}
		}
	}
	for v := 1; ; v++ {
		if err := Dir(out, files(site(v)), Options{Keep: []string{"notes"}}); err != nil {
			fmt.Println("error:", err)
			return 1
		}
		if os.Getenv("PUBLISH_TEST_LOOP") == "" {
			fmt.Println("done")
			return 0
		}
	}
}

// site is version v of a small site: the same pages with v in each, and one page of
// its own, so that a mix of two versions shows.
func site(v int) map[string]string {
	m := map[string]string{"v" + strconv.Itoa(v) + "/index.html": "only"}
	for _, p := range []string{"index.html", "404.html", "sitemap.xml", "guide/a/index.html", "guide/b/index.html", "cas/c/index.html", "assets/site.css"} {
		m[p] = fmt.Sprintf("version %d of %s", v, p)
	}
	return m
}

var userFiles = map[string]string{".git/HEAD": "ref: refs/heads/gh-pages", ".git/objects/ab/cdef": "blob", "CNAME": "guide.example.org", "notes/todo.txt": "à faire"}

// siteVersion returns the version of the complete site that out holds, with or without
// the user's files, or an error saying what is wrong: a missing site, a mix of two.
func siteVersion(t *testing.T, out string, withUserFiles bool) (int, error) {
	t.Helper()
	if _, err := os.Stat(out); err != nil {
		return 0, err
	}
	got := tree(t, out)
	delete(got, ManifestName)
	if !withUserFiles {
		for p := range userFiles {
			delete(got, p)
		}
	}
	number, _, _ := strings.Cut(strings.TrimPrefix(got["index.html"], "version "), " ")
	v, err := strconv.Atoi(number)
	if err != nil {
		return 0, fmt.Errorf("no site in %s: %v", out, got)
	}
	want := site(v)
	if withUserFiles {
		for p, s := range userFiles {
			want[p] = s
		}
	}
	if len(got) != len(want) {
		return v, fmt.Errorf("output = %v, want version %d: %v", got, v, want)
	}
	for p, s := range want {
		if got[p] != s {
			return v, fmt.Errorf("%s = %q, want %q", p, got[p], s)
		}
	}
	return v, nil
}

// prepare makes out a gh-pages clone with the user's files and a build of site(0).
func prepare(t *testing.T) string {
	out := filepath.Join(t.TempDir(), "public")
	write(t, out, userFiles)
	if err := Dir(out, files(site(0)), Options{Keep: []string{"notes"}}); err != nil {
		t.Fatal(err)
	}
	return out
}

func startChild(t *testing.T, out string, env ...string) (*exec.Cmd, *bufio.Scanner) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append(env, "PUBLISH_TEST_OUT="+out)...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(stdout)
}

// checkRecovered checks that the next build finishes what a killed one left: out holds
// the complete site of version want with all the user's files, nothing is left beside it,
// and a build after that works.
func checkRecovered(t *testing.T, out string, want int) {
	t.Helper()
	// LockWait < 0: the killed build's lock must already be gone.
	s, err := Stage(out, Options{Keep: []string{"notes"}, LockWait: -1})
	if err != nil {
		t.Fatalf("the build after the kill: %v", err)
	}
	s.Abort()
	if v, err := siteVersion(t, out, true); err != nil || (want >= 0 && v != want) {
		t.Errorf("after recovery: version %d, want %d: %v", v, want, err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("left beside the output after recovery: %v", entries)
	}
	if err := Dir(out, files(site(7)), Options{Keep: []string{"notes"}}); err != nil {
		t.Fatal(err)
	}
	if v, err := siteVersion(t, out, true); err != nil || v != 7 {
		t.Errorf("the build after recovery: version %d, %v", v, err)
	}
}

// TestKilledBuildLeavesTheLastGoodOutput kills a build (SIGKILL) at each step, with the
// atomic exchange and with two renames: the output holds one complete site at every step
// (the previous one until the swap, the next one after it; only between the two renames
// is it missing, restored by the next build), and the next build brings back the user's
// files and removes what the killed one left beside the output.
func TestKilledBuildLeavesTheLastGoodOutput(t *testing.T) {
	steps := []string{"locked", "written", "staged", "renamed", "moved-aside", "swapped", "adopting", "adopted", "trashed"}
	for _, mode := range []string{"exchange", "renames"} {
		version := 0
		for _, stop := range steps {
			if stop == "swapped" {
				version = 1
			}
			if mode == "exchange" && stop == "moved-aside" {
				continue
			}
			t.Run(mode+"/"+stop, func(t *testing.T) {
				out := prepare(t)
				env := []string{"PUBLISH_TEST_STOP=" + stop}
				if mode == "renames" {
					env = append(env, "PUBLISH_TEST_NO_EXCHANGE=1")
				}
				cmd, lines := startChild(t, out, env...)
				if !lines.Scan() || lines.Text() != "stopped at "+stop {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatalf("the child did not stop at %s: %q", stop, lines.Text())
				}
				cmd.Process.Kill()
				cmd.Wait()
				at := out
				if stop == "moved-aside" {
					at = beside(out, swapSuffix)
				}
				if v, err := siteVersion(t, at, false); err != nil || v != version {
					t.Errorf("killed at %s: version %d in %s, want %d: %v", stop, v, at, version, err)
				}
				checkRecovered(t, out, version)
			})
		}
	}
}

// TestKilledAtRandomTimes kills a child that builds in a loop at random moments: after
// each kill the output holds one complete site (with the atomic exchange), and the next
// build recovers.
func TestKilledAtRandomTimes(t *testing.T) {
	n := 30
	if testing.Short() {
		n = 8
	}
	for i := range n {
		out := prepare(t)
		exchanges := i%2 == 0
		env := []string{"PUBLISH_TEST_LOOP=1"}
		if !exchanges {
			env = append(env, "PUBLISH_TEST_NO_EXCHANGE=1")
		}
		cmd, _ := startChild(t, out, env...)
		time.Sleep(time.Duration(rand.IntN(40)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		if _, err := siteVersion(t, out, false); err != nil && exchanges {
			t.Errorf("kill %d: %v", i, err)
		}
		checkRecovered(t, out, -1)
	}
}

package serve

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var day = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

// project copies the fixture site into a temporary folder and returns it.
func project(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../testdata/sites/basic")); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, "want"))
	return dir
}

func start(t *testing.T) (*Server, string) {
	t.Helper()
	dir := project(t)
	s, err := Start(Config{Src: dir, Addr: "127.0.0.1:0", BuildDate: func() time.Time { return day }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// sse is one Server-Sent Event: "hello", "reload" or "errors", and its JSON data.
type sse struct {
	Name    string
	Version int      `json:"version"`
	Changed []string `json:"changed"` // reload: the outputs that changed
	Errors  []string `json:"errors"`  // errors: the build's diagnostics
}

// eventWait is how long a test waits for an event before it fails rather than hangs.
const eventWait = 30 * time.Second

// events is an open page's event stream, read as fast as the server writes it (a slow
// reader would miss events: the server drops them for a stalled client).
type events struct {
	t  *testing.T
	ch chan sse
}

// listen opens the event stream of s, as a page does; the end of the test closes it.
func listen(t *testing.T, s *Server) *events {
	t.Helper()
	resp, err := http.Get(s.URL() + "_coexport/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	e := &events{t: t, ch: make(chan sse, 1024)}
	go func() {
		defer close(e.ch)
		r := bufio.NewReader(resp.Body)
		var ev sse
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\n")
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.Name = line[7:]
			case strings.HasPrefix(line, "data: "):
				json.Unmarshal([]byte(line[6:]), &ev)
			case line == "":
				e.ch <- ev
				ev = sse{}
			}
		}
	}()
	return e
}

// next returns the next event, or fails the test once eventWait has passed.
func (e *events) next(what string) sse {
	e.t.Helper()
	select {
	case ev, ok := <-e.ch:
		if !ok {
			e.t.Fatalf("%s: the event stream ended", what)
		}
		return ev
	case <-time.After(eventWait):
		e.t.Fatalf("%s: no event in %v", what, eventWait)
	}
	panic("unreachable")
}

// until skips events until one satisfies ok (a save may give more than one rebuild:
// an editor truncates, then writes), and returns it.
func (e *events) until(what string, ok func(sse) bool) sse {
	e.t.Helper()
	for {
		if ev := e.next(what); ok(ev) {
			return ev
		}
	}
}

// reloaded waits for a reload event that lists output.
func (e *events) reloaded(output string) sse {
	e.t.Helper()
	return e.until(output+" rebuilt", func(ev sse) bool { return ev.Name == "reload" && slices.Contains(ev.Changed, output) })
}

// TestServeEditsAndErrors: the saves an editor makes are served, a bad save keeps the
// last good page and reports the error, the fix recovers.
func TestServeEditsAndErrors(t *testing.T) {
	s, dir := start(t)
	ev := listen(t, s)
	if e := ev.next("open"); e.Name != "hello" {
		t.Fatalf("first event = %q, want hello", e.Name)
	}
	page := s.URL() + "guide/portage/"
	st, body, h := get(t, page)
	if st != 200 || !strings.Contains(body, "Le portage") || !strings.Contains(h.Get("Content-Type"), "text/html") {
		t.Fatalf("GET %s = %d %q", page, st, h.Get("Content-Type"))
	}
	if !strings.Contains(body, "/_coexport/livereload.js") {
		t.Error("served pages lack the live reload script")
	}
	chapter := filepath.Join(dir, "content/guide/02-portage.md")
	orig, _ := os.ReadFile(chapter)
	served := func(url, what string, status int, want string) {
		t.Helper()
		if st, b, _ := get(t, url); st != status || !strings.Contains(b, want) {
			t.Errorf("%s: GET %s = %d without %q, want %d with it", what, url, st, want, status)
		}
	}

	// Write in place.
	os.WriteFile(chapter, []byte(strings.Replace(string(orig), "Une convention écrite", "Une convention MARQUEUR1", 1)), 0o644)
	ev.until("in-place edit", func(e sse) bool {
		_, b, _ := get(t, page)
		return e.Name == "reload" && strings.Contains(b, "MARQUEUR1")
	})

	// Save as editors do: a temp file renamed over the original, plus a swap file.
	os.WriteFile(filepath.Join(dir, "content/guide/.02-portage.md.swp"), []byte("garbage"), 0o644)
	next := filepath.Join(dir, "content/guide/02-portage.md.tmp")
	os.WriteFile(next, []byte(strings.Replace(string(orig), "Une convention écrite", "Une convention MARQUEUR2", 1)), 0o644)
	os.Rename(next, chapter)
	ev.until("rename-save", func(e sse) bool {
		_, b, _ := get(t, page)
		return e.Name == "reload" && strings.Contains(b, "MARQUEUR2")
	})

	// A new file is watched, and listed.
	os.WriteFile(filepath.Join(dir, "content/guide/05-nouveau.md"), []byte("---\ntitle: Nouveau chapitre\n---\nTexte NOUVEAU.\n"), 0o644)
	ev.until("new chapter", func(e sse) bool {
		st, b, _ := get(t, s.URL()+"guide/nouveau/")
		return e.Name == "reload" && st == 200 && strings.Contains(b, "NOUVEAU")
	})
	served(s.URL()+"guide/", "guide index lists the new chapter", 200, "Nouveau chapitre")

	// Delete it: 404 with the site's 404 page.
	os.Remove(filepath.Join(dir, "content/guide/05-nouveau.md"))
	ev.until("deleted chapter", func(e sse) bool { return e.Name == "reload" && slices.Contains(e.Changed, "guide/nouveau/index.html") })
	served(s.URL()+"guide/nouveau/", "deleted chapter", 404, "Page introuvable")

	// A bad save keeps the last good page and reports the error; fixing it recovers.
	os.WriteFile(chapter, []byte("---\ntitle: [\n---\nMARQUEUR3\n"), 0o644)
	bad := ev.until("bad save", func(e sse) bool { return e.Name == "errors" })
	if all := strings.Join(bad.Errors, "\n"); !strings.Contains(all, "content/guide/02-portage.md:2:") {
		t.Errorf("errors = %q, want one at content/guide/02-portage.md:2:…", all)
	}
	served(page, "a bad save", 200, "MARQUEUR2")
	os.WriteFile(chapter, orig, 0o644)
	ev.until("fix", func(e sse) bool {
		_, b, _ := get(t, page)
		return e.Name == "reload" && strings.Contains(b, "Une convention écrite")
	})
	if errs := s.state.Load().errors; len(errs) > 0 {
		t.Errorf("errors remain after the fix: %v", errs)
	}
}

func TestServeSafety(t *testing.T) {
	s, _ := start(t)
	for _, p := range []string{"../content/site.yaml", "..%2f..%2fcontent%2fsite.yaml", "content/site.yaml", "/etc/passwd", "guide/../../site.yaml"} {
		st, body, _ := get(t, s.URL()+p)
		if st != 404 || strings.Contains(body, "base_url") {
			t.Errorf("GET %s = %d, want the 404 page", p, st)
		}
	}
	resp, err := http.Post(s.URL(), "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST = %d, want 405", resp.StatusCode)
	}
	for p, ct := range map[string]string{"assets/style.css": "text/css", "ami/feed.xml": "application/atom+xml",
		"ami/echeances.ics": "text/calendar", "sitemap.xml": "application/xml"} {
		if st, _, h := get(t, s.URL()+p); st != 200 || !strings.HasPrefix(h.Get("Content-Type"), ct) {
			t.Errorf("GET %s = %d %q, want 200 %s", p, st, h.Get("Content-Type"), ct)
		}
	}
	if st, _, _ := get(t, s.URL()+"guide"); st != 200 {
		t.Errorf("GET /guide (no slash) = %d, want a redirect to /guide/", st)
	}
}

// TestServeEvents: an open page's event stream says hello, then reload after an edit.
func TestServeEvents(t *testing.T) {
	s, dir := start(t)
	ev := listen(t, s)
	if e := ev.next("open"); e.Name != "hello" {
		t.Fatalf("first event = %q, want hello", e.Name)
	}
	p := filepath.Join(dir, "content/a-propos.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, append(b, []byte("\nUne ligne de plus.\n")...), 0o644)
	if e := ev.next("edit"); e.Name != "reload" || !slices.Contains(e.Changed, "a-propos/index.html") {
		t.Fatalf("event after edit = %+v, want reload listing a-propos/index.html", e)
	}
}

// TestServeBurst: after a burst of writes (a git checkout, a search-and-replace over the
// tree), no write is lost: every new page is announced and the last state is served.
// How many rebuilds the burst gives depends on the machine's load, so it is not asserted.
func TestServeBurst(t *testing.T) {
	s, dir := start(t)
	ev := listen(t, s)
	ev.next("open")
	before := s.state.Load().version
	want := map[string]bool{}
	for i := range 200 {
		p := filepath.Join(dir, "content/cas", fmt.Sprintf("rafale-%03d.md", i))
		os.WriteFile(p, []byte(fmt.Sprintf("---\ntitle: Rafale %03d\n---\nTexte.\n", i)), 0o644)
		want[fmt.Sprintf("cas/rafale-%03d/index.html", i)] = true
	}
	// A rebuild may catch a file half-written and report it: the next one, which the
	// rest of the write triggers, must then announce it.
	ev.until("all 200 new cases announced", func(e sse) bool {
		for _, c := range e.Changed {
			delete(want, c)
		}
		return len(want) == 0
	})
	if errs := s.state.Load().errors; len(errs) > 0 {
		t.Errorf("after the burst, errors remain: %v", errs)
	}
	_, b, _ := get(t, s.URL()+"cas/")
	for i := range 200 {
		if title := fmt.Sprintf("Rafale %03d", i); !strings.Contains(b, title) {
			t.Errorf("/cas/ does not list %q", title)
		}
	}
	t.Logf("200 writes, %d rebuilds", s.state.Load().version-before)
}

// TestServeBrokenFromTheStart: a project whose first build fails is served as a page that
// lists the errors, and the site appears once they are fixed.
func TestServeBrokenFromTheStart(t *testing.T) {
	dir := project(t)
	chapter := filepath.Join(dir, "content/guide/02-portage.md")
	good, _ := os.ReadFile(chapter)
	os.WriteFile(chapter, []byte("---\ntitle: [\n---\n"), 0o644)
	s, err := Start(Config{Src: dir, Addr: "127.0.0.1:0", BuildDate: func() time.Time { return day }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ev := listen(t, s)
	if e := ev.next("open"); e.Name != "errors" {
		t.Errorf("first event = %q, want errors", e.Name)
	}
	st, body, _ := get(t, s.URL())
	if st != 500 || !strings.Contains(body, "content/guide/02-portage.md:2:") || !strings.Contains(body, "livereload.js") {
		t.Fatalf("first build broken: GET / = %d %q, want 500 listing the errors", st, body)
	}
	os.WriteFile(chapter, good, 0o644)
	ev.reloaded("index.html")
	if st, b, _ := get(t, s.URL()); st != 200 || !strings.Contains(b, "Guide de test") {
		t.Errorf("once fixed: GET / = %d, want 200 with the site", st)
	}
}

// Package serve is the live preview: it builds the site with the one pipeline of package
// build, serves it from an in-memory snapshot, watches content/ and layouts/ and rebuilds
// on every save, then tells open pages to reload over Server-Sent Events. A save that
// breaks the content keeps the last good snapshot on the wire and shows the errors in an
// overlay on the open pages until the file is fixed.
package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"coexport/internal/pipeline"
	"coexport/internal/publish"
	"coexport/internal/source"
)

// Config says what to serve.
type Config struct {
	Src    string // project folder
	Addr   string // listen address, 127.0.0.1:1313 by default
	Drafts bool
	// BuildDate is the clock the build date is read from, UTC now by default. It is read
	// again at every rebuild, and the server rebuilds when the day changes (at midnight
	// UTC), so that an AMI whose deadline passed closes without a save.
	BuildDate func() time.Time
	// After waits as time.After does (the default): the server waits with it for the next
	// midnight. Tests pass a fake, with BuildDate, to cross midnight without waiting.
	After func(time.Duration) <-chan time.Time
	Log   io.Writer
	// Quiet is how long the watcher waits for a burst of file events to end before it
	// rebuilds (a git checkout writes hundreds of files).
	Quiet time.Duration
}

// Server is a running live preview.
type Server struct {
	cfg     Config
	builder *pipeline.Builder
	snap    publish.Snapshot
	ln      net.Listener
	listen  string // the host of cfg.Addr with the port listened on: the Host to answer
	http    *http.Server
	watcher *fsnotify.Watcher
	static  http.Handler
	date    time.Time // the build date of the builder; only the goroutine that builds uses it

	// state is read by requests without a lock; only rebuild replaces it, whole.
	state atomic.Pointer[state]
	// mu orders the swaps of the snapshot and state with the events sent about them.
	mu      sync.Mutex
	clients map[chan event]bool
}

// state is what the last build said. A value is never changed once stored: a request
// may still be writing the errors of one while a rebuild makes the next.
type state struct {
	errors  []string // diagnostics of the last build; empty when it succeeded
	version int      // counts successful builds
}

type event struct {
	name string // "reload" or "errors"
	data string // JSON
}

// Start builds the site, listens on cfg.Addr and starts watching. It returns once the
// server accepts connections; Close stops it.
func Start(cfg Config) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:1313"
	}
	if cfg.Quiet == 0 {
		cfg.Quiet = 10 * time.Millisecond
	}
	if cfg.BuildDate == nil {
		cfg.BuildDate = func() time.Time { return time.Now().UTC() }
	}
	if cfg.After == nil {
		cfg.After = time.After
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s := &Server{cfg: cfg, ln: ln, clients: map[chan event]bool{}}
	host, _, _ := net.SplitHostPort(cfg.Addr)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	s.listen = net.JoinHostPort(host, port)
	s.state.Store(&state{})
	s.static = Static(s.snap.Get)
	s.date = cfg.BuildDate()
	s.builder = pipeline.New(pipeline.Config{Src: os.DirFS(cfg.Src), BaseURL: "http://" + ln.Addr().String() + "/",
		Drafts: cfg.Drafts, BuildDate: s.date, LiveReload: true, Incremental: true, DeferIndex: true})
	if err := s.rebuild("première construction"); err != nil {
		ln.Close()
		return nil, err
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("serve: watcher: %w", err)
	}
	s.watcher = w
	// The project folder itself is watched for content/ or layouts/ appearing later.
	if err := w.Add(cfg.Src); err != nil {
		fmt.Fprintln(cfg.Log, "watch:", err)
	}
	for _, dir := range []string{"content", "layouts"} {
		s.watchTree(filepath.Join(cfg.Src, dir))
	}
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.http.Serve(ln)
	go s.watch(s.cfg.After(untilMidnight(s.date)))
	return s, nil
}

// URL returns the address of the served site.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() + "/" }

// Close stops watching and serving; open event streams end.
func (s *Server) Close() error {
	s.watcher.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	s.mu.Lock()
	for c := range s.clients {
		close(c)
		delete(s.clients, c)
	}
	s.mu.Unlock()
	return s.http.Shutdown(ctx)
}

// watchTree watches dir and every folder below it.
func (s *Server) watchTree(dir string) {
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && source.IsEditorLeftover(d.Name()) {
			return filepath.SkipDir
		}
		s.watcher.Add(p)
		return nil
	})
}

// watch rebuilds after each burst of relevant file events, and when midnight, which
// the channel day tells, changes the build day.
func (s *Server) watch(day <-chan time.Time) {
	var pending []string
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case ev, ok := <-s.watcher.Events:
			if !ok {
				return
			}
			name := filepath.Base(ev.Name)
			if source.IsEditorLeftover(name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					s.watchTree(ev.Name)
				}
			}
			rel, _ := filepath.Rel(s.cfg.Src, ev.Name)
			if ev.Has(fsnotify.Chmod) && !ev.Has(fsnotify.Write) || !projectFile(rel) {
				continue
			}
			if !slices.Contains(pending, filepath.ToSlash(rel)) {
				pending = append(pending, filepath.ToSlash(rel))
			}
			timer.Reset(s.cfg.Quiet)
		case err, ok := <-s.watcher.Errors:
			if !ok {
				return
			}
			fmt.Fprintln(s.cfg.Log, "watch:", err)
		case <-day:
			if s.newDay() {
				if err := s.rebuild("changement de jour"); err != nil {
					fmt.Fprintln(s.cfg.Log, "coexport:", err)
				}
			}
			day = s.cfg.After(untilMidnight(s.cfg.BuildDate()))
		case <-timer.C:
			what := strings.Join(pending, ", ")
			if len(pending) > 3 {
				what = fmt.Sprintf("%s, … (%d files)", strings.Join(pending[:3], ", "), len(pending))
			}
			pending = pending[:0]
			if err := s.rebuild(what); err != nil {
				fmt.Fprintln(s.cfg.Log, "coexport:", err)
			}
		}
	}
}

// projectFile reports whether rel, a path relative to the project folder, is under
// content/ or layouts/ (the rest, such as public/ or .git/, never triggers a rebuild).
func projectFile(rel string) bool {
	top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	return top == "content" || top == "layouts"
}

// untilMidnight returns how long it is from now to the next midnight UTC, when the build
// day changes.
func untilMidnight(now time.Time) time.Duration {
	u := now.UTC()
	return time.Date(u.Year(), u.Month(), u.Day()+1, 0, 0, 0, 0, time.UTC).Sub(u)
}

// newDay reads the clock and reports whether the build day changed since the last
// build; if so, the next build is made as of the new date.
func (s *Server) newDay() bool {
	now := s.cfg.BuildDate()
	if now.Format(time.DateOnly) == s.date.Format(time.DateOnly) {
		return false
	}
	s.date = now
	s.builder.SetBuildDate(now)
	return true
}

// rebuild runs the pipeline; on success it swaps the snapshot and tells the pages to
// reload, on content errors it keeps the snapshot and tells the pages to show them.
func (s *Server) rebuild(what string) error {
	s.newDay()
	res, err := s.builder.Build()
	if err != nil {
		return err
	}
	s.mu.Lock()
	if len(res.Diags) > 0 {
		errs := make([]string, 0, len(res.Diags))
		for _, d := range res.Diags.Sorted() {
			errs = append(errs, d.String())
		}
		s.state.Store(&state{errors: errs, version: s.state.Load().version})
		fmt.Fprintf(s.cfg.Log, "%s%s: %d errors, still serving the last good build (%d ms)\n", res.Diags.Error(), what, len(errs), res.Stats.Duration.Milliseconds())
		s.broadcast(event{"errors", jsonString(map[string]any{"errors": errs})})
		s.mu.Unlock()
		return nil
	}
	hadErrors := len(s.state.Load().errors) > 0
	s.publish(res, hadErrors)
	s.mu.Unlock()
	fmt.Fprintf(s.cfg.Log, "%s: %d pages re-rendered, %d files changed (%d ms)\n", what, res.Stats.Rendered, len(res.Changed)+len(res.Removed), res.Stats.Duration.Milliseconds())
	if res.IndexPending {
		// The page is on screen; now the search index, so that a search finds the new
		// words. Only this goroutine uses the builder: no lock is needed for it.
		idx, err := s.builder.CompleteIndex()
		if err != nil {
			return err
		}
		if idx != nil {
			s.mu.Lock()
			s.publish(idx, false)
			s.mu.Unlock()
			fmt.Fprintf(s.cfg.Log, "%s: search index updated (%d ms)\n", what, idx.Stats.Duration.Milliseconds())
		}
	}
	// The previous snapshot and the build's garbage are dead now: give the memory back
	// while the editor reads the page, rather than holding twice the site.
	go debug.FreeOSMemory()
	return nil
}

// publish swaps in a successful build and tells the open pages what changed; s.mu is held.
func (s *Server) publish(res *pipeline.Result, force bool) {
	s.snap.Swap(res.Files)
	st := &state{version: s.state.Load().version + 1}
	s.state.Store(st)
	changed := append(res.Changed, res.Removed...)
	if len(changed) > 0 || force {
		s.broadcast(event{"reload", jsonString(map[string]any{"version": st.version, "changed": changed})})
	}
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// broadcast sends ev to every open event stream; s.mu is held.
func (s *Server) broadcast(ev event) {
	for c := range s.clients {
		select {
		case c <- ev:
		default: // a stalled client misses one event; it gets the next
		}
	}
}

// ServeHTTP serves the snapshot, the reload script and the event stream to requests
// addressed to the server itself (see hostAllowed); others get 421 Misdirected Request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !hostAllowed(r.Host, s.listen) && !hostAllowed(r.Host, s.ln.Addr().String()) {
		http.Error(w, fmt.Sprintf("misdirected request: this preview answers at %s, not at %q", s.URL(), r.Host), http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/_coexport/events":
		s.events(w, r)
		return
	case "/_coexport/livereload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, liveReloadJS)
		return
	}
	if st := s.state.Load(); st.version == 0 && len(st.errors) > 0 {
		// No good build yet: there is no last good page to show, so show the errors on a
		// page that reloads by itself once they are fixed.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusInternalServerError)
		errorPage.Execute(w, st.errors)
		return
	}
	s.static.ServeHTTP(w, r)
}

// hostAllowed reports whether host, a request's Host header, names the server that
// listens on listen (host:port): a loopback name (localhost, 127.0.0.1, ::1) or listen's
// own host, with listen's port (or none for port 80). A server listening on every
// interface (0.0.0.0, ::) also answers to any IP address. Any other name is refused: a
// page of another site could point it at 127.0.0.1 and read the preview (DNS
// rebinding), which an IP address cannot do.
func hostAllowed(host, listen string) bool {
	lhost, lport, err := net.SplitHostPort(listen)
	if err != nil {
		return false
	}
	h, port, err := net.SplitHostPort(host)
	if err != nil {
		h, port = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"), "80"
	}
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	lhost = strings.TrimSuffix(strings.ToLower(lhost), ".")
	if port != lport || h == "" {
		return false
	}
	if h == "localhost" || h == lhost {
		return true
	}
	ip, err := netip.ParseAddr(h)
	if err != nil {
		return false
	}
	if ip.IsLoopback() {
		return true
	}
	every, err := netip.ParseAddr(lhost)
	return lhost == "" || err == nil && every.IsUnspecified()
}

var errorPage = template.Must(template.New("errors").Parse(`<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>La construction a échoué</title>
<script src="/_coexport/livereload.js" defer></script></head>
<body><h1>La construction a échoué</h1>
<p>Corrigez ces erreurs&nbsp;: la page se rechargera d’elle-même.</p>
<ul>{{range .}}<li><code>{{.}}</code></li>{{end}}</ul></body></html>
`))

// Static serves a built site the way a static host does, from get (a snapshot's Get):
// GET and HEAD only, "dir/" serves dir/index.html, "dir" redirects to "dir/", a missing
// file gets 404.html with status 404, every path stays inside the site, content types
// are set from the file name.
func Static(get func(name string) ([]byte, bool)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := path.Clean("/" + r.URL.Path)
		name := strings.TrimPrefix(p, "/")
		if strings.HasSuffix(r.URL.Path, "/") || p == "/" {
			name = strings.TrimPrefix(path.Join(name, "index.html"), "/")
		}
		data, ok := get(name)
		if !ok && !strings.HasSuffix(r.URL.Path, "/") {
			if _, dir := get(path.Join(name, "index.html")); dir {
				// The cleaned path, escaped: never "//host" or "/\\host", which a browser
				// would read as another site.
				to := url.URL{Path: p + "/", RawQuery: r.URL.RawQuery}
				http.Redirect(w, r, to.String(), http.StatusMovedPermanently)
				return
			}
		}
		status := http.StatusOK
		if !ok {
			status = http.StatusNotFound
			data, _ = get("404.html")
			name = "404.html"
		}
		w.Header().Set("Content-Type", contentType(name))
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(status)
		if r.Method == http.MethodGet {
			w.Write(data)
		}
	})
}

var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
	".js": "text/javascript; charset=utf-8", ".json": "application/json",
	".xml": "application/xml; charset=utf-8", ".ics": "text/calendar; charset=utf-8",
	".csv": "text/csv; charset=utf-8", ".txt": "text/plain; charset=utf-8",
	".svg": "image/svg+xml", ".png": "image/png", ".bin": "application/octet-stream",
}

func contentType(name string) string {
	if name == "feed.xml" || strings.HasSuffix(name, "/feed.xml") {
		return "application/atom+xml; charset=utf-8"
	}
	if t, ok := contentTypes[path.Ext(name)]; ok {
		return t
	}
	return "application/octet-stream"
}

// events is the Server-Sent Events stream: the current state first, then every change.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 8)
	s.mu.Lock()
	s.clients[c] = true
	st := s.state.Load()
	first := event{"hello", jsonString(map[string]any{"version": st.version})}
	if len(st.errors) > 0 {
		first = event{"errors", jsonString(map[string]any{"errors": st.errors})}
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if s.clients[c] {
			delete(s.clients, c)
		}
		s.mu.Unlock()
	}()
	send := func(ev event) {
		fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
		fl.Flush()
	}
	send(first)
	for {
		select {
		case ev, ok := <-c:
			if !ok {
				return
			}
			send(ev)
		case <-r.Context().Done():
			return
		}
	}
}

package serve

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestServeErrorsWhileRequested: after a failed first build, saves that fail again while
// the error page is being served. The page must be written from a value that no rebuild
// changes: `go test -race` fails otherwise.
func TestServeErrorsWhileRequested(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../testdata/sites/basic")); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, "want"))
	chapter := filepath.Join(dir, "content/guide/02-portage.md")
	os.WriteFile(chapter, []byte("---\ntitle: [\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "content/guide/01-pourquoi.md"), []byte("---\ntitle: [\n---\n"), 0o644)
	s, err := Start(Config{Src: dir, Addr: "127.0.0.1:0", BuildDate: func() time.Time { return day }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := http.Get(s.URL())
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
	for range 8 {
		if err := s.rebuild("test"); err != nil { // what the watcher does after a save
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
}

package pipeline_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"coexport/internal/output"
	"coexport/internal/pipeline"
)

// streamed builds dir with Config.Write and returns what was written.
func streamed(t *testing.T, dir string, write func(output.File) error) (*pipeline.Result, map[string][]byte, error) {
	t.Helper()
	var mu sync.Mutex
	got := map[string][]byte{}
	res, err := pipeline.New(pipeline.Config{Src: os.DirFS(dir), BuildDate: buildDate, Write: func(f output.File) error {
		mu.Lock()
		if _, dup := got[f.Path]; dup {
			t.Errorf("%s written twice", f.Path)
		}
		got[f.Path] = f.Data
		mu.Unlock()
		if write != nil {
			return write(f)
		}
		return nil
	}}).Build()
	return res, got, err
}

// TestStreamEqualsCollected: a build that streams its outputs writes exactly the files,
// byte for byte, of a build that returns them, and keeps none of them itself.
func TestStreamEqualsCollected(t *testing.T) {
	want := buildDir(t, basic)
	res, got, err := streamed(t, basic, nil)
	if err != nil || len(res.Diags) > 0 {
		t.Fatalf("streamed build: %v %s", err, res.Diags.Error())
	}
	if res.Files != nil {
		t.Errorf("a streaming build returned %d files, want none", len(res.Files))
	}
	if len(got) != len(want.Files) {
		t.Errorf("streamed %d files, a collecting build made %d", len(got), len(want.Files))
	}
	for _, f := range want.Files {
		if !bytes.Equal(got[f.Path], f.Data) {
			t.Errorf("%s: streamed bytes differ from the collected ones", f.Path)
		}
	}
	if res.Stats.Files != want.Stats.Files || res.Stats.Pages != want.Stats.Pages || res.Stats.AMIs != want.Stats.AMIs {
		t.Errorf("stats = %+v, want %+v", res.Stats, want.Stats)
	}
}

// TestStreamNothingOnContentError: content errors are all known before the first output
// is made, so a build with one writes nothing at all.
func TestStreamNothingOnContentError(t *testing.T) {
	dir := t.TempDir()
	os.CopyFS(dir, os.DirFS(basic))
	os.RemoveAll(filepath.Join(dir, "want"))
	os.WriteFile(filepath.Join(dir, "content/guide/02-portage.md"), []byte("---\ntitle: [\n---\n"), 0o644)
	res, got, err := streamed(t, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diags) == 0 {
		t.Fatal("a broken chapter built")
	}
	if len(got) > 0 {
		t.Errorf("a build with content errors wrote %d files", len(got))
	}
}

// TestStreamLayoutErrorFails: a layout that fails while rendering fails the build with
// a diagnostic, even though some outputs were already handed on (the caller then
// discards its temporary folder).
func TestStreamLayoutErrorFails(t *testing.T) {
	dir := t.TempDir()
	os.CopyFS(dir, os.DirFS(basic))
	os.RemoveAll(filepath.Join(dir, "want"))
	b, _ := os.ReadFile("../../layouts/case.html")
	os.MkdirAll(filepath.Join(dir, "layouts"), 0o755)
	// index out of range when executed, not when parsed
	broken := strings.Replace(string(b), "{{define \"main\"}}", "{{define \"main\"}}{{index .Page.Countries 99}}", 1)
	os.WriteFile(filepath.Join(dir, "layouts/case.html"), []byte(broken), 0o644)
	res, _, err := streamed(t, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Diags.Error(), "layouts/case.html") {
		t.Errorf("diagnostics = %q, want one about layouts/case.html", res.Diags.Error())
	}
}

// TestStreamWriteErrorStops: when writing fails, the build stops and returns the error.
func TestStreamWriteErrorStops(t *testing.T) {
	full := buildDir(t, basic)
	var n atomic.Int32
	disk := errors.New("disk full")
	res, got, err := streamed(t, basic, func(output.File) error {
		if n.Add(1) > 3 {
			return disk
		}
		return nil
	})
	if !errors.Is(err, disk) {
		t.Fatalf("Build = %v, %v; want the write error", res, err)
	}
	if len(got) >= len(full.Files) {
		t.Errorf("the build went on after a write failed: %d of %d files handed on", len(got), len(full.Files))
	}
}

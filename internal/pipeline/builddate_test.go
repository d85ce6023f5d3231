package pipeline_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"coexport/internal/pipeline"
)

// TestSetBuildDateEqualsClean: a long-lived Builder moved to a new build date (the dev
// server at midnight) makes byte for byte what a fresh Builder makes at that date: the
// AMIs whose deadline passed are closed on every page, feed and export, nothing stale.
func TestSetBuildDateEqualsClean(t *testing.T) {
	before := time.Date(2026, 12, 1, 23, 59, 0, 0, time.UTC) // AMI-2026-002's last day
	after := time.Date(2026, 12, 2, 0, 0, 1, 0, time.UTC)
	cfg := pipeline.Config{Src: os.DirFS(basic), BuildDate: before, LiveReload: true, Incremental: true}
	inc := pipeline.New(cfg)
	if _, err := inc.Build(); err != nil {
		t.Fatal(err)
	}
	inc.SetBuildDate(after)
	got, err := inc.Build()
	if err != nil || len(got.Diags) > 0 {
		t.Fatalf("rebuild: %v %s", err, got.Diags.Error())
	}
	if len(got.Changed) == 0 {
		t.Error("the new day changed no output")
	}
	cfg.BuildDate = after
	want, err := pipeline.New(cfg).Build()
	if err != nil || len(want.Diags) > 0 {
		t.Fatalf("clean build: %v %s", err, want.Diags.Error())
	}
	if len(got.Files) != len(want.Files) {
		t.Fatalf("%d outputs after the new day, %d in a clean build", len(got.Files), len(want.Files))
	}
	for i, w := range want.Files {
		if g := got.Files[i]; g.Path != w.Path || !bytes.Equal(g.Data, w.Data) {
			t.Errorf("%s differs from a clean build at the new date", w.Path)
		}
	}
}

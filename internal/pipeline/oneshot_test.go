package pipeline

import (
	"os"
	"testing"
	"time"

	"coexport/internal/output"
)

// TestOneShotKeepsNothing: a build without Config.Incremental keeps no cache for a next
// build that will not come; an incremental one does.
func TestOneShotKeepsNothing(t *testing.T) {
	date := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for _, inc := range []bool{false, true} {
		b := New(Config{Src: os.DirFS("../../testdata/sites/basic"), BuildDate: date, Incremental: inc,
			Write: func(output.File) error { return nil }})
		res, err := b.Build()
		if err != nil || len(res.Diags) > 0 {
			t.Fatalf("build: %v %s", err, res.Diags.Error())
		}
		kept := len(b.parsed) + len(b.amis) + len(b.outs) + len(b.prev) + len(b.last) + len(b.feeds.files) + len(b.index.files)
		if !inc && kept != 0 {
			t.Errorf("a one-shot build kept %d cached items", kept)
		}
		if inc && kept == 0 {
			t.Errorf("an incremental build kept nothing for the next one")
		}
	}
}

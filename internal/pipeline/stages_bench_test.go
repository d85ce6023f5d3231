package pipeline

import (
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"coexport/internal/diag"
	"coexport/internal/feed"
	"coexport/internal/output"
	"coexport/internal/render"
	"coexport/internal/site"
	"coexport/internal/source"
)

// BenchmarkStages times each stage of a one-shot build on its own, on the repo's content
// or the project in COEXPORT_BENCH_SRC, and reports the bytes each allocates per output
// page (alloc-B/page):
//
//	COEXPORT_BENCH_SRC=/tmp/coexport-bench/corpus-10k-seed1/coexport \
//	  go test -run - -bench BenchmarkStages ./internal/pipeline
func BenchmarkStages(b *testing.B) {
	src := os.Getenv("COEXPORT_BENCH_SRC")
	if src == "" {
		src = "../.."
	}
	date := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	cfg := Config{Src: os.DirFS(src), BuildDate: date}
	files, err := source.Load(cfg.Src, nil)
	if err != nil {
		b.Fatal(err)
	}
	parse := func() (site.Input, string) {
		bl := New(cfg)
		res := &Result{}
		in, key := bl.parse(slices.Clone(files), res) // a one-shot parse drops the bytes it read
		if len(res.Diags) > 0 {
			b.Fatal(res.Diags.Error())
		}
		return in, key
	}
	in, vocabKey := parse()
	var d diag.List
	s := site.Assemble(in, &d)
	r := render.New(layoutFS(files), s, render.Options{}, &d)
	if len(d) > 0 {
		b.Fatal(d.Error())
	}
	jobs := r.Jobs()
	pages := 0
	for _, j := range jobs {
		if strings.HasSuffix(j.Path, ".html") {
			pages++
		}
	}
	stage := func(name string, fn func()) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for b.Loop() {
				fn()
			}
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(pages), "alloc-B/page")
		})
	}
	stage("load", func() {
		if _, err := source.Load(cfg.Src, nil); err != nil {
			b.Fatal(err)
		}
	})
	stage("parse", func() { parse() })
	stage("assemble", func() { site.Assemble(in, &diag.List{}) })
	stage("render", func() {
		r := render.New(layoutFS(files), s, render.Options{}, &diag.List{})
		discard := newEmitter(func(output.File) error { return nil }, func(string) diag.Pos { return diag.Pos{} })
		if err := New(cfg).pages(r, r.Jobs(), New(cfg).depValues(s, files, vocabKey), discard, &Result{}); err != nil {
			b.Fatal(err)
		}
	})
	stage("index", func() {
		if _, err := buildIndex(s); err != nil {
			b.Fatal(err)
		}
	})
	stage("feeds", func() { feed.Files(s) })
}

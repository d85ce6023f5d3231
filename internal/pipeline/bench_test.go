package pipeline_test

import (
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"coexport/internal/output"

	"coexport/internal/pipeline"
)

// BenchmarkBuild builds a project cold and one-shot, as `coexport build` does, each
// iteration with a fresh Builder, its outputs streamed to a writer that drops them: the
// repo's own content, or the one in COEXPORT_BENCH_SRC (e.g. a ../shared/bench corpus:
// /tmp/coexport-bench/corpus-10k-seed1/coexport). It reports the bytes allocated per
// output page (alloc-B/page) and the mean size of each kind of page (country-B, …).
func BenchmarkBuild(b *testing.B) {
	src := os.Getenv("COEXPORT_BENCH_SRC")
	if src == "" {
		src = "../.."
	}
	var (
		mu     sync.Mutex
		weight = map[string][2]int{} // kind → files, bytes
	)
	write := func(f output.File) error {
		if k := pageKind(f.Path); k != "" {
			mu.Lock()
			w := weight[k]
			weight[k] = [2]int{w[0] + 1, w[1] + len(f.Data)}
			mu.Unlock()
		}
		return nil
	}
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	pages := 0
	for b.Loop() {
		res, err := pipeline.New(pipeline.Config{Src: os.DirFS(src), BuildDate: buildDate, Write: write}).Build()
		if err != nil || len(res.Diags) > 0 {
			b.Fatal(err, res.Diags.Error())
		}
		pages = res.Stats.Pages
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(pages), "alloc-B/page")
	for k, w := range weight {
		b.ReportMetric(float64(w[1])/float64(w[0]), k+"-B")
	}
}

// pageKind names the kinds of page whose weight BenchmarkBuild reports.
func pageKind(p string) string {
	parts := strings.Split(p, "/")
	switch {
	case len(parts) == 3 && parts[2] == "index.html" && parts[0] == "pays":
		return "country"
	case len(parts) == 3 && parts[2] == "index.html" && parts[0] == "secteurs":
		return "sector"
	case len(parts) == 3 && parts[2] == "index.html" && parts[0] == "ami" && parts[1] != "archives":
		return "ami"
	case len(parts) == 3 && parts[2] == "index.html" && parts[0] == "guide" && parts[1] != "imprimer":
		return "chapter"
	case len(parts) == 3 && parts[2] == "index.html" && parts[0] == "cas":
		return "case"
	case p == "ami/archives/index.html":
		return "archives"
	case p == "ami/index.html":
		return "catalogue"
	}
	return ""
}

// BenchmarkRebuild measures a rebuild after one chapter's text changed, with a warm
// Builder configured as the dev server's (incremental, live reload, the search index
// deferred): the work between a save and the page served.
func BenchmarkRebuild(b *testing.B) {
	src := os.Getenv("COEXPORT_BENCH_SRC")
	if src == "" {
		src = "../.."
	}
	dir := b.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src+"/content")); err != nil {
		b.Fatal(err)
	}
	os.Rename(dir, dir+".c")
	os.MkdirAll(dir, 0o755)
	os.Rename(dir+".c", dir+"/content")
	bl := pipeline.New(pipeline.Config{Src: os.DirFS(dir), BuildDate: buildDate, Incremental: true, DeferIndex: true, LiveReload: true})
	if _, err := bl.Build(); err != nil {
		b.Fatal(err)
	}
	entries, _ := os.ReadDir(dir + "/content/guide")
	p := dir + "/content/guide/" + entries[0].Name()
	orig, _ := os.ReadFile(p)
	i := 0
	for b.Loop() {
		i++
		os.WriteFile(p, append(append([]byte{}, orig...), []byte("\nMarqueur "+string(rune('a'+i%26))+"\n")...), 0o644)
		res, err := bl.Build()
		if err != nil || len(res.Diags) > 0 {
			b.Fatal(err, res.Diags.Error())
		}
	}
}

package pipeline_test

import (
	"os"
	"testing"

	"coexport/internal/pipeline"
)

// BenchmarkBuild builds a project cold, each iteration with a fresh Builder: the repo's
// own content, or the one in COEXPORT_BENCH_SRC (e.g. a ../shared/bench corpus:
// /tmp/coexport-bench/corpus-10k-seed1/coexport).
func BenchmarkBuild(b *testing.B) {
	src := os.Getenv("COEXPORT_BENCH_SRC")
	if src == "" {
		src = "../.."
	}
	for b.Loop() {
		res, err := pipeline.New(pipeline.Config{Src: os.DirFS(src), BuildDate: buildDate}).Build()
		if err != nil || len(res.Diags) > 0 {
			b.Fatal(err, res.Diags.Error())
		}
	}
}

// BenchmarkRebuild measures a rebuild after one chapter's text changed, with a warm
// Builder: the work of the dev server on a save.
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
	bl := pipeline.New(pipeline.Config{Src: os.DirFS(dir), BuildDate: buildDate, Incremental: true})
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

package search

import (
	"os"
	"testing"
)

func BenchmarkBuildCorpus(b *testing.B) {
	dir := os.Getenv("COEXPORT_CORPUS")
	if dir == "" {
		b.Skip("COEXPORT_CORPUS not set")
	}
	docs, cfg := loadBenchCorpus(b, dir)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(docs, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

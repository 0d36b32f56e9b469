package search

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkIndex builds a full index of generated pages and reports pages/s.
func BenchmarkIndex(b *testing.B) {
	for _, n := range []int{10000} {
		docs := genDocs(n)
		b.Run(itoa(n), func(b *testing.B) {
			var total time.Duration
			for i := 0; b.Loop(); i++ {
				dir := filepath.Join(b.TempDir(), "index")
				start := time.Now()
				if err := Build(context.Background(), dir, "bench", docs); err != nil {
					b.Fatal(err)
				}
				total += time.Since(start)
			}
			b.ReportMetric(float64(n*b.N)/total.Seconds(), "docs/s")
		})
	}
}

package bleveengine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/synth"
	"github.com/ideas-hub/hub/search"
)

// BenchmarkIndex builds a full index of 10,000 generated pages and reports
// pages/s and the memory indexing holds at its peak (heapProbe). Run it
// with -benchtime 1x in a fresh process, as hub build runs: later builds in
// the same process reuse heap the first one had to get from the system and
// come out a third faster. HUB_BENCH_TUNE=1 also tries other batch sizes
// and worker counts; HUB_BENCH_BATCH=n HUB_BENCH_WORKERS=m tries one;
// HUB_BENCH_PAGES=n indexes n pages instead of 10,000 (benchPages).
func BenchmarkIndex(b *testing.B) {
	docs := synth.Documents(benchPages())
	tunes := []tuning{defaultTuning()}
	if bs, w := os.Getenv("HUB_BENCH_BATCH"), os.Getenv("HUB_BENCH_WORKERS"); bs != "" && w != "" {
		tunes = []tuning{{batchSize: atoi(bs), workers: atoi(w)}}
	}
	if os.Getenv("HUB_BENCH_TUNE") != "" {
		for _, w := range []int{1, 2, 4, 6} {
			for _, bs := range []int{250, 500, 1000, 2000} {
				tunes = append(tunes, tuning{batchSize: bs, workers: w})
			}
		}
	}
	for _, tune := range tunes {
		b.Run(fmt.Sprintf("batch=%d/workers=%d", tune.batchSize, tune.workers), func(b *testing.B) {
			var total, cpu time.Duration
			var peak, peakLive, merged, segments float64
			tune.stats = func(st map[string]any) {
				merged += float64(statUint(st, "TotFileMergeWrittenBytes")) / (1 << 20)
				segments = float64(statUint(st, "TotFileSegmentsAtRoot"))
			}
			for b.Loop() {
				dir := filepath.Join(b.TempDir(), "index")
				ch := make(chan search.Document, 64)
				go func() {
					defer close(ch)
					for _, d := range docs {
						ch <- d
					}
				}()
				probe := startHeapProbe()
				start, cpu0 := time.Now(), processCPU()
				if err := buildStream(context.Background(), dir, buildMeta{id: "bench", schema: search.DefaultSchema()}, ch, nil, tune); err != nil {
					b.Fatal(err)
				}
				total += time.Since(start)
				cpu += processCPU() - cpu0
				p, l := probe.end()
				peak, peakLive = max(peak, p), max(peakLive, l)
			}
			n := float64(len(docs) * b.N)
			b.ReportMetric(n/total.Seconds(), "docs/s")
			// What two otherwise idle cores would manage at this CPU cost:
			// a steadier figure than docs/s on a shared machine.
			b.ReportMetric(n/(cpu.Seconds()/2), "docs/s@2cpu")
			// What indexing adds to the heap at its peak, beyond the
			// documents: all of it, and what a collection found live. The
			// first includes the garbage GOGC lets pile up, in proportion
			// to everything live, the documents too; the second is what
			// indexing holds.
			b.ReportMetric(peak, "peak-heap-MB")
			b.ReportMetric(peakLive, "peak-live-MB")
			// What merging segments wrote, against an index of about 45 MB
			// at 10,000 pages, and the segments a query then meets.
			b.ReportMetric(merged/float64(b.N), "merged-MB")
			b.ReportMetric(segments, "segments")
		})
	}
}

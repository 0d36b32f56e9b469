package bleveengine

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/synth"
	"github.com/ideas-hub/hub/search"
)

// benchIndex builds the index the query benchmarks share: 10,000 pages,
// or HUB_BENCH_PAGES (benchPages).
func benchIndex(b *testing.B) (*Index, *synth.DocGen) {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "index")
	docs := synth.Documents(benchPages())
	start := time.Now()
	if err := Build(context.Background(), dir, "bench", search.DefaultSchema(), docs); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %d pages in %v", len(docs), time.Since(start))
	ix, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	b.Logf("segments: %v", segmentCount(ix))
	return ix, synth.NewDocGen(42)
}

// queryMix returns n requests like readers make: one or two words drawn
// Zipf-wise from the corpus vocabulary (so common words come up often), one
// in ten with a typo, one in five with a tag or type filter, some later pages.
func queryMix(g *synth.DocGen, n int, seed uint64) []search.Request {
	rng := rand.New(rand.NewPCG(seed, 7))
	content := func() string {
		for {
			w := g.Word()
			if !stopWords()[w] && len(w) > 2 {
				return w
			}
		}
	}
	out := make([]search.Request, n)
	for i := range out {
		words := []string{content()}
		if rng.IntN(2) == 0 {
			words = append(words, content())
		}
		if rng.IntN(10) == 0 && len(words[0]) >= 5 {
			w := []byte(words[0]) // swap two letters
			k := 1 + rng.IntN(len(w)-2)
			w[k], w[k+1] = w[k+1], w[k]
			words[0] = string(w)
		}
		r := search.Request{Query: strings.Join(words, " ")}
		switch rng.IntN(10) {
		case 0:
			r.Tags = []string{g.Tag()}
		case 1:
			r.Types = []string{search.DefaultSchema().Types[rng.IntN(4)]}
		case 2:
			r.Page = 2
		}
		out[i] = r
	}
	return out
}

// BenchmarkQuery runs a mix of one- and two-word queries, with facets and
// snippets, against 10,000 pages (benchPages), and reports the latency
// percentiles.
func BenchmarkQuery(b *testing.B) {
	ix, g := benchIndex(b)
	mix := queryMix(g, 2000, 1)
	ctx := context.Background()
	for _, r := range mix[:200] { // warm up caches and lazily built automata
		if _, err := ix.Search(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
	lat := make([]time.Duration, 0, b.N)
	var hits, total uint64
	b.ResetTimer()
	cpu0 := processCPU()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		resp, err := ix.Search(ctx, mix[i%len(mix)])
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		hits += uint64(len(resp.Hits))
		total += resp.Total
	}
	b.StopTimer()
	// CPU per query, the whole process's: steadier than the latencies on a
	// shared machine.
	b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(len(lat)), "cpu-us/op")
	reportPercentiles(b, lat)
	b.ReportMetric(float64(hits)/float64(len(lat)), "hits/op")
	b.ReportMetric(float64(total)/float64(len(lat)), "total/op")
}

// BenchmarkQueryKinds breaks the latency down by kind of request.
func BenchmarkQueryKinds(b *testing.B) {
	ix, g := benchIndex(b)
	kinds := []struct {
		name string
		req  func(w1, w2 string) search.Request
	}{
		{"one-word", func(w1, _ string) search.Request { return search.Request{Query: w1} }},
		{"two-words", func(w1, w2 string) search.Request { return search.Request{Query: w1 + " " + w2} }},
		{"typo", func(w1, _ string) search.Request { return search.Request{Query: w1[:1] + "x" + w1[1:]} }},
		{"tag-filter-only", func(string, string) search.Request { return search.Request{Tags: []string{g.Tag()}} }},
		{"word+tag+type", func(w1, _ string) search.Request {
			return search.Request{Query: w1, Tags: []string{g.Tag()}, Types: []string{"story"}}
		}},
	}
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			var reqs []search.Request
			for _, r := range queryMix(g, 500, 3) {
				w := strings.Fields(r.Query)
				reqs = append(reqs, k.req(w[0], w[len(w)-1]))
			}
			lat := make([]time.Duration, 0, b.N)
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if _, err := ix.Search(context.Background(), reqs[i%len(reqs)]); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			reportPercentiles(b, lat)
		})
	}
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(pct(1.0), "max-ms")
}

func segmentCount(ix *Index) any {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return err
	}
	return adv.StatsMap()["TotFileSegmentsAtRoot"]
}

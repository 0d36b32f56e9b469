package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/synth"
)

// Edit-to-reload latency of hub serve: from writing a file until the page,
// fetched after the reload event, shows the change. Measured on generated
// hubs; run with
//
//	go test -run '^$' -bench EditToReload -benchtime 40x .
//
// HUB_BENCH_PAGES=n adds a hub of n pages (100,000 takes some minutes to
// generate and load before the first edit).
func BenchmarkEditToReload1000(b *testing.B)  { benchEditToReload(b, 1000) }
func BenchmarkEditToReload10000(b *testing.B) { benchEditToReload(b, 10000) }
func BenchmarkEditToReloadPages(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("HUB_BENCH_PAGES"))
	if n <= 0 {
		b.Skip("set HUB_BENCH_PAGES for a hub of that many pages")
	}
	benchEditToReload(b, n)
}

func benchEditToReload(b *testing.B, pages int) {
	if testing.Short() && pages > 1000 {
		b.Skip("10,000 pages in -short mode")
	}
	site := filepath.Join(b.TempDir(), "site")
	if err := synth.Write(site, synth.Options{Pages: pages, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	s := serve(b, site)
	b.Cleanup(func() {
		if b.Failed() {
			b.Logf("stderr:\n%s", s.stderr.String())
			for len(s.lines) > 0 {
				b.Log(<-s.lines)
			}
		}
	})
	events := s.events(b)
	next(b, events, "hello")

	// Pick a story to edit.
	var story string
	entries, _ := os.ReadDir(filepath.Join(site, "content/stories"))
	story = filepath.Join(site, "content/stories", entries[len(entries)/2].Name())
	original, _ := os.ReadFile(story)
	url := s.url + "stories/" + strings.TrimSuffix(entries[len(entries)/2].Name(), ".md") + "/"

	for _, kind := range []string{"body", "tags"} {
		var lat []time.Duration
		for i := 0; i < b.N; i++ {
			marker := fmt.Sprintf("marker%d%s", i, kind)
			var data string
			if kind == "body" {
				data = strings.Replace(string(original), "\n---\n", "\n---\n\n"+marker+" paragraph.\n", 1)
			} else {
				data = strings.Replace(string(original), "\ntags: [", "\ntags: [\""+marker+"\", ", 1)
			}
			start := time.Now()
			if err := os.WriteFile(story, []byte(data), 0o644); err != nil {
				b.Fatal(err)
			}
			next(b, events, "reload")
			res, err := http.Get(url)
			if err != nil {
				b.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if !strings.Contains(string(body), marker) {
				b.Fatalf("%s edit %d not visible", kind, i)
			}
			lat = append(lat, time.Since(start))
		}
		slices.Sort(lat)
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, kind+"-p50-ms")
		b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, kind+"-p95-ms")
	}
}

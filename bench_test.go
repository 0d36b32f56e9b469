package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/corpus"
)

// Edit-to-reload latency of hub serve: from writing a file until the page,
// fetched after the reload event, shows the change. Measured on generated
// hubs; run with
//
//	go test -run '^$' -bench EditToReload -benchtime 40x .
func BenchmarkEditToReload1000(b *testing.B)  { benchEditToReload(b, 1000) }
func BenchmarkEditToReload10000(b *testing.B) { benchEditToReload(b, 10000) }

func benchEditToReload(b *testing.B, pages int) {
	if testing.Short() && pages > 1000 {
		b.Skip("10,000 pages in -short mode")
	}
	site := filepath.Join(b.TempDir(), "site")
	if err := corpus.Write(site, corpus.Options{Pages: pages, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	s := serveBench(b, site)
	b.Cleanup(func() {
		if b.Failed() {
			b.Logf("stderr:\n%s", s.stderr.String())
			for len(s.lines) > 0 {
				b.Log(<-s.lines)
			}
		}
	})
	events := sseEvents(b, s)
	waitEvent(b, events, "hello")

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
			waitEvent(b, events, "reload")
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

// serveBench runs hub serve for a benchmark.
func serveBench(b *testing.B, site string) *served {
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{lines: make(chan string, 1000), stderr: &lockedBuffer{}}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--site", site, "--addr", "127.0.0.1:0"}, pw, s.stderr)
		pw.Close()
	}()
	b.Cleanup(func() { cancel(); <-done })
	sc := bufio.NewScanner(pr)
	if !sc.Scan() {
		b.Fatalf("no output: %s", s.stderr.String())
	}
	s.url = strings.TrimPrefix(sc.Text(), "serving ")
	go func() {
		for sc.Scan() {
			select {
			case s.lines <- sc.Text():
			default:
			}
		}
	}()
	return s
}

func sseEvents(b *testing.B, s *served) <-chan string {
	ctx, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", s.url+"_hub/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	out := make(chan string, 100)
	go func() {
		defer res.Body.Close()
		r := bufio.NewReader(res.Body)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if name, ok := strings.CutPrefix(strings.TrimSpace(line), "event: "); ok {
				out <- name
			}
		}
	}()
	return out
}

func waitEvent(b *testing.B, events <-chan string, want string) {
	for {
		select {
		case ev := <-events:
			if ev == want {
				return
			}
			if ev == "errors" {
				b.Fatalf("the build failed while waiting for %s", want)
			}
		case <-time.After(60 * time.Second):
			b.Fatalf("no %s event", want)
		}
	}
}

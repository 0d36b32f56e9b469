package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/synth"
)

// Edit-to-reload latency of hub serve: from writing a file until the page,
// fetched after the reload event, shows the change. Measured on generated
// hubs, for a page's body and tags and for term edits (an author added, an
// organisation renamed, a description file rewritten: issue #23 wants
// these within 100 ms p50 and 250 ms p95 at 10,000 pages); run with
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

	// The edits: a story's body and tags, and term edits (issue #23): an
	// author added to the story, a case study's organisation renamed, an
	// author's description file rewritten. Each is seen when its page
	// shows the marker: for a term edit, the term's page.
	story := pick(b, site, "stories")
	caseStudy := pick(b, site, "case-studies")
	desc := pick(b, site, "authors")
	edits := []struct {
		kind, file string
		edit       func(data, marker string) string
		page       func(marker string) string
	}{
		{"body", story, func(data, m string) string {
			return strings.Replace(data, "\n---\n", "\n---\n\n"+m+" paragraph.\n", 1)
		}, func(string) string { return pageURL(story) }},
		{"tags", story, func(data, m string) string {
			return strings.Replace(data, "\ntags: [", "\ntags: [\""+m+"\", ", 1)
		}, func(string) string { return pageURL(story) }},
		{"author", story, func(data, m string) string {
			return strings.Replace(data, "\nauthors: [", "\nauthors: [\""+m+"\", ", 1)
		}, func(m string) string { return "authors/" + m + "/" }},
		{"organisation", caseStudy, func(data, m string) string {
			return regexp.MustCompile(`\norganisation: "[^"\n]*"`).ReplaceAllLiteralString(data, "\norganisation: \""+m+"\"")
		}, func(m string) string { return "organisations/" + m + "/" }},
		{"description", desc, func(data, m string) string {
			return data + "\n" + m + " paragraph.\n"
		}, func(string) string { return "authors/" + strings.TrimSuffix(filepath.Base(desc), ".md") + "/" }},
	}
	for _, e := range edits {
		original, err := os.ReadFile(e.file)
		if err != nil {
			b.Fatal(err)
		}
		var lat []time.Duration
		for i := 0; i < b.N; i++ {
			marker := fmt.Sprintf("marker%d%s", i, e.kind)
			data := e.edit(string(original), marker)
			if data == string(original) {
				b.Fatalf("%s: the %s edit changed nothing", e.file, e.kind)
			}
			start := time.Now()
			if err := os.WriteFile(e.file, []byte(data), 0o644); err != nil {
				b.Fatal(err)
			}
			next(b, events, "reload")
			res, err := http.Get(s.url + e.page(marker))
			if err != nil {
				b.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if !strings.Contains(string(body), marker) {
				b.Fatalf("%s edit %d not visible at /%s", e.kind, i, e.page(marker))
			}
			lat = append(lat, time.Since(start))
		}
		slices.Sort(lat)
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, e.kind+"-p50-ms")
		b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, e.kind+"-p95-ms")
	}
}

// pick returns a file from the middle of the site's content/dir.
func pick(b *testing.B, site, dir string) string {
	entries, err := os.ReadDir(filepath.Join(site, "content", dir))
	if err != nil || len(entries) == 0 {
		b.Fatalf("content/%s: %d files, %v", dir, len(entries), err)
	}
	return filepath.Join(site, "content", dir, entries[len(entries)/2].Name())
}

// pageURL is the site-relative URL of a page's content file.
func pageURL(file string) string {
	return filepath.Base(filepath.Dir(file)) + "/" + strings.TrimSuffix(filepath.Base(file), ".md") + "/"
}

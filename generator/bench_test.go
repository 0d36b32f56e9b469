package generator

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/generator/taxonomy"
	"github.com/ideas-hub/hub/internal/synth"
	"github.com/ideas-hub/hub/layouts"
)

// The benchmarks build hubs made by internal/synth (seed 1, the default
// clock and 250-tag vocabulary) with the real theme. Each generates its
// hub once, on disk, before the timer starts. Run them with
//
//	go test ./generator/ -run '^$' -bench . -benchtime 3x -benchmem
//
// BenchmarkBuild10000 is skipped with -short.

// benchSite writes an n-page generated hub into a temporary folder.
func benchSite(b *testing.B, pages int) Options {
	b.Helper()
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Pages: pages, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return Options{Site: os.DirFS(dir), Theme: layouts.FS(), Now: synth.DefaultNow}
}

// benchLoad loads a generated n-page hub.
func benchLoad(b *testing.B, pages int) *Site {
	b.Helper()
	s, err := Load(context.Background(), benchSite(b, pages))
	if err != nil {
		b.Fatal(err)
	}
	if len(s.Pages) != pages {
		b.Fatalf("loaded %d pages of %d", len(s.Pages), pages)
	}
	return s
}

// freshDir returns a new, not yet existing output folder, so that every
// iteration builds from scratch rather than replacing the previous output.
func freshDir(b *testing.B, parent string) string {
	b.Helper()
	dir, err := os.MkdirTemp(parent, "out-")
	if err != nil {
		b.Fatal(err)
	}
	return dir + "/public"
}

func reportPagesPerSecond(b *testing.B, pages int) {
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

func benchBuild(b *testing.B, pages int) {
	opts := benchSite(b, pages)
	out := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Build(context.Background(), opts, freshDir(b, out), true); err != nil {
			b.Fatal(err)
		}
	}
	reportPagesPerSecond(b, pages)
}

// BenchmarkBuild1000 is what `hub build --no-index` does: load, render,
// minify and write.
func BenchmarkBuild1000(b *testing.B) { benchBuild(b, 1000) }

func BenchmarkBuild10000(b *testing.B) {
	if testing.Short() {
		b.Skip("10,000 pages: skipped in -short mode")
	}
	benchBuild(b, 10000)
}

// BenchmarkLoad1000 reads, validates and renders the markdown, and builds
// the tags and related pages.
func BenchmarkLoad1000(b *testing.B) {
	opts := benchSite(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
	reportPagesPerSecond(b, 1000)
}

func benchRender(b *testing.B, minify bool) {
	s := benchLoad(b, 1000)
	out := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Render(context.Background(), freshDir(b, out), minify); err != nil {
			b.Fatal(err)
		}
	}
	reportPagesPerSecond(b, 1000)
}

// BenchmarkRender1000 renders, minifies and writes a loaded site.
func BenchmarkRender1000(b *testing.B) { benchRender(b, true) }

// BenchmarkRenderNoMinify1000 is the same without the minifier, so the two
// together show what minifying costs.
func BenchmarkRenderNoMinify1000(b *testing.B) { benchRender(b, false) }

// BenchmarkCheck1000 renders in memory and writes nothing (`hub check`):
// against BenchmarkRenderNoMinify1000 it shows what writing costs.
func BenchmarkCheck1000(b *testing.B) {
	s := benchLoad(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Check(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	reportPagesPerSecond(b, 1000)
}

// BenchmarkTaxonomy1000 merges the tags of a loaded site.
func BenchmarkTaxonomy1000(b *testing.B) {
	s := benchLoad(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		taxonomy.Tags(s.Config.Taxonomies.Tags(), s.Pages)
	}
	reportPagesPerSecond(b, 1000)
}

// BenchmarkRelated picks the related pages of every page of a loaded site,
// at 1,000 and 10,000 pages (the latter skipped with -short): with the
// Zipf-distributed tags of a real hub, a naive scan grows quadratically.
func BenchmarkRelated(b *testing.B) {
	for _, pages := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			if pages > 1000 && testing.Short() {
				b.Skip("skipped in -short mode")
			}
			s := benchLoad(b, pages)
			b.ReportAllocs()
			for b.Loop() {
				taxonomy.Related{}.Link(s.Pages)
			}
			reportPagesPerSecond(b, pages)
		})
	}
}

// BenchmarkRebuild10000 is the preview's rebuild after one edit in a
// 10,000-page hub, each on the fast path and alternating with undoing it:
// a story's body, a new tag, a new author (issue #23), a case study's
// organisation renamed and an author's description file rewritten.
func BenchmarkRebuild10000(b *testing.B) {
	if testing.Short() {
		b.Skip("10,000 pages in -short mode")
	}
	benchRebuild(b, 10000)
}

// BenchmarkRebuild1000 is BenchmarkRebuild10000 at 1,000 pages.
func BenchmarkRebuild1000(b *testing.B) { benchRebuild(b, 1000) }

func benchRebuild(b *testing.B, pages int) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Pages: pages, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	opts := Options{Site: os.DirFS(dir), Theme: layouts.FS(), Now: synth.DefaultNow}
	bl := NewBuilder(opts, b.TempDir()+"/public", true)
	if _, err := bl.Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	middle := func(folder string) string {
		files, _ := os.ReadDir(dir + "/content/" + folder)
		return "content/" + folder + "/" + files[len(files)/2].Name()
	}
	story, caseStudy, author := middle("stories"), middle("case-studies"), middle("authors")
	for _, tt := range []struct{ name, rel, old, new string }{
		{"body", story, "\n---\n", "\n---\n\nAn added paragraph.\n"},
		{"tags", story, "\ntags: [", "\ntags: [\"an added tag\", "},
		{"author", story, "\nauthors: [", "\nauthors: [\"An Added Author\", "},
		{"organisation", caseStudy, "\norganisation: \"", "\norganisation: \"Renamed "},
		{"description", author, "\n---\n", "\n---\n\nAn added paragraph.\n"},
	} {
		original, _ := os.ReadFile(dir + "/" + tt.rel)
		edited := strings.Replace(string(original), tt.old, tt.new, 1)
		if edited == string(original) {
			b.Fatalf("%s: the %s edit changes nothing", tt.rel, tt.name)
		}
		b.Run(tt.name, func(b *testing.B) {
			i, rendered := 0, 0
			for b.Loop() {
				data := original
				if i%2 == 0 {
					data = []byte(edited)
				}
				i++
				if err := os.WriteFile(dir+"/"+tt.rel, data, 0o644); err != nil {
					b.Fatal(err)
				}
				res, err := bl.Build(context.Background(), []string{tt.rel})
				if err != nil {
					b.Fatal(err)
				}
				if !res.Patched {
					b.Fatal("the edit took the general path")
				}
				rendered += res.Stats.Rendered
			}
			b.ReportMetric(float64(rendered)/float64(i), "files/op")
		})
	}
}

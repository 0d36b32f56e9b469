package synth_test

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/internal/synth"
	"github.com/ideas-hub/hub/layouts"
)

func mapFS(files map[string][]byte) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: data}
	}
	return m
}

func theme() fs.FS { return layouts.FS() }

// isPage says whether a generated file is a page: not the configuration
// nor a term's description file.
func isPage(name string) bool {
	return name != synth.ConfigFile && !strings.HasPrefix(name, "content/authors/") && !strings.HasPrefix(name, "content/organisations/")
}

func TestSameOptionsSameBytes(t *testing.T) {
	opts := synth.Options{Pages: 300, Seed: 7, Now: time.Date(2025, 10, 26, 1, 30, 0, 0, time.UTC)}
	a, b := synth.Files(opts), synth.Files(opts)
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Fatal("two runs with the same options differ")
	}
	prev := runtime.GOMAXPROCS(1) // the pages made by one worker, not several
	c := synth.Files(opts)
	runtime.GOMAXPROCS(prev)
	if !maps.EqualFunc(a, c, bytes.Equal) {
		t.Fatal("the hub depends on the number of cores")
	}

	dir := t.TempDir()
	if err := synth.Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	written := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		written[p], err = os.ReadFile(dir + "/" + p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(a, written, bytes.Equal) {
		t.Errorf("Write wrote %d files that differ from Files' %d", len(written), len(a))
	}

	for _, other := range []synth.Options{
		{Pages: 300, Seed: 8, Now: opts.Now},
		{Pages: 300, Seed: 7, Now: opts.Now.AddDate(0, 0, 1)},
	} {
		if maps.EqualFunc(a, synth.Files(other), bytes.Equal) {
			t.Errorf("options %+v give the same hub as %+v", other, opts)
		}
	}
}

func TestCountsPerType(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 19, 100, 1000, 1001} {
		counts := synth.Counts(n)
		total := 0
		for i, c := range counts {
			total += c
			if want := synth.Kinds()[i].Share * float64(n); float64(c) < want-1 || float64(c) > want+1 {
				t.Errorf("Counts(%d)[%s] = %d, want about %.1f", n, synth.Kinds()[i].Type, c, want)
			}
		}
		if total != n {
			t.Errorf("Counts(%d) adds up to %d", n, total)
		}

		files := synth.Files(synth.Options{Pages: n, Seed: 1})
		got := make([]int, len(synth.Kinds()))
		for p := range files {
			if !isPage(p) {
				continue
			}
			dir := strings.TrimPrefix(path.Dir(p), "content")
			i := slices.IndexFunc(synth.Kinds(), func(k synth.Kind) bool { return "/"+k.Dir == dir || k.Dir == dir })
			if i < 0 {
				t.Fatalf("unexpected file %s", p)
			}
			got[i]++
		}
		if !slices.Equal(got, counts) {
			t.Errorf("%d pages: files per kind %v, want %v", n, got, counts)
		}
	}
	if got, want := synth.Counts(1000), []int{350, 150, 200, 250, 50}; !slices.Equal(got, want) {
		t.Errorf("Counts(1000) = %v, want %v", got, want)
	}
}

// TestGeneratedHubsLoad builds generated hubs with the generator itself:
// every file must be valid and every internal link must resolve.
func TestGeneratedHubsLoad(t *testing.T) {
	now := time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC) // a daylight-saving change in London
	for _, opts := range []synth.Options{
		{Pages: 200, Seed: 1},
		{Pages: 200, Seed: 2, Now: now},
		{Pages: 40, Seed: 3, Tags: 8},
		{Pages: 1, Seed: 4},
	} {
		s, err := generator.Load(context.Background(), generator.Options{Site: mapFS(synth.Files(opts)), Theme: theme()})
		if err != nil {
			t.Fatalf("%+v: %v", opts, err)
		}
		if want := cmpOr(opts.Now, synth.DefaultNow); !s.Now.Equal(want) {
			t.Errorf("%+v: build clock %v, want %v from hub.toml", opts, s.Now, want)
		}
		if s.Config.TimeZone != synth.TimeZone {
			t.Errorf("%+v: time zone %q", opts, s.Config.TimeZone)
		}
		if len(s.Pages) != opts.Pages {
			t.Errorf("%+v: %d pages published, want all %d", opts, len(s.Pages), opts.Pages)
		}
		byType := map[string]int{}
		var upcoming, past, internalLinks int
		for _, p := range s.Pages {
			byType[p.Type]++
			if want := strings.TrimSuffix(path.Base(p.Path), ".md"); p.Slug != want {
				t.Errorf("%s: slug %q, want the file name", p.Path, p.Slug)
			}
			if n := len(p.Tags); n < 2 && (opts.Tags == 0 || opts.Tags >= 2) || n > 6 {
				t.Errorf("%s: %d tags, want 2 to 6", p.Path, n)
			}
			if p.WordCount < 250 || p.WordCount > 1900 {
				t.Errorf("%s: %d words, want about 300 to 1,500", p.Path, p.WordCount)
			}
			if !strings.Contains(string(p.Content()), "<h2") {
				t.Errorf("%s: no headings", p.Path)
			}
			if opts.Pages > 1 && !strings.Contains(string(p.Content()), `href="/`) {
				t.Errorf("%s: no internal links", p.Path)
			}
			internalLinks += strings.Count(string(p.Content()), `href="/`)
			if p.Type == content.Event {
				if p.IsUpcoming(s.Now) {
					upcoming++
				} else {
					past++
				}
			}
		}
		for i, c := range synth.Counts(opts.Pages) {
			if got := byType[synth.Kinds()[i].Type]; got != c {
				t.Errorf("%+v: %d pages of type %s, want %d", opts, got, synth.Kinds()[i].Type, c)
			}
		}
		if opts.Pages >= 100 && (upcoming == 0 || past == 0) {
			t.Errorf("%+v: %d upcoming and %d past events, want both", opts, upcoming, past)
		}
		if err := s.Check(context.Background()); err != nil {
			t.Errorf("%+v: rendering: %v", opts, err)
		}
	}
}

func TestWrittenHubBuilds(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Pages: 60, Seed: 9}); err != nil {
		t.Fatal(err)
	}
	s, st, err := generator.Build(context.Background(), generator.Options{Site: os.DirFS(dir), Theme: theme()}, dir+"/public", true)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != 60 || len(s.Tags) == 0 {
		t.Errorf("built %d pages and %d tags", st.Pages, len(s.Tags))
	}
}

// tagCounts counts pages per tag, reading the tags line of each file and
// merging spellings by lower case as the generator does by slug.
func tagCounts(t *testing.T, files map[string][]byte) map[string]int {
	counts := map[string]int{}
	for name, data := range files {
		if !isPage(name) {
			continue
		}
		_, rest, ok := strings.Cut(string(data), "\ntags: [")
		line, _, _ := strings.Cut(rest, "]\n")
		if !ok || line == "" {
			t.Fatalf("%s has no tags", name)
		}
		for _, tag := range strings.Split(line, ", ") {
			counts[strings.ToLower(strings.Trim(tag, `"`))]++
		}
	}
	return counts
}

// TestTagsFollowZipf checks the shape that makes related pages expensive on
// real sites: a few tags on a large share of pages, a long tail on few.
func TestTagsFollowZipf(t *testing.T) {
	const pages = 2000
	byTag := tagCounts(t, synth.Files(synth.Options{Pages: pages, Seed: 5}))
	counts := make([]int, synth.DefaultTags) // unused tags count as 0
	copy(counts, slices.Collect(maps.Values(byTag)))
	slices.Sort(counts)
	slices.Reverse(counts)
	top, median := counts[0], counts[len(counts)/2]
	t.Logf("%d tags used; pages per tag: top %d, 10th %d, median %d", len(byTag), top, counts[9], median)
	if len(byTag) > synth.DefaultTags {
		t.Errorf("%d tags, more than the vocabulary of %d", len(byTag), synth.DefaultTags)
	}
	if top < pages/5 {
		t.Errorf("the most common tag is on %d of %d pages, want at least a fifth", top, pages)
	}
	if top < 20*max(median, 1) {
		t.Errorf("the most common tag is on %d pages, the median one on %d: want a Zipf-like long tail", top, median)
	}
}

func TestVocabularySize(t *testing.T) {
	for _, n := range []int{3, 250, 5000} {
		byTag := tagCounts(t, synth.Files(synth.Options{Pages: 2000, Seed: 1, Tags: n}))
		t.Logf("vocabulary of %d: %d tags used", n, len(byTag))
		if len(byTag) > n || len(byTag) < min(n, 600)*9/10 {
			t.Errorf("vocabulary of %d: %d distinct tags used on 2,000 pages", n, len(byTag))
		}
	}
}

func cmpOr(t, fallback time.Time) time.Time {
	if t.IsZero() {
		return fallback
	}
	return t
}

func BenchmarkFiles10000(b *testing.B) {
	for b.Loop() {
		synth.Files(synth.Options{Pages: 10000, Seed: 1})
	}
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "pages/s")
}

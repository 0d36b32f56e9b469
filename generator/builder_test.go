package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"

	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// mutableSite is an in-memory site a test edits between builds.
type mutableSite struct {
	fs      fstest.MapFS
	changed []string
}

func (m *mutableSite) set(name, data string) {
	m.fs[name] = &fstest.MapFile{Data: []byte(data)}
	m.changed = append(m.changed, name)
}

func (m *mutableSite) remove(name string) {
	delete(m.fs, name)
	m.changed = append(m.changed, name)
}

func (m *mutableSite) take() []string {
	c := m.changed
	m.changed = nil
	return c
}

// fullBuild builds the site as it is now into a fresh folder.
func fullBuild(t *testing.T, site fstest.MapFS, minify bool) (string, error) {
	return fullBuildAt(t, site, minify, testNow)
}

func fullBuildAt(t *testing.T, site fstest.MapFS, minify bool, now time.Time) (string, error) {
	t.Helper()
	return fullBuildOf(t, Options{Site: site, Theme: layouts.FS(), Now: now}, minify)
}

func fullBuildOf(t *testing.T, o Options, minify bool) (string, error) {
	t.Helper()
	out := filepath.Join(hubtest.MemDir(t), "full")
	_, _, err := Build(context.Background(), o, out, minify)
	return out, err
}

// The rule that makes incremental builds safe: after any sequence of edits,
// the output is byte-identical to a fresh full build of the same files.
//
// The seeds run in parallel, 2 under -short, 4 in the quick run, 16 in the
// long runs (hubtest.Cases). Odd seeds cap the candidates a tag offers at 3
// pages (a knob of their builds' Options), so that edits reach past the cap
// as on a large site. Seeds 2 and 3 of every 4 declare the taxonomies, a
// site's own among them (see termsTOML), and list three pages a page, so
// that terms' lists run to several pages. The quick run's 4 are one site
// of each of those four kinds, each taking the fast path for every kind of
// edit; its 6 before took 17 s of CPU, a third of the package's, where
// the 2 more seeds only repeated kinds of site seeds 0 and 1 had tried.
func TestIncrementalEqualsFull(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	fast := map[string]int{} // the steps that took the fast path, by kind, over every seed
	t.Run("seeds", func(t *testing.T) {
		for seed := range uint64(hubtest.Cases(2, 4, 16)) {
			k := knobs{}
			if seed%2 == 1 {
				k.relatedTagCap = 3
			}
			t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
				t.Parallel()
				f := incrementalEqualsFull(t, seed, k)
				mu.Lock()
				defer mu.Unlock()
				for kind, n := range f {
					fast[kind] += n
				}
			})
		}
	})
	// Every kind of edit the fast path is for takes it in some step: a
	// page's text, its tags, its other terms, a description file.
	for _, kind := range []string{"retext", "retag", "reterm", "describe"} {
		if fast[kind] == 0 {
			t.Errorf("no %s step took the fast path: %v", kind, fast)
		}
	}
}

// incrementalEqualsFull builds a random site, then makes 40 random edits,
// building after each both incrementally and afresh, and fails at the first
// step where the two differ. It returns how many steps of each kind took
// the fast path.
func incrementalEqualsFull(t *testing.T, seed uint64, k knobs) map[string]int {
	rng := rand.New(rand.NewPCG(seed, 99))
	m := &mutableSite{fs: fstest.MapFS{}}
	tags := []string{"co-production", "Co-production", "timebanking", "transport", "wales", "care", "youth"}
	// Beside the built-in types, two a site declares: courses have
	// a start, as events do; toolkits a key of their own.
	// Seeds 2 and 3 of every 4 add a taxonomy of the site's own.
	custom := seed%4 >= 2
	if custom {
		m.set(ConfigFile, "page_size = 3\n"+siteTypesTOML+termsTOML)
	} else {
		m.set(ConfigFile, siteTypesTOML)
	}
	types := []string{"stories", "case-studies", "events", "report-reviews", "courses", "toolkits"}
	// The other taxonomies, spelt more than one way too.
	authors := []string{"Nia Evans", "nia evans", "Tom Okafor", "Priya Shah"}
	orgs := []string{"Hartlepower", "hartlepower ", "Black Thrive", "Spice"}
	regions := []string{"Wales", "wales", "England"}
	supports := []string{"Peer support", "peer support", "Advice", "Grants"}
	pick := func(from []string, most int) string {
		var list []string
		for range rng.IntN(most + 1) {
			list = append(list, fmt.Sprintf("%q", from[rng.IntN(len(from))]))
		}
		return "[" + strings.Join(list, ", ") + "]"
	}
	terms := func(sec string) string { // the terms' lines but tags, one line each so edits can swap them
		front := "\nauthors: " + pick(authors, 2) + "\nregion: " + pick(regions, 1)
		if custom {
			front += "\nsupport_type: " + pick(supports, 2)
		}
		switch sec {
		case "case-studies":
			front += "\norganisation: " + pick(orgs, 1)
		case "events":
			front += "\norganiser: " + pick(orgs, 1) + "\nfeatured: " + pick(orgs, 3)
		}
		return front
	}
	// A term's description file, of a term some page may have or none.
	descSlugs := map[string][]string{"authors": {"nia-evans", "tom-okafor", "nobody"}, "organisations": {"hartlepower", "spice"},
		"regions": {"wales", "england"}, "tags": {"co-production", "wales"}}
	descTaxa := []string{"authors", "organisations", "regions", "tags"}
	if custom {
		descSlugs["support-types"] = []string{"peer-support", "grants"}
		descTaxa = append(descTaxa, "support-types")
	}
	description := func() (string, string) {
		tax := descTaxa[rng.IntN(len(descTaxa))]
		slug := descSlugs[tax][rng.IntN(len(descSlugs[tax]))]
		front := fmt.Sprintf("title: \"About %s v%d\"\nsummary: Summary %d.", slug, rng.IntN(100), rng.IntN(100))
		if rng.IntN(2) == 0 {
			front += fmt.Sprintf("\nwebsite: https://example.org/%d", rng.IntN(9))
		}
		return fmt.Sprintf("content/%s/%s.md", tax, slug), md(front, fmt.Sprintf("## Who\n\nDescribed %d.\n", rng.IntN(1000)))
	}
	var files []string
	file := func(sec string, n int) string { return fmt.Sprintf("content/%s/p%d.md", sec, n) }
	initial := true
	content := func(sec string, n int) string {
		tagList := []string{}
		for range rng.IntN(4) {
			tagList = append(tagList, fmt.Sprintf("%q", tags[rng.IntN(len(tags))]))
		}
		front := fmt.Sprintf("title: \"Page %d v%d\"\ntags: [%s]", n, rng.IntN(1000), strings.Join(tagList, ", ")) + terms(sec)
		date := fmt.Sprintf("2026-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28))
		switch sec {
		case "events", "courses":
			front += "\nstart: " + date + " 10:00\nlocation: Hall"
		case "toolkits":
			front += "\ndate: " + date + fmt.Sprintf("\npublisher: P%d", rng.IntN(3))
		case "report-reviews":
			front += "\ndate: " + date + "\nreport_title: R\nreport_author: A"
		default:
			front += "\ndate: " + date
		}
		if !initial && rng.IntN(6) == 0 { // a fresh site with a link to a draft would not build
			front += "\ndraft: true"
		}
		if rng.IntN(5) == 0 {
			front += fmt.Sprintf("\nslug: custom-%d", n)
		}
		body := fmt.Sprintf("Body %d.\n", rng.IntN(1000))
		if !initial && len(files) > 0 && rng.IntN(3) == 0 { // the first build might link to a future page
			body += fmt.Sprintf("\nSee [another](/%s).\n", strings.TrimPrefix(files[rng.IntN(len(files))], "content/"))
		}
		return md(front, body)
	}
	for n := range 12 {
		sec := types[n%len(types)]
		f := file(sec, n)
		m.set(f, content(sec, n))
		files = append(files, f)
	}
	out := filepath.Join(hubtest.MemDir(t), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow, knobs: k}, out, true)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	m.take()
	initial = false
	next := 12
	now, patched := testNow, 0
	fast := map[string]int{} // the steps that took the fast path, by kind
	for step := range 40 {
		// The clock moves on, past event ends, publishing dates
		// and, within the 40 steps, the new year.
		if rng.IntN(3) == 0 {
			now = now.Add(time.Duration(rng.IntN(72)) * time.Hour)
			b.loader.opts.Now = now
		}
		var what string
		switch op := rng.IntN(18); {
		case op >= 16: // a description file written, rewritten or removed
			f, data := description()
			if _, ok := m.fs[f]; ok && rng.IntN(3) == 0 {
				m.remove(f)
				what = "undescribe " + f
			} else {
				m.set(f, data)
				what = "describe " + f
			}
		case op >= 14: // reterm: the authors, organisations or regions of a page alone
			f := files[rng.IntN(len(files))]
			sec := strings.Split(f, "/")[1]
			data := string(m.fs[f].Data)
			data = termLinesRe.ReplaceAllString(data, "")
			data = strings.Replace(data, "\ntags: ", terms(sec)+"\ntags: ", 1)
			m.set(f, data)
			what = "reterm " + f
		case op >= 12: // retag: tags alone, sometimes one no other page has
			f := files[rng.IntN(len(files))]
			var tagList []string
			for range rng.IntN(4) {
				tagList = append(tagList, fmt.Sprintf("%q", tags[rng.IntN(len(tags))]))
			}
			if rng.IntN(3) == 0 {
				tagList = append(tagList, fmt.Sprintf("%q", fmt.Sprintf("Only %d", rng.IntN(3))))
			}
			m.set(f, tagsRe.ReplaceAllString(string(m.fs[f].Data), "tags: ["+strings.Join(tagList, ", ")+"]"))
			what = "retag " + f
		case op >= 10: // retext: title, summary, body or location, nothing that places the page
			f := files[rng.IntN(len(files))]
			data := string(m.fs[f].Data)
			front, body, _ := strings.Cut(strings.TrimPrefix(data, "---\n"), "\n---\n")
			switch rng.IntN(4) {
			case 0:
				front = titleRe.ReplaceAllString(front, fmt.Sprintf("title: \"Retitled %d\"", rng.IntN(1000)))
			case 1:
				front = summaryRe.ReplaceAllString(front, "") + fmt.Sprintf("\nsummary: Summary %d.", rng.IntN(1000))
			case 2:
				front = strings.Replace(front, "location: Hall", fmt.Sprintf("location: Hall %d", rng.IntN(9)), 1)
			case 3: // the sitemap's lastmod
				front = updatedRe.ReplaceAllString(front, "") + fmt.Sprintf("\nupdated: 2026-12-%02d", 1+rng.IntN(28))
			}
			body += fmt.Sprintf("\nMore %d.\n", rng.IntN(1000))
			m.set(f, md(front, body))
			what = "retext " + f
		case op < 4: // edit: title, tags, date, body, draft flag, slug all vary
			f := files[rng.IntN(len(files))]
			sec := strings.Split(f, "/")[1]
			var n int
			fmt.Sscanf(filepath.Base(f), "p%d.md", &n)
			m.set(f, content(sec, n))
			what = "edit " + f
		case op < 6: // create
			sec := types[rng.IntN(len(types))]
			f := file(sec, next)
			m.set(f, content(sec, next))
			files = append(files, f)
			next++
			what = "create " + f
		case op < 7 && len(files) > 3: // delete
			i := rng.IntN(len(files))
			m.remove(files[i])
			what = "delete " + files[i]
			files = slices.Delete(files, i, i+1)
		case op < 8 && len(files) > 0: // rename
			i := rng.IntN(len(files))
			data := string(m.fs[files[i]].Data)
			m.remove(files[i])
			f := strings.TrimSuffix(files[i], ".md") + "r.md"
			m.set(f, data)
			what = "rename " + files[i]
			files[i] = f
		case op < 9: // layout
			m.set("layouts/story.html", fmt.Sprintf(`{{define "main"}}<h1>{{.Title}}</h1>v%d{{end}}`, rng.IntN(100)))
			what = "layout"
		default: // stylesheet
			m.set("layouts/assets/style.css", fmt.Sprintf("body{margin:%dpx}", rng.IntN(100)))
			what = "css"
		}
		changed := m.take()
		res, incErr := b.Build(context.Background(), changed)
		if os.Getenv("HUB_DIFF") != "" && incErr == nil {
			t.Logf("step %d %s patched=%v rendered=%d", step, what, res.Patched, res.Stats.Rendered)
		}
		if incErr == nil && res.Patched {
			patched++
			kind, _, _ := strings.Cut(what, " ")
			fast[strings.TrimPrefix(kind, "un")]++
		}
		want, fullErr := fullBuildOf(t, Options{Site: m.fs, Theme: layouts.FS(), Now: now, knobs: k}, true)
		if (incErr == nil) != (fullErr == nil) {
			t.Fatalf("step %d (%s): incremental error %v, full error %v", step, what, incErr, fullErr)
		}
		if fullErr != nil {
			// A link to a deleted or draft page: both fail alike.
			// Mend it by dropping the links, so the site builds
			// again and later steps start from a good site.
			for _, f := range files {
				if data := string(m.fs[f].Data); linkRe.MatchString(data) {
					m.set(f, linkRe.ReplaceAllString(data, ""))
				}
			}
			if _, err := b.Build(context.Background(), m.take()); err != nil {
				t.Fatalf("step %d (%s): mending the links: %v", step, what, err)
			}
			if want, fullErr = fullBuildOf(t, Options{Site: m.fs, Theme: layouts.FS(), Now: now, knobs: k}, true); fullErr != nil {
				t.Fatal(fullErr)
			}
			what += ", links mended"
		}
		hubtest.SameTrees(t, fmt.Sprintf("step %d (%s)", step, what), out, want)
	}
	if patched == 0 {
		t.Error("no step took the fast path")
	}
	t.Logf("%d of 40 steps patched: %v", patched, fast)
	return fast
}

// termsTOML declares the four default taxonomies and one of the site's
// own, for the property test.
const termsTOML = `
[[taxonomies]]
name = "tags"
param = "tag"
keys = ["tags"]
title = "Tags"
singular = "Tag"

[[taxonomies]]
name = "authors"
param = "author"
keys = ["authors"]
title = "Authors"
singular = "Author"

[[taxonomies]]
name = "organisations"
param = "organisation"
keys = ["organisation", "organiser", "featured"]
title = "Organisations"
singular = "Organisation"

[[taxonomies]]
name = "regions"
param = "region"
keys = ["region"]
title = "Regions"
singular = "Region"

[[taxonomies]]
name = "support-types"
param = "support"
keys = ["support_type"]
title = "Support types"
singular = "Support type"
`

// siteTypesTOML declares the property test's site types.
const siteTypesTOML = `[types.course]
folder = "courses"
singular = "Course"
plural = "Courses"
[types.course.keys]
start = "date"
location = "text"

[types.toolkit]
folder = "toolkits"
singular = "Toolkit"
plural = "Toolkits"
required = ["date", "publisher"]
[types.toolkit.keys]
publisher = "text"
`

var (
	titleRe   = regexp.MustCompile(`(?m)^title: .*$`)
	tagsRe    = regexp.MustCompile(`(?m)^tags: \[.*\]$`)
	updatedRe = regexp.MustCompile(`(?m)\n?^updated: .*$`)
	summaryRe = regexp.MustCompile(`(?m)\n?^summary: .*$`)
	linkRe    = regexp.MustCompile(`\nSee \[another\]\([^)]*\)\.\n`)
	// termLinesRe is the lines of a page's terms but tags (see terms).
	termLinesRe = regexp.MustCompile(`(?m)^(authors|region|organisation|organiser|featured|support_type): \[.*\]\n`)
)

// finishesWhileRead reports whether build, run while a reader of the
// output holds b's read lock, finishes within wait; either way it lets the
// reader go and sees build through.
func finishesWhileRead(t *testing.T, b *Builder, wait time.Duration, build func() error) bool {
	t.Helper()
	reader := b.ReadLocker()
	reader.Lock()
	done := make(chan error, 1)
	go func() { done <- build() }()
	var err error
	finished := false
	select {
	case err = <-done:
		finished = true
		reader.Unlock()
	case <-time.After(wait):
		reader.Unlock()
		err = <-done
	}
	if err != nil {
		t.Fatal(err)
	}
	return finished
}

func TestRebuildRewritesFilesInPlaceWhereTheyFit(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	m.set("content/stories/a.md", md("title: A\ndate: 2025-01-01", strings.Repeat("A long first body. ", 20)))
	m.set("content/stories/b.md", story("B", "2025-01-02"))
	m.take()
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, out, true)
	build := func(changed []string) func() error {
		return func() error { _, err := b.Build(context.Background(), changed); return err }
	}
	if !finishesWhileRead(t, b, 30*time.Second, build(nil)) {
		t.Errorf("a fresh build waited for a reader of the output, though it writes a new folder")
	}
	page := filepath.Join(out, "stories/a/index.html")
	stat := func() os.FileInfo {
		t.Helper()
		fi, err := os.Stat(page)
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}

	// Shorter: the same file, cut to its new length, under the lock.
	before := stat()
	m.set("content/stories/a.md", md("title: A\ndate: 2025-01-01", "Short."))
	// A rebuild this small takes milliseconds; it must wait for the reader.
	if finishesWhileRead(t, b, 300*time.Millisecond, build(m.take())) {
		t.Error("rewrote files in place while a reader held the output's read lock")
	}
	if after := stat(); !os.SameFile(before, after) || after.Size() >= before.Size() {
		t.Errorf("shorter page: same file %v, size %d → %d", os.SameFile(before, after), before.Size(), after.Size())
	}
	data, _ := os.ReadFile(page)
	if !strings.Contains(string(data), "Short.") || strings.Contains(string(data), "long first body") || !strings.HasSuffix(string(data), "</html>") {
		t.Errorf("rewritten page:\n%s", data)
	}

	// Longer: a new file renamed over the old, none left behind.
	before = stat()
	m.set("content/stories/a.md", md("title: A\ndate: 2025-01-01", strings.Repeat("A much longer body now. ", 40)))
	if _, err := b.Build(context.Background(), m.take()); err != nil {
		t.Fatal(err)
	}
	if after := stat(); os.SameFile(before, after) || after.Size() <= before.Size() {
		t.Errorf("longer page: same file %v, size %d → %d", os.SameFile(before, after), before.Size(), after.Size())
	}
	want, err := fullBuild(t, m.fs, true)
	if err != nil {
		t.Fatal(err)
	}
	hubtest.SameTrees(t, "after both rewrites", out, want)
}

func TestIncrementalRendersOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	for i := range 30 {
		m.set(fmt.Sprintf("content/stories/s%d.md", i), story(fmt.Sprintf("S%d", i), fmt.Sprintf("2025-01-%02d", i+1), "t", fmt.Sprintf("u%d", i%3)))
	}
	m.take()
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, out, false)
	res, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	total := res.Stats.Rendered

	// A body edit re-renders the page alone: tag feeds carry summaries, and
	// s3 is too old for the site feed's twenty entries.
	m.set("content/stories/s3.md", md("title: S3\ndate: 2025-01-04\nsummary: Fixed.\ntags: [t, u0]", "Old body here."))
	if _, err = b.Build(context.Background(), m.take()); err != nil {
		t.Fatal(err)
	}
	m.set("content/stories/s3.md", md("title: S3\ndate: 2025-01-04\nsummary: Fixed.\ntags: [t, u0]", "A new body."))
	res, err = b.Build(context.Background(), m.take())
	if err != nil {
		t.Fatal(err)
	}
	if res.Full || res.Stats.Rendered != 1 {
		t.Errorf("a body edit rendered %d of %d files (full=%v), want 1: the page", res.Stats.Rendered, total, res.Full)
	}
	hubtest.Contains(t, "edited page", hubtest.Read(t, out, "stories/s3/index.html"), "A new body.")

	// A static file is copied alone.
	m.set("static/robots-extra.txt", "hello")
	res, _ = b.Build(context.Background(), m.take())
	if res.Stats.Rendered != 1 {
		t.Errorf("a new static file rendered %d files, want 1", res.Stats.Rendered)
	}

	// Nothing changed: nothing rendered.
	res, _ = b.Build(context.Background(), []string{"content/stories/s1.md"})
	if res.Stats.Rendered != 0 {
		t.Errorf("re-reading an unchanged file rendered %d files", res.Stats.Rendered)
	}

	// A broken file fails the build and leaves the output; fixing it recovers.
	before := hubtest.Snapshot(t, out)
	m.set("content/stories/s4.md", md("title: S4\ndate: someday", "x"))
	if _, err := b.Build(context.Background(), m.take()); err == nil {
		t.Fatal("broken file built")
	}
	if fmt.Sprint(hubtest.Snapshot(t, out)) != fmt.Sprint(before) {
		t.Error("a failed incremental build changed the output")
	}
	m.set("content/stories/s4.md", story("S4 fixed", "2025-01-05", "t"))
	if _, err := b.Build(context.Background(), m.take()); err != nil {
		t.Fatal(err)
	}
	want, _ := fullBuild(t, m.fs, false)
	hubtest.SameTrees(t, "the fix", out, want)
}

func TestOnlyCSS(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		paths []string
		want  bool
	}{
		{[]string{"layouts/assets/style.css"}, true},
		{[]string{"layouts/assets/style.css", "layouts/story.html"}, false},
		{[]string{"static/x.css"}, false},
		{nil, false},
	} {
		if got := OnlyCSS(tt.paths); got != tt.want {
			t.Errorf("OnlyCSS(%v) = %v", tt.paths, got)
		}
	}
}

func TestBuilderReportsChangedAndGone(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	m.set("content/stories/a.md", story("A", "2025-01-01", "t"))
	m.set("content/stories/b.md", story("B", "2025-01-02", "t"))
	m.set("content/stories/c.md", story("C", "2025-01-03", "t"))
	m.take()
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, filepath.Join(t.TempDir(), "out"), false)
	res, err := b.Build(context.Background(), nil)
	if err != nil || len(res.Site.Changed) != 3 || res.Site.Gone != nil {
		t.Fatalf("first build: %v, %d changed, gone %v", err, len(res.Site.Changed), res.Site.Gone)
	}
	names := func(ps []*content.Page) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.URL)
		}
		return strings.Join(s, " ")
	}
	steps := []struct {
		edit          func()
		changed, gone string
	}{
		{func() { m.set("content/stories/a.md", story("A2", "2025-01-01", "t")) }, "/stories/a/", ""},
		{func() { m.remove("content/stories/b.md") }, "", "/stories/b/"},
		{func() { m.set("content/stories/c.md", md("title: C\ndate: 2025-01-03\nslug: see", "x")) }, "/stories/see/", "/stories/c/"},
		{func() { m.set("content/stories/a.md", md("title: A\ndate: 2025-01-01\ndraft: true", "x")) }, "", "/stories/a/"},
		{func() { m.set("content/stories/bad.md", md("title: Bad\ndate: never", "x")) }, "error", ""},
		{func() { m.set("content/stories/bad.md", story("Fixed", "2025-02-01")) }, "/stories/bad/", ""},
	}
	for i, s := range steps {
		s.edit()
		res, err := b.Build(context.Background(), m.take())
		if s.changed == "error" {
			if err == nil {
				t.Fatalf("step %d built", i)
			}
			continue
		}
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := names(res.Site.Changed); got != s.changed {
			t.Errorf("step %d: changed %q, want %q", i, got, s.changed)
		}
		if got := strings.Join(res.Site.Gone, " "); got != s.gone {
			t.Errorf("step %d: gone %q, want %q", i, got, s.gone)
		}
	}
}

// A layout that names a body field anywhere (here a section list showing
// word counts) makes lists follow body edits; the default theme names none,
// so there a body edit leaves lists alone.
func TestLayoutShowingBodiesKeysListsByBody(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, section string
		listChanges   bool
	}{
		{"cards without bodies", "", false},
		{"cards with word counts", `{{define "main"}}<ol>{{range .Pages}}<li>{{.Title}}: {{.WordCount}} words</li>{{end}}</ol>{{end}}`, true},
		{"cards with reading time", `{{define "main"}}<ol>{{range $p := .Pages}}<li>{{readingMinutes $p}} min</li>{{end}}</ol>{{end}}`, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := &mutableSite{fs: fstest.MapFS{}}
			for i := range 5 {
				m.set(fmt.Sprintf("content/stories/s%d.md", i), md(fmt.Sprintf("title: S%d\ndate: 2025-01-0%d\nsummary: Fixed.", i, i+1), "One two three."))
			}
			if tt.section != "" {
				m.set("layouts/section.html", tt.section)
			}
			m.take()
			out := filepath.Join(t.TempDir(), "public")
			b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, out, false)
			if _, err := b.Build(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			before := hubtest.Read(t, out, "stories/index.html")
			m.set("content/stories/s2.md", md("title: S2\ndate: 2025-01-03\nsummary: Fixed.", strings.Repeat("word ", 500)))
			res, err := b.Build(context.Background(), m.take())
			if err != nil {
				t.Fatal(err)
			}
			after := hubtest.Read(t, out, "stories/index.html")
			if (before != after) != tt.listChanges {
				t.Errorf("section list changed: %v, want %v", before != after, tt.listChanges)
			}
			want := 2 // the page itself and the site feed, which carries bodies
			if tt.listChanges {
				want = 4 // and the section list and the home page's latest stories
			}
			if res.Stats.Rendered != want {
				t.Errorf("rendered %d files, want %d", res.Stats.Rendered, want)
			}
			full, _ := fullBuild(t, m.fs, false)
			hubtest.SameTrees(t, "after the edit", out, full)
		})
	}
}

// TestParamEditsRebuild edits a front matter key no type knows, which a
// layout shows through .Params: the pages and lists showing it follow.
func TestParamEditsRebuild(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	for i := range 5 {
		m.set(fmt.Sprintf("content/stories/s%d.md", i), md(fmt.Sprintf("title: S%d\ndate: 2025-01-0%d\nfunder: Trust %d", i, i+1, i), "Body."))
	}
	m.set("layouts/section.html", `{{define "main"}}<ol>{{range .Pages}}<li>{{.Title}}: {{.Params.funder}}</li>{{end}}</ol>{{end}}`)
	m.take()
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, out, false)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	m.set("content/stories/s2.md", md("title: S2\ndate: 2025-01-03\nfunder: Lottery", "Body."))
	if _, err := b.Build(context.Background(), m.take()); err != nil {
		t.Fatal(err)
	}
	hubtest.Contains(t, "section list", hubtest.Read(t, out, "stories/index.html"), "S2: Lottery")
	full, _ := fullBuild(t, m.fs, false)
	hubtest.SameTrees(t, "after the edit", out, full)
}

// The preview writes the sitemap, rewritten after every tag edit, into one
// buffer from build to build: fresh memory is slow to touch on some VMs,
// and the sitemap is the largest file.
func TestPreviewKeepsTheSitemapBuffer(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	for i := range 3 {
		m.set(fmt.Sprintf("content/stories/s%d.md", i), md(fmt.Sprintf("title: S%d\ndate: 2025-01-0%d\ntags: [care]", i, i+1), "Body."))
	}
	m.take()
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, out, true)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	buf := b.last.sitemapBuf
	if buf == nil || buf.Len() == 0 {
		t.Fatal("the full build wrote the sitemap into no buffer of its own")
	}
	m.set("content/stories/s1.md", md("title: S1\ndate: 2025-01-02\ntags: [care, a new tag]", "Body."))
	res, err := b.Build(context.Background(), m.take())
	if err != nil {
		t.Fatal(err)
	}
	if !res.Patched || b.last.sitemapBuf != buf {
		t.Fatalf("patched %v; the sitemap's buffer was not passed on", res.Patched)
	}
	hubtest.Contains(t, "sitemap", hubtest.Read(t, out, "sitemap.xml"), "/tags/a-new-tag/</loc>")
	full, err := fullBuild(t, m.fs, true)
	if err != nil {
		t.Fatal(err)
	}
	hubtest.SameTrees(t, "a new tag", out, full)
}

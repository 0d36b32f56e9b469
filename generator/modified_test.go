package generator

import (
	"context"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

// A page with no date of its own, or one ahead of the build clock, is
// stamped with the start of the clock's day in feeds, the sitemap and its
// calendar entry. In the preview the clock moves between rebuilds, so an
// edit of another page, patched in place on a later day, must move those
// stamps too.
func TestPatchMovesClockStampsWithTheClock(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	m.set("content/events/ahead.md", md("title: Ahead\nstart: 2027-05-01 10:00\nlocation: Hall\ntags: [clock]", "Not yet."))
	m.set("content/events/dated.md", md("title: Dated\nstart: 2027-06-01 10:00\ndate: 2026-01-05\nlocation: Hall\ntags: [dated]", "Announced."))
	m.set("content/stories/s.md", md("title: S\ndate: 2025-01-02\ntags: [other]", "Body."))
	b, out := buildAtTestNow(t, m)
	later := testNow.Add(26 * time.Hour)
	editStoryAt(t, m, b, later)
	y, mo, d := later.Date()
	day := time.Date(y, mo, d, 0, 0, 0, 0, later.Location())
	stamp := day.Format(time.RFC3339)
	hubtest.Contains(t, "sitemap", hubtest.Read(t, out, "sitemap.xml"), "/events/ahead/</loc><lastmod>"+stamp)
	hubtest.Contains(t, "tag feed", hubtest.Read(t, out, "tags/clock/feed.xml"), "<updated>"+stamp)
	hubtest.Contains(t, "calendar", hubtest.Read(t, out, "events/ahead/event.ics"), "DTSTAMP:"+day.UTC().Format("20060102T150405Z"))
	full, err := fullBuildAt(t, m.fs, true, later)
	if err != nil {
		t.Fatal(err)
	}
	hubtest.SameTrees(t, "the clock moved", out, full)
}

// Within a day the preview's clock moves at every save, and the stamps of
// undated pages must not: a body edit of one story rewrites the story and
// the lists it is in, not the feeds and calendars of every undated event.
func TestPatchLeavesClockStampsWithinTheDay(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	m.set("content/events/ahead.md", md("title: Ahead\nstart: 2027-05-01 10:00\nlocation: Hall\ntags: [clock]", "Not yet."))
	m.set("content/stories/s.md", md("title: S\ndate: 2025-01-02\ntags: [other]", "Body."))
	b, out := buildAtTestNow(t, m)
	editStoryAt(t, m, b, testNow.Add(time.Minute))
	full, err := fullBuildAt(t, m.fs, true, testNow)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"events/ahead/event.ics", "tags/clock/feed.xml", "sitemap.xml"} {
		if got, want := hubtest.Read(t, out, rel), hubtest.Read(t, full, rel); got != want {
			t.Errorf("%s moved with a clock that stayed within its day:\n%s\nwant\n%s", rel, got, want)
		}
	}
}

// buildAtTestNow builds m in full, minified, at testNow.
func buildAtTestNow(t *testing.T, m *mutableSite) (*Builder, string) {
	t.Helper()
	m.take()
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, out, true)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	return b, out
}

// editStoryAt edits the body of story s with the build clock at now, and
// checks the rebuild patched the last build, as the preview's does.
func editStoryAt(t *testing.T, m *mutableSite, b *Builder, now time.Time) {
	t.Helper()
	b.loader.opts.Now = now
	m.set("content/stories/s.md", md("title: S\ndate: 2025-01-02\ntags: [other]", "Body, edited."))
	res, err := b.Build(context.Background(), m.take())
	if err != nil {
		t.Fatal(err)
	}
	if !res.Patched {
		t.Fatal("a body edit took the general path; this test is about the patch")
	}
}

package generator

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

// The static search page carries every tag's display name for its script
// (see SearchLabels): a preview rebuild that adds a tag, patching the last
// build, rewrites it as a full build would.
func TestSearchPageFollowsTagNames(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	m.set("content/stories/a.md", md("title: A\ndate: 2025-01-02\ntags: [wales, co-production]", "Body."))
	m.set("content/stories/b.md", md("title: B\ndate: 2025-01-03\ntags: [co-production]", "Body."))
	m.take()
	theme := layouts.FS()
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: theme, Now: testNow}, out, false)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if page := hubtest.Read(t, out, "search/index.html"); !strings.Contains(page, `"tags":{}`) {
		t.Fatalf("tags spelt as their slugs need no names: %s", page[strings.Index(page, `id="search-labels"`):])
	}

	m.set("content/stories/a.md", md("title: A\ndate: 2025-01-02\ntags: [wales, co-production, Rural Life]", "Body."))
	res, err := b.Build(context.Background(), m.take())
	if err != nil {
		t.Fatal(err)
	}
	if !res.Patched {
		t.Fatal("a new tag made a full build: the test shows nothing of patched rebuilds")
	}
	hubtest.Contains(t, "search page after a new tag", hubtest.Read(t, out, "search/index.html"), `"tags":{"rural-life":"Rural Life"}`)

	full := filepath.Join(t.TempDir(), "full")
	if _, _, err := Build(context.Background(), Options{Site: m.fs, Theme: theme, Now: testNow}, full, false); err != nil {
		t.Fatal(err)
	}
	if got, want := hubtest.Read(t, out, "search/index.html"), hubtest.Read(t, full, "search/index.html"); got != want {
		t.Errorf("the rebuilt search page differs from a full build's:\n%s\nwant\n%s", got, want)
	}
}

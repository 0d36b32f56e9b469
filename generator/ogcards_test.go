package generator

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/ideas-hub/hub/generator/imageproc"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

// cardSite is a site without pictures: each of its pages gets a card.
func cardSite() fstest.MapFS {
	return fstest.MapFS{
		"hub.toml":                  {Data: []byte("title = \"Cards\"\nbase_url = \"https://hub.example.org/\"\n")},
		"content/stories/a.md":      {Data: []byte(md("title: Night buses\ndate: 2025-01-01", "Words.\n"))},
		"content/stories/b.md":      {Data: []byte(md("title: Shared kitchens\ndate: 2025-01-02", "Words.\n"))},
		"content/ideas/c.md":        {Data: []byte(md("title: Repair cafés\ndate: 2025-01-03", "Words.\n"))},
		"content/case-studies/d.md": {Data: []byte(md("title: A library of things\ndate: 2025-01-04", "Words.\n"))},
	}
}

// cardFiles lists the store's cards.
func cardFiles(t *testing.T, store string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(store, "cards", "*.png"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// A build whose titles did not change draws no card: each comes from the
// store, and the output is the same to the byte. A changed title draws
// that page's card alone, and the store forgets the old one.
func TestSecondBuildDrawsNoCard(t *testing.T) {
	site, dir := cardSite(), filepath.Join(t.TempDir(), "images")
	var drawn atomic.Int64
	build := func() string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "public")
		store := &imageproc.Store{Dir: dir, Settings: imageproc.DefaultSettings(), CardsDrawn: &drawn}
		if _, _, err := Build(context.Background(), Options{Site: site, Theme: layouts.FS(), Now: testNow, Images: store}, out, true); err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := build()
	if drawn.Load() != 4 {
		t.Fatalf("first build drew %d cards, want 4", drawn.Load())
	}
	if n := len(cardFiles(t, dir)); n != 4 {
		t.Fatalf("the store keeps %d cards, want 4", n)
	}
	second := build()
	if drawn.Load() != 4 {
		t.Fatalf("second build drew %d cards, want none", drawn.Load()-4)
	}
	hubtest.SameTrees(t, "second build", second, first)

	site["content/stories/b.md"] = &fstest.MapFile{Data: []byte(md("title: Shared kitchens, shared tables\ndate: 2025-01-02", "Words.\n"))}
	third := build()
	if drawn.Load() != 5 {
		t.Fatalf("a changed title drew %d cards, want 1", drawn.Load()-4)
	}
	if n := len(cardFiles(t, dir)); n != 4 {
		t.Errorf("the store keeps %d cards after a title changed, want 4: the old title's card stays", n)
	}
	if readOut(t, third, "stories/b/og.png") == readOut(t, first, "stories/b/og.png") {
		t.Error("the retitled page's card is the old one")
	}
	for _, rel := range []string{"stories/a/og.png", "ideas/c/og.png", "case-studies/d/og.png"} {
		if readOut(t, third, rel) != readOut(t, first, rel) {
			t.Errorf("%s changed though its page did not", rel)
		}
	}
	full, err := fullBuild(t, site, true)
	if err != nil {
		t.Fatal(err)
	}
	hubtest.SameTrees(t, "build from the store", third, full)
}

// A card the store lost or that was cut short is drawn again.
func TestDamagedCardIsDrawnAgain(t *testing.T) {
	site, dir := cardSite(), filepath.Join(t.TempDir(), "images")
	var drawn atomic.Int64
	store := func() *imageproc.Store {
		return &imageproc.Store{Dir: dir, Settings: imageproc.DefaultSettings(), CardsDrawn: &drawn}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, _, err := Build(context.Background(), Options{Site: site, Theme: layouts.FS(), Now: testNow, Images: store()}, out, false); err != nil {
		t.Fatal(err)
	}
	cards := cardFiles(t, dir)
	if err := os.WriteFile(cards[0], []byte("\x89PNG\r\n\x1a\nshort"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(cards[1]); err != nil {
		t.Fatal(err)
	}
	out2 := filepath.Join(t.TempDir(), "public")
	if _, _, err := Build(context.Background(), Options{Site: site, Theme: layouts.FS(), Now: testNow, Images: store()}, out2, false); err != nil {
		t.Fatal(err)
	}
	if drawn.Load() != 6 {
		t.Errorf("drew %d cards again, want the 2 damaged", drawn.Load()-4)
	}
	hubtest.SameTrees(t, "after damage", out2, out)
}

// The preview draws again only the card of the page whose title changed:
// an edit of a body draws none.
func TestPreviewRedrawsOnlyTheEditedPagesCard(t *testing.T) {
	var drawn atomic.Int64
	m := &mutableSite{fs: cardSite()}
	store := &imageproc.Store{Dir: filepath.Join(t.TempDir(), "images"), Settings: imageproc.DefaultSettings(), CardsDrawn: &drawn}
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow, Images: store}, out, false)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if drawn.Load() != 4 {
		t.Fatalf("first build drew %d cards", drawn.Load())
	}
	m.set("content/stories/a.md", md("title: Night buses\ndate: 2025-01-01", "Other words.\n"))
	if _, err := b.Build(context.Background(), m.take()); err != nil {
		t.Fatal(err)
	}
	if drawn.Load() != 4 {
		t.Fatalf("a body edit drew %d cards", drawn.Load()-4)
	}
	m.set("content/stories/a.md", md("title: Night buses for all\ndate: 2025-01-01", "Other words.\n"))
	if _, err := b.Build(context.Background(), m.take()); err != nil {
		t.Fatal(err)
	}
	if drawn.Load() != 5 {
		t.Fatalf("a title edit drew %d cards, want 1", drawn.Load()-4)
	}
	full, err := fullBuildWith(t, m.fs)
	if err != nil {
		t.Fatal(err)
	}
	hubtest.SameTrees(t, "preview", out, full)
}

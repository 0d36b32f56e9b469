package generator

import (
	"context"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/ideas-hub/hub/generator/imageproc"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

// cardSite is a site without pictures: each of its four pages gets a
// card, and the site one more for its lists and term pages.
func cardSite() fstest.MapFS {
	return fstest.MapFS{
		"hub.toml":                  {Data: []byte("title = \"Cards\"\nbase_url = \"https://hub.example.org/\"\n")},
		"content/stories/a.md":      {Data: []byte(md("title: Night buses\ndate: 2025-01-01", "Words.\n"))},
		"content/stories/b.md":      {Data: []byte(md("title: Shared kitchens\ndate: 2025-01-02", "Words.\n"))},
		"content/ideas/c.md":        {Data: []byte(md("title: Repair cafés\ndate: 2025-01-03", "Words.\n"))},
		"content/case-studies/d.md": {Data: []byte(md("title: A library of things\ndate: 2025-01-04", "Words.\n"))},
	}
}

// storedCards lists the cards the store in dir holds.
func storedCards(t *testing.T, dir string) []imageproc.StoredCard {
	t.Helper()
	cards, err := (&imageproc.Store{Dir: dir}).StoredCards()
	if err != nil {
		t.Fatal(err)
	}
	return cards
}

// A build whose titles did not change draws no card: each comes from the
// store, and the output is the same to the byte. A changed title draws
// that page's card alone, and the store forgets the old one.
func TestSecondBuildDrawsNoCard(t *testing.T) {
	t.Parallel()
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
	if drawn.Load() != 5 {
		t.Fatalf("first build drew %d cards, want 5", drawn.Load())
	}
	if n := len(storedCards(t, dir)); n != 5 {
		t.Fatalf("the store keeps %d cards, want 5", n)
	}
	second := build()
	if drawn.Load() != 5 {
		t.Fatalf("second build drew %d cards, want none", drawn.Load()-5)
	}
	hubtest.SameTrees(t, "second build", second, first)

	site["content/stories/b.md"] = &fstest.MapFile{Data: []byte(md("title: Shared kitchens, shared tables\ndate: 2025-01-02", "Words.\n"))}
	third := build()
	if drawn.Load() != 6 {
		t.Fatalf("a changed title drew %d cards, want 1", drawn.Load()-5)
	}
	if n := len(storedCards(t, dir)); n != 5 {
		t.Errorf("the store keeps %d cards after a title changed, want 5: the old title's card stays", n)
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
	t.Parallel()
	site, dir := cardSite(), filepath.Join(t.TempDir(), "images")
	var drawn atomic.Int64
	store := func() *imageproc.Store {
		return &imageproc.Store{Dir: dir, Settings: imageproc.DefaultSettings(), CardsDrawn: &drawn}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, _, err := Build(context.Background(), Options{Site: site, Theme: layouts.FS(), Now: testNow, Images: store()}, out, false); err != nil {
		t.Fatal(err)
	}
	cards := storedCards(t, dir)
	// The first card's last bytes are lost, as to a full disk.
	cut := cards[0]
	f, err := os.OpenFile(cut.Pack, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(make([]byte, 12), cut.Offset+cut.Length-12); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	// The second goes from its pack's index.
	lost := cards[1]
	idx, err := os.ReadFile(lost.Index)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for line := range strings.Lines(string(idx)) {
		if !strings.HasPrefix(line, lost.Key+" ") {
			kept = append(kept, line)
		}
	}
	if len(kept) != strings.Count(string(idx), "\n")-1 {
		t.Fatalf("the index does not list the card %s", lost.Key)
	}
	if err := os.WriteFile(lost.Index, []byte(strings.Join(kept, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	out2 := filepath.Join(t.TempDir(), "public")
	if _, _, err := Build(context.Background(), Options{Site: site, Theme: layouts.FS(), Now: testNow, Images: store()}, out2, false); err != nil {
		t.Fatal(err)
	}
	if drawn.Load() != 7 {
		t.Errorf("drew %d cards again, want the 2 damaged", drawn.Load()-5)
	}
	hubtest.SameTrees(t, "after damage", out2, out)
	// The store keeps the cards drawn again, not the damaged copy.
	if n := len(storedCards(t, dir)); n != 5 {
		t.Errorf("the store lists %d cards after the damage, want 5", n)
	}
	out3 := filepath.Join(t.TempDir(), "public")
	if _, _, err := Build(context.Background(), Options{Site: site, Theme: layouts.FS(), Now: testNow, Images: store()}, out3, false); err != nil {
		t.Fatal(err)
	}
	if drawn.Load() != 7 {
		t.Errorf("the build after drew %d cards, want none", drawn.Load()-7)
	}
	hubtest.SameTrees(t, "after repair", out3, out)
}

// The preview draws again only the card of the page whose title changed:
// an edit of a body draws none.
func TestPreviewRedrawsOnlyTheEditedPagesCard(t *testing.T) {
	t.Parallel()
	var drawn atomic.Int64
	m := &mutableSite{fs: cardSite()}
	store := &imageproc.Store{Dir: filepath.Join(t.TempDir(), "images"), Settings: imageproc.DefaultSettings(), CardsDrawn: &drawn}
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow, Images: store}, out, false)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if drawn.Load() != 5 {
		t.Fatalf("first build drew %d cards", drawn.Load())
	}
	m.set("content/stories/a.md", md("title: Night buses\ndate: 2025-01-01", "Other words.\n"))
	if _, err := b.Build(context.Background(), m.take()); err != nil {
		t.Fatal(err)
	}
	if drawn.Load() != 5 {
		t.Fatalf("a body edit drew %d cards", drawn.Load()-5)
	}
	m.set("content/stories/a.md", md("title: Night buses for all\ndate: 2025-01-01", "Other words.\n"))
	if _, err := b.Build(context.Background(), m.take()); err != nil {
		t.Fatal(err)
	}
	if drawn.Load() != 6 {
		t.Fatalf("a title edit drew %d cards, want 1", drawn.Load()-5)
	}
	full, err := fullBuildWith(t, m.fs)
	if err != nil {
		t.Fatal(err)
	}
	hubtest.SameTrees(t, "preview", out, full)
}

// The home page, lists and term pages share the site's card, /og.png:
// its description over its name.
func TestListsAndTermsShareTheSiteCard(t *testing.T) {
	t.Parallel()
	site := cardSite()
	site["hub.toml"] = &fstest.MapFile{Data: []byte("title = \"Cards\"\ndescription = \"Ideas that worked\"\nbase_url = \"https://hub.example.org/\"\n")}
	site["content/stories/a.md"] = &fstest.MapFile{Data: []byte(md("title: Night buses\ndate: 2025-01-01\ntags: [transport]", "Words.\n"))}
	out := filepath.Join(t.TempDir(), "public")
	if _, _, err := Build(context.Background(), Options{Site: site, Theme: layouts.FS(), Now: testNow}, out, false); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"index.html", "stories/index.html", "tags/index.html", "tags/transport/index.html", "search/index.html"} {
		page := readOut(t, out, rel)
		if !strings.Contains(page, `<meta property="og:image" content="https://hub.example.org/og.png">`) ||
			!strings.Contains(page, `<meta property="og:image:alt" content="Cards">`) {
			t.Errorf("%s does not show the site's card", rel)
		}
	}
	if story := readOut(t, out, "stories/a/index.html"); !strings.Contains(story, `content="https://hub.example.org/stories/a/og.png"`) {
		t.Error("a story shows the site's card, not its own")
	}
	m, err := png.Decode(strings.NewReader(readOut(t, out, "og.png")))
	if err != nil || m.Bounds().Dx() != 1200 || m.Bounds().Dy() != 630 {
		t.Fatalf("the site's card: %v", err)
	}
	var c imageproc.Cards
	want, err := c.Draw(imageproc.Card{Title: "Ideas that worked", Site: "Cards", Colors: themeCardColors(t)})
	if err != nil {
		t.Fatal(err)
	}
	if readOut(t, out, "og.png") != string(want) {
		t.Error("the site's card does not show its description over its name")
	}
}

// themeCardColors are the colours of a card without a type, from the
// theme's stylesheet.
func themeCardColors(t *testing.T) imageproc.CardColors {
	css, err := fs.ReadFile(layouts.FS(), "assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{pics: &pictureState{colors: map[string]imageproc.CardColors{}, css: css}}
	return r.cardColors("")
}

// A site with a static/og.png of its own shares that one.
func TestSiteCardOfTheSitesOwn(t *testing.T) {
	t.Parallel()
	site := cardSite()
	site["static/og.png"] = &fstest.MapFile{Data: []byte(tinyPNG)}
	out := filepath.Join(t.TempDir(), "public")
	if _, _, err := Build(context.Background(), Options{Site: site, Theme: layouts.FS(), Now: testNow}, out, false); err != nil {
		t.Fatal(err)
	}
	if readOut(t, out, "og.png") != tinyPNG {
		t.Error("the site's own og.png was not published as it is")
	}
	if !strings.Contains(readOut(t, out, "index.html"), `content="https://hub.example.org/og.png"`) {
		t.Error("the home page does not show the site's og.png")
	}
}

package generator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

// Minifying each card (and the card-body within it) once and splicing it
// in must write exactly what minifying every file whole writes: the hub's
// own content and layouts, whose lists, related sections and home page
// all show cards.
func TestSplicedCardsWriteTheSameAsWholeMinify(t *testing.T) {
	t.Parallel()
	build := func(splice bool) (string, *Site) {
		out := filepath.Join(t.TempDir(), "public")
		s, _, err := Build(context.Background(), Options{Site: hubtest.OwnContent(t), Theme: layouts.FS(), Now: testNow, Images: ownPictures(t), knobs: knobs{wholeMinify: !splice}}, out, true)
		if err != nil {
			t.Fatal(err)
		}
		return out, s
	}
	whole, ws := build(false)
	if n := ws.rendered.cards.last.Load(); n != 0 {
		t.Fatalf("the whole-file build minified %d fragments apart: it compares splicing with itself", n)
	}
	spliced, s := build(true)
	if n := s.rendered.cards.last.Load(); n < 10 {
		t.Fatalf("only %d fragments were minified apart: the test shows nothing", n)
	}
	nested := 0
	s.rendered.cards.frags.each(func(_ uint64, f []byte) {
		if bytes.Contains(f, []byte(fragOpen)) {
			nested++
		}
	})
	if nested == 0 {
		t.Fatal("no fragment holds another (cards hold their card-body): the test shows nothing of nesting")
	}
	if n := entries(&s.rendered.cards.memo().tokens); n < 2 {
		t.Fatalf("%d partialCached renders were minified apart: the test shows nothing of the header and footer", n)
	}
	hubtest.SameTrees(t, "spliced", spliced, whole)
	page, err := os.ReadFile(filepath.Join(spliced, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte(fragOpen)) {
		t.Error("a fragment token was left in the home page")
	}
}

func TestSpliceLeavesOtherPrivateUseTextAndRefusesLostFragments(t *testing.T) {
	t.Parallel()
	c := &cardCache{}
	c.frags.store(7, []byte("<b>seven</b>"))
	var b bytes.Buffer
	in := "a" + fragOpen + "x-y" + fragClose + " " + fragToken(7) + "z"
	if err := c.splice(&b, []byte(in)); err != nil {
		t.Fatal(err)
	}
	if want := "a" + fragOpen + "x-y" + fragClose + " <b>seven</b>z"; b.String() != want {
		t.Errorf("spliced %q, want %q", b.String(), want)
	}
	b.Reset()
	if err := c.splice(&b, []byte(fragToken(8))); err == nil {
		t.Error("a token whose fragment is gone was spliced without an error")
	}
}

// A card holds its "card-body" as a token of its own: splicing the card
// splices the body into it.
func TestSpliceFillsFragmentsWithinFragments(t *testing.T) {
	t.Parallel()
	c := &cardCache{}
	c.frags.store(1, []byte("<p>body</p>"))
	c.frags.store(2, []byte("<article><h2>card</h2>"+fragToken(1)+"</article>"))
	var b bytes.Buffer
	if err := c.splice(&b, []byte("<li>"+fragToken(2)+"</li>")); err != nil {
		t.Fatal(err)
	}
	if want := "<li><article><h2>card</h2><p>body</p></article></li>"; b.String() != want {
		t.Errorf("spliced %q, want %q", b.String(), want)
	}
	// A fragment that held itself would recurse without end: it is refused.
	c.frags.store(3, []byte("<b>"+fragToken(3)+"</b>"))
	b.Reset()
	if err := c.splice(&b, []byte(fragToken(3))); err == nil {
		t.Error("a fragment holding itself was spliced without an error")
	}
}

// A partialCached render that is a whole element is minified once too, and
// lives as long as its build: the next build drops it. A card outlives the
// build, so a partial shown inside a card is put into the card whole. Over
// preview builds the output stays the full build's and the fragments held
// do not grow.
func TestPartialFragmentsLiveOneBuild(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	for i := range 4 {
		m.set(fmt.Sprintf("content/stories/s%d.md", i), md(fmt.Sprintf("title: S%d\ndate: 2025-01-0%d", i, i+1), "Body."))
	}
	m.set("layouts/partials/badge.html", `<span class="badge"> Shared  badge </span>`+"\n")
	// The theme's card partial defines the card under an h1 and the one
	// under an h2 (the home page's and related pages'): both show the badge.
	m.set("layouts/partials/card.html", `{{define "card"}}<article class="card">{{partialCached "partials/badge.html" "b"}}<a href="{{.URL}}">{{.Title}}</a></article>{{end}}`+
		`{{define "card-h3"}}<article class="card">{{partialCached "partials/badge.html" "b"}}<h3><a href="{{.URL}}">{{.Title}}</a></h3></article>{{end}}`)
	m.set("layouts/section.html", `{{define "main"}}<ul>{{range .Pages}}<li>{{cached "card" .}}</li>{{end}}</ul>{{partialCached "partials/badge.html" "b"}}{{end}}`)
	m.take()
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, out, true)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	// The theme's header and footer are partialCached too: count the badge's.
	if n := fragmentsHolding(b.last.cards, "class=badge"); n != 1 {
		t.Fatalf("%d fragments of the badge minified apart, want 1", n)
	}
	// A patched build renders few pages, and with them few of the header's
	// and footer's variants: it may hold fewer fragments than the full
	// build, never more, and the same number edit after edit.
	kept, steady := held(b.last.cards), -1
	for i := range 5 {
		m.set("content/stories/s2.md", md(fmt.Sprintf("title: S2 v%d\ndate: 2025-01-03", i), "Body."))
		res, err := b.Build(context.Background(), m.take())
		if err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		if !res.Patched {
			t.Fatalf("edit %d was not patched in place: the cards of the last build were not reused", i)
		}
		n := held(b.last.cards)
		if n > kept || steady >= 0 && n != steady {
			t.Fatalf("after edit %d, %d fragments are held, after the first build %d, after the first edit %d", i, n, kept, steady)
		}
		steady = n
	}
	hubtest.Contains(t, "section list", hubtest.Read(t, out, "stories/index.html"),
		`<li><article class=card><span class=badge>Shared badge</span><a href=/stories/s0/>S0</a>`, "S2 v4")
	full, err := fullBuild(t, m.fs, true)
	if err != nil {
		t.Fatal(err)
	}
	hubtest.SameTrees(t, "five edits", out, full)
}

// held counts the fragments c holds.
func held(c *cardCache) (n int) {
	c.frags.each(func(uint64, []byte) { n++ })
	return n
}

// fragmentsHolding counts this build's partialCached fragments that hold
// text.
func fragmentsHolding(c *cardCache, text string) (n int) {
	tokens := &c.memo().tokens
	c.frags.each(func(id uint64, frag []byte) {
		if _, ok := tokens.Load(id); ok && bytes.Contains(frag, []byte(text)) {
			n++
		}
	})
	return n
}

func entries(m *sync.Map) (n int) {
	m.Range(func(_, _ any) bool { n++; return true })
	return n
}

// each calls fn with every fragment held, in id order (for tests).
func (f *fragStore) each(fn func(id uint64, frag []byte)) {
	p := f.chunks.Load()
	if p == nil {
		return
	}
	for i, c := range *p {
		for j := range c {
			if frag := c[j].Load(); frag != nil {
				fn(uint64(i*fragChunkLen+j), *frag)
			}
		}
	}
}

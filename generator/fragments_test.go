package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// Minifying each card (and the card-body within it) once and splicing it
// in must write exactly what minifying every file whole writes: the hub's
// own content and layouts, whose lists, related sections and home page
// all show cards.
func TestSplicedCardsWriteTheSameAsWholeMinify(t *testing.T) {
	build := func(splice bool) (string, *Site) {
		spliceFragments = splice
		defer func() { spliceFragments = true }()
		out := filepath.Join(t.TempDir(), "public")
		s, _, err := Build(context.Background(), Options{Site: os.DirFS(".."), Theme: fixtureTheme(), Now: testNow}, out, true)
		if err != nil {
			t.Fatal(err)
		}
		return out, s
	}
	whole, _ := build(false)
	spliced, s := build(true)
	if n := s.rendered.cards.last.Load(); n < 10 {
		t.Fatalf("only %d fragments were minified apart: the test shows nothing", n)
	}
	nested := 0
	s.rendered.cards.frags.Range(func(_, f any) bool {
		if bytes.Contains(f.([]byte), []byte(fragOpen)) {
			nested++
		}
		return true
	})
	if nested == 0 {
		t.Fatal("no fragment holds another (cards hold their card-body): the test shows nothing of nesting")
	}
	sameTrees(t, "spliced", spliced, whole)
	page, err := os.ReadFile(filepath.Join(spliced, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte(fragOpen)) {
		t.Error("a fragment token was left in the home page")
	}
}

func TestSpliceLeavesOtherPrivateUseTextAndRefusesLostFragments(t *testing.T) {
	c := &cardCache{}
	c.frags.Store(uint64(7), []byte("<b>seven</b>"))
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
	c := &cardCache{}
	c.frags.Store(uint64(1), []byte("<p>body</p>"))
	c.frags.Store(uint64(2), []byte("<article><h2>card</h2>"+fragToken(1)+"</article>"))
	var b bytes.Buffer
	if err := c.splice(&b, []byte("<li>"+fragToken(2)+"</li>")); err != nil {
		t.Fatal(err)
	}
	if want := "<li><article><h2>card</h2><p>body</p></article></li>"; b.String() != want {
		t.Errorf("spliced %q, want %q", b.String(), want)
	}
	// A fragment that held itself would recurse without end: it is refused.
	c.frags.Store(uint64(3), []byte("<b>"+fragToken(3)+"</b>"))
	b.Reset()
	if err := c.splice(&b, []byte(fragToken(3))); err == nil {
		t.Error("a fragment holding itself was spliced without an error")
	}
}

package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// Minifying each card once and splicing it in must write exactly what
// minifying every file whole writes: the hub's own content and layouts,
// whose lists, related sections and home page all show cards.
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

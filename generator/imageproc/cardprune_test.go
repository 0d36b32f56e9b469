package imageproc

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sync"
	"sync/atomic"
	"testing"
)

// Retitling pages build after build leaves packs with few cards in use:
// the store is compacted, never above twice the bytes of the cards the
// site shows, and always holds exactly those.
func TestRetitledCardsAreCompacted(t *testing.T) {
	dir := t.TempDir()
	titles := numbered(12, "Why the uniforms went")
	cardRun(t, dir, titled(titles...), true)
	compacted := false
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 12 {
		retitled := 0
		for i := range titles {
			if r.IntN(2) == 0 {
				titles[i] = fmt.Sprintf("Why the uniforms went %d, round %d", i, round)
				retitled++
			}
		}
		cards := titled(titles...)
		if n := cardRun(t, dir, cards, true); n != int64(retitled) {
			t.Fatalf("round %d drew %d cards, want the %d retitled", round, n, retitled)
		}
		packs, _, size := packFiles(t, dir)
		var live int64
		held, err := (&Store{Dir: dir}).StoredCards()
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range held {
			live += h.Length
		}
		if size > 2*live {
			t.Fatalf("round %d: packs of %d bytes for %d bytes of cards", round, size, live)
		}
		compacted = compacted || packs == 1
		mustHold(t, dir, cards)
	}
	if !compacted {
		t.Error("no build compacted the store")
	}
}

// A build that draws a card adds a pack; a prune merges packs past
// maxCardPacks, all but the one holding most, so a build opens few files
// and the site's first pack is not copied for a few retitled pages.
func TestManyPacksAreMerged(t *testing.T) {
	dir := t.TempDir()
	titles := numbered(40, "Repair cafés")
	cardRun(t, dir, titled(titles...), true)
	held, err := (&Store{Dir: dir}).StoredCards()
	if err != nil {
		t.Fatal(err)
	}
	big := held[0].Pack
	for i := range maxCardPacks + 4 {
		titles[i] += " again"
		cardRun(t, dir, titled(titles...), true)
		if packs, _, _ := packFiles(t, dir); packs > maxCardPacks {
			t.Fatalf("after %d retitles the store holds %d packs", i+1, packs)
		}
	}
	if _, err := os.Stat(big); err != nil {
		t.Errorf("the first pack was rewritten: %v", err)
	}
	mustHold(t, dir, titled(titles...))
}

// Workers share a batch: cards asked for at once, some by several, are
// each drawn whole, staged once, and read back after the commit.
func TestConcurrentCardsInOneBatch(t *testing.T) {
	dir := t.TempDir()
	cards := titled(numbered(24, "Night buses")...)
	var drawn atomic.Int64
	s := &Store{Dir: dir, CardsDrawn: &drawn}
	b := s.BeginCards()
	var painter Cards
	want := map[string]string{}
	for _, c := range cards {
		d, err := painter.Draw(c)
		if err != nil {
			t.Fatal(err)
		}
		want[c.Title] = string(d)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range cards {
				c := cards[(i*5+w*7)%len(cards)]
				got, err := b.Card(nil, c)
				if err != nil || string(got) != want[c.Title] {
					t.Errorf("worker %d: card %q is not the one drawn (%v)", w, c.Title, err)
				}
			}
		})
	}
	wg.Wait()
	if err := b.Commit(true); err != nil {
		t.Fatal(err)
	}
	if n := drawn.Load(); n < 24 || n > 4*24 {
		t.Errorf("drew %d cards", n)
	}
	if held, err := s.StoredCards(); err != nil || len(held) != len(cards) {
		t.Errorf("the store lists %d cards, want each of the %d once (%v)", len(held), len(cards), err)
	}
	mustHold(t, dir, cards)
	if n := cardRun(t, dir, cards, true); n != 0 {
		t.Errorf("the next build drew %d cards", n)
	}
}

// A build that fails leaves the store as it was, and so does hub check's
// read-only store, which draws what the store lacks and writes nothing.
func TestCardStoreWritesNothingUnlessCommitted(t *testing.T) {
	dir := t.TempDir()
	old := titled(numbered(3, "Shared kitchens")...)
	cardRun(t, dir, old, true)
	before := storeFiles(t, dir)
	fresh := titled("Repair cafés", "A library of things")

	b := (&Store{Dir: dir}).BeginCards()
	for _, c := range append(fresh, old...) {
		if _, err := b.Card(nil, c); err != nil {
			t.Fatal(err)
		}
	}
	b.Discard()
	if after := storeFiles(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a discarded build changed the store:\nbefore %v\nafter  %v", before, after)
	}

	var drawn atomic.Int64
	ro := &Store{Dir: dir, ReadOnly: true, CardsDrawn: &drawn}
	b = ro.BeginCards()
	for _, c := range fresh {
		if _, err := b.Card(nil, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(true); err != nil {
		t.Fatal(err)
	}
	if drawn.Load() != 2 {
		t.Errorf("the read-only store drew %d cards, want 2", drawn.Load())
	}
	if after := storeFiles(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a read-only store changed:\nbefore %v\nafter  %v", before, after)
	}

	mem := &Store{CardsDrawn: &drawn}
	for range 2 {
		b = mem.BeginCards()
		if _, err := b.Card(nil, fresh[0]); err != nil {
			t.Fatal(err)
		}
		if err := b.Commit(true); err != nil {
			t.Fatal(err)
		}
	}
	if drawn.Load() != 4 {
		t.Errorf("a store in memory kept a card: drew %d, want 2", drawn.Load()-2)
	}
}

// The preview keeps one Store across its builds: the packs its commits
// add are read by its next builds without reading the folder again.
func TestStoreKnowsItsOwnPacks(t *testing.T) {
	dir := t.TempDir()
	var drawn atomic.Int64
	s := &Store{Dir: dir, CardsDrawn: &drawn}
	for round, cards := range [][]Card{titled("Night buses"), titled("Night buses", "Shared kitchens"), titled("Night buses", "Shared kitchens")} {
		b := s.BeginCards()
		for _, c := range cards {
			if _, err := b.Card(nil, c); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Commit(false); err != nil {
			t.Fatal(err)
		}
		if want := []int64{1, 2, 2}[round]; drawn.Load() != want {
			t.Fatalf("round %d: drew %d cards in all, want %d", round, drawn.Load(), want)
		}
	}
	if packs, indexes, _ := packFiles(t, dir); packs != 2 || indexes != 2 {
		t.Errorf("%d packs, %d indexes, want 2 of each", packs, indexes)
	}
}

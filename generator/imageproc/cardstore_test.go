package imageproc

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// titled returns a card for each title.
func titled(titles ...string) []Card {
	cards := make([]Card, len(titles))
	for i, t := range titles {
		cards[i] = Card{Title: t, Kind: "Story", Site: "Ideas Hub", Colors: testColors}
	}
	return cards
}

func numbered(n int, prefix string) []string {
	titles := make([]string, n)
	for i := range titles {
		titles[i] = fmt.Sprintf("%s %d", prefix, i)
	}
	return titles
}

// cardRun renders cards with a new Store on dir, as a new process would,
// commits with prune, and returns how many it drew.
func cardRun(t *testing.T, dir string, cards []Card, prune bool) int64 {
	t.Helper()
	var drawn atomic.Int64
	s := &Store{Dir: dir, CardsDrawn: &drawn}
	b := s.BeginCards()
	for _, c := range cards {
		got, err := b.Card(nil, c)
		if err != nil {
			t.Fatal(err)
		}
		if !isPNG(got) {
			t.Fatalf("card %q is not a PNG", c.Title)
		}
	}
	if err := b.Commit(prune); err != nil {
		t.Fatal(err)
	}
	return drawn.Load()
}

// storeFiles maps each file under dir to its size and time: what a build
// that rewrites nothing leaves as it was.
func storeFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = fmt.Sprint(info.Size(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return files
}

// packFiles counts the store's packs and indexes and sums their bytes.
func packFiles(t *testing.T, dir string) (packs, indexes int, size int64) {
	t.Helper()
	for name, st := range storeFiles(t, dir) {
		var n int64
		fmt.Sscan(st, &n)
		switch {
		case strings.HasPrefix(name, "cards/") && strings.HasSuffix(name, ".pack"):
			packs++
			size += n
		case strings.HasPrefix(name, "cards/") && strings.HasSuffix(name, ".idx"):
			indexes++
		default:
			t.Errorf("the store holds %s", name)
		}
	}
	return packs, indexes, size
}

// mustHold checks that the store holds exactly cards, each with the bytes
// Draw gives it.
func mustHold(t *testing.T, dir string, cards []Card) {
	t.Helper()
	s := &Store{Dir: dir}
	held, err := s.StoredCards()
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]StoredCard{}
	for _, h := range held {
		byKey[h.Key] = h
	}
	var painter Cards
	for _, c := range cards {
		h, ok := byKey[painter.Key(c)]
		if !ok {
			t.Errorf("the store lost the card %q", c.Title)
			continue
		}
		delete(byKey, h.Key)
		want, err := painter.Draw(c)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(h.Pack)
		if err != nil {
			t.Fatal(err)
		}
		got := make([]byte, h.Length)
		_, err = f.ReadAt(got, h.Offset)
		f.Close()
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("the store's card %q is not the one drawn (%v)", c.Title, err)
		}
	}
	if len(byKey) > 0 {
		t.Errorf("the store keeps %d cards no build used", len(byKey))
	}
}

// A first build writes its cards into one pack and its index; a second
// reads every card from that pack, draws none and rewrites nothing.
func TestSecondBuildReadsEveryCardFromThePack(t *testing.T) {
	dir := t.TempDir()
	cards := titled(numbered(30, "Night buses")...)
	if n := cardRun(t, dir, cards, true); n != 30 {
		t.Fatalf("the first build drew %d cards, want 30", n)
	}
	if packs, indexes, _ := packFiles(t, dir); packs != 1 || indexes != 1 {
		t.Fatalf("the store holds %d packs and %d indexes, want one of each", packs, indexes)
	}
	mustHold(t, dir, cards)
	before := storeFiles(t, dir)

	var drawn atomic.Int64
	s := &Store{Dir: dir, CardsDrawn: &drawn}
	b := s.BeginCards()
	var painter Cards
	for _, c := range cards {
		got, err := b.Card([]byte("prefix"), c)
		want, _ := painter.Draw(c)
		if err != nil || string(got) != "prefix"+string(want) {
			t.Fatalf("card %q from the store is not the one drawn (%v)", c.Title, err)
		}
	}
	if drawn.Load() != 0 {
		t.Errorf("the second build drew %d cards", drawn.Load())
	}
	if len(b.packs) != 1 {
		t.Errorf("the second build opened %d files, want the one pack", len(b.packs))
	}
	if err := b.Commit(true); err != nil {
		t.Fatal(err)
	}
	after := storeFiles(t, dir)
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a build whose titles did not change rewrote the store:\nbefore %v\nafter  %v", before, after)
	}
}

// A build stopped between moving its pack into the store and writing the
// pack's index leaves a pack no index names: the store still reads its
// other cards, draws that build's again, and the next prune removes it.
func TestPackWithoutIndexIsRemoved(t *testing.T) {
	dir := t.TempDir()
	first := titled(numbered(5, "Shared kitchens")...)
	cardRun(t, dir, first, true)
	all := append(titled("Repair cafés"), first...)
	if n := cardRun(t, dir, all, false); n != 1 {
		t.Fatalf("drew %d cards, want the new one", n)
	}
	held, err := (&Store{Dir: dir}).StoredCards()
	if err != nil {
		t.Fatal(err)
	}
	var painter Cards
	var orphan StoredCard
	for _, h := range held {
		if h.Key == painter.Key(all[0]) {
			orphan = h
		}
	}
	if orphan.Index == "" || orphan.Index == held[0].Index {
		t.Fatalf("the new card is not in a pack of its own: %v", held)
	}
	if err := os.Remove(orphan.Index); err != nil {
		t.Fatal(err)
	}

	if n := cardRun(t, dir, all, true); n != 1 {
		t.Errorf("drew %d cards, want only the one whose index was lost", n)
	}
	if _, err := os.Stat(orphan.Pack); !os.IsNotExist(err) {
		t.Errorf("the pack without an index stays: %v", err)
	}
	if packs, indexes, _ := packFiles(t, dir); packs != indexes {
		t.Errorf("%d packs, %d indexes", packs, indexes)
	}
	mustHold(t, dir, all)
	if n := cardRun(t, dir, all, true); n != 0 {
		t.Errorf("the build after drew %d cards", n)
	}
}

// A pack that went (removed by hand, or by another build of the site)
// costs its cards, drawn again, and its index is removed.
func TestLostPackIsDrawnAgain(t *testing.T) {
	dir := t.TempDir()
	cards := titled(numbered(4, "A library of things")...)
	cardRun(t, dir, cards, true)
	held, err := (&Store{Dir: dir}).StoredCards()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(held[0].Pack); err != nil {
		t.Fatal(err)
	}
	if n := cardRun(t, dir, cards, true); n != 4 {
		t.Errorf("drew %d cards, want all 4", n)
	}
	if _, err := os.Stat(held[0].Index); !os.IsNotExist(err) {
		t.Errorf("the index of the lost pack stays: %v", err)
	}
	mustHold(t, dir, cards)
}

// A store an older hub filled, a file per card, costs its cards once: a
// prune removes the files, which no build reads any more.
func TestCardFilesOfOlderHubsAreRemoved(t *testing.T) {
	dir := t.TempDir()
	cards := titled("Night buses")
	var painter Cards
	old := filepath.Join(dir, cardsDir, painter.Key(cards[0])+".png")
	if err := os.MkdirAll(filepath.Dir(old), 0o755); err != nil {
		t.Fatal(err)
	}
	data, _ := painter.Draw(cards[0])
	if err := os.WriteFile(old, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if n := cardRun(t, dir, cards, true); n != 1 {
		t.Errorf("drew %d cards, want 1", n)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the older hub's card file stays: %v", err)
	}
	mustHold(t, dir, cards)
}

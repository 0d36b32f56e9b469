package imageproc

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomedium"
)

// The card store. A site without pictures has a card per page, and a
// build drew every one again: 10,000 pages took seconds more than the
// same build before cards. Like a picture's variants, a card is kept in
// the store, keyed by everything that draws it: its title, type, site
// name and colours, the fonts and this file's cardVersion. A build whose
// titles did not change draws none; one that changed a title draws that
// page's card alone. Cards are kept only in a store with a folder: in
// memory, a card costs as much to keep as to draw again, and a preview
// already draws only the cards whose page changed.
//
// Cards are kept in packs, as git keeps its objects (cardpack.go): a
// build appends the cards it draws to one staging file, and its commit
// moves that into cards/<id>.pack, then beside it the index that gives
// each card's key, offset and length, cards/<id>.idx. A file per card
// cost a 10,000-page first build 2.0 s of CPU in os.WriteFile alone (a
// third of its cards' 6.2 s)
// on a file system where creating a file is slow, and a rename each at
// commit; appending to one pack costs 0.15 s. A later build opened
// 10,000 files to read them (0.6 s of CPU; from a pack, 0.1-0.3 s). The
// store reads the indexes once, keeps them for its life (a preview's
// builds), and a batch reads each card from its pack with ReadAt, opening
// each pack once and closing it at commit or discard. A one-off build's
// commit prunes (cardprune.go): packs none of whose cards it used go, and
// when the cards no longer used outweigh those used, the used ones are
// copied into one new pack.

// cardVersion names the card's drawing code: bump it when a change to
// card.go or cardpng.go alters the bytes drawn from the same Card, so
// stores draw their cards again.
const cardVersion = "card/2"

// Key is the store's key of card: a hash of all that draws it.
func (c *Cards) Key(card Card) string {
	c.fontsOnce.Do(func() {
		h := sha256.New()
		h.Write(gobold.TTF)
		h.Write(gomedium.TTF)
		c.fonts = hex.EncodeToString(h.Sum(nil))
	})
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", cardVersion, c.fonts)
	for _, s := range []string{card.Title, card.Kind, card.Site} {
		fmt.Fprintf(h, "%d:%s", len(s), s)
	}
	col := card.Colors
	fmt.Fprint(h, col.Background, col.Text, col.Brand, col.Line, col.KindText, col.KindBackground)
	return hex.EncodeToString(h.Sum(nil))
}

// CardBatch is one render's use of the store's cards: cards it draws are
// staged, and go into the store only when the render succeeds.
type CardBatch struct {
	s     *Store
	mu    sync.Mutex
	stage *packWriter // nil until a card is drawn
	// used holds the keys of the cards this render read or staged, each
	// with the id of the pack it read the card from ("" for one staged,
	// until the commit names its pack): what a prune keeps.
	used  map[string]string
	packs map[string]*os.File // opened for reading; nil: would not open
}

// BeginCards starts a render's use of the store's cards.
func (s *Store) BeginCards() *CardBatch {
	return &CardBatch{s: s, used: map[string]string{}, packs: map[string]*os.File{}}
}

// Card appends card's PNG to dst: the store's copy when it has one, else
// drawn (and staged, unless the store is read-only or in memory).
func (b *CardBatch) Card(dst []byte, card Card) ([]byte, error) {
	s := b.s
	key := s.Cards().Key(card)
	if s.Dir != "" {
		if data, ok := b.read(dst, key); ok {
			return data, nil
		}
	}
	if s.CardsDrawn != nil {
		s.CardsDrawn.Add(1)
	}
	data, err := s.Cards().AppendPNG(dst, card)
	if err != nil || s.Dir == "" || s.ReadOnly {
		return data, err // nothing to keep, and so no prune to tell
	}
	return data, b.put(key, data[len(dst):])
}

// read appends the stored copy of the card with key to dst, when there is
// one that reads whole: a card cut short by a full disk or a damaged pack
// is drawn again, not published.
func (b *CardBatch) read(dst []byte, key string) ([]byte, bool) {
	b.mu.Lock()
	f, off, n, id := b.find(key)
	b.mu.Unlock()
	if f == nil {
		return nil, false
	}
	out := slices.Grow(dst, int(n))[:len(dst)+int(n)]
	if _, err := f.ReadAt(out[len(dst):], off); err != nil || !isPNG(out[len(dst):]) {
		return nil, false
	}
	if id != "" { // else staged by this batch, and so in used
		b.mu.Lock()
		b.used[key] = id
		b.mu.Unlock()
	}
	return out, true
}

// find returns the file holding the card with key, where in it, and the
// id of its pack ("" for the batch's own staging pack). b.mu is held.
func (b *CardBatch) find(key string) (f *os.File, off, n int64, id string) {
	if b.stage != nil {
		if e, ok := b.stage.lookup(key); ok {
			if b.stage.readable(e.off+e.n) != nil {
				return nil, 0, 0, "" // drawn again
			}
			return b.stage.f, e.off, e.n, ""
		}
	}
	loc, ok := b.s.cardAt(key)
	if !ok {
		return nil, 0, 0, ""
	}
	id = loc.pack.id
	f, opened := b.packs[id]
	if !opened {
		var err error
		if f, err = os.Open(packPath(b.s.Dir, id)); err != nil {
			f = nil // gone: its cards are drawn again, and the pack not tried again
		}
		b.packs[id] = f
	}
	return f, loc.off, loc.n, id
}

// put stages a drawn card in the batch's pack.
func (b *CardBatch) put(key string, data []byte) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used[key] = ""
	if b.stage == nil {
		w, err := newPackWriter(b.s.Dir)
		if err != nil {
			return err
		}
		b.stage = w
	}
	return b.stage.add(key, data)
}

// isPNG reports whether data is a whole PNG file as far as its ends show:
// a card cut short by a full disk is drawn again, not published.
func isPNG(data []byte) bool {
	return len(data) > 20 && string(data[:8]) == "\x89PNG\r\n\x1a\n" && strings.HasSuffix(string(data[len(data)-12:]), "IEND\xaeB`\x82")
}

// Commit puts the cards the render drew into the store. With prune (a
// one-off build, which published every page's card) the cards it did not
// publish go: the store holds the site's cards, not every title it ever
// had.
func (b *CardBatch) Commit(prune bool) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closePacks() // before any pack goes: Windows removes no open file
	s := b.s
	if s.Dir == "" || s.ReadOnly {
		return nil
	}
	if w := b.stage; w != nil {
		b.stage = nil
		p, err := w.publish(s.Dir)
		if err != nil {
			return err
		}
		for _, e := range p.entries {
			b.used[e.key] = p.id
		}
		s.cards.added(p)
	}
	if !prune {
		return nil
	}
	return s.pruneCards(b.used)
}

// Discard drops the cards the render drew.
func (b *CardBatch) Discard() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closePacks()
	if b.stage != nil {
		b.stage.abort()
		b.stage = nil
	}
}

func (b *CardBatch) closePacks() {
	for id, f := range b.packs {
		if f != nil {
			_ = f.Close()
		}
		delete(b.packs, id)
	}
}

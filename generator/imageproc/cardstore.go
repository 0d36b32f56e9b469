package imageproc

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomedium"
)

// The card store. A site without pictures has a card per page, and a
// build drew every one again: 10,000 pages took seconds more than the
// same build before cards. Like a picture's variants, a card is kept in
// the store (cards/<key>.png), keyed by everything that draws it: its
// title, type, site name and colours, the fonts and this file's
// cardVersion. A build whose titles did not change draws none; one that
// changed a title draws that page's card alone. Cards are kept only in a
// store with a folder: in memory, a card costs as much to keep as to draw
// again, and a preview already draws only the cards whose page changed.

// cardVersion names the card's drawing code: bump it when a change to
// card.go or cardpng.go alters the bytes drawn from the same Card, so
// stores draw their cards again.
const cardVersion = "card/1"

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
	s       *Store
	mu      sync.Mutex
	staging string          // "" until a card is staged
	used    map[string]bool // keys of the cards this render published
	// empty is whether the store held no card when the render began: a
	// first build then looks for none of its 10,000 cards (a failed open
	// each), it draws them all.
	emptyOnce sync.Once
	empty     bool
}

// BeginCards starts a render's use of the store's cards.
func (s *Store) BeginCards() *CardBatch {
	return &CardBatch{s: s, used: map[string]bool{}}
}

func cardName(key string) string { return "cards/" + key + ".png" }

// Card appends card's PNG to dst: the store's copy when it has one, else
// drawn (and staged, unless the store is read-only or in memory).
func (b *CardBatch) Card(dst []byte, card Card) ([]byte, error) {
	key := b.s.Cards().Key(card)
	b.mu.Lock()
	b.used[key] = true
	b.mu.Unlock()
	s := b.s
	if s.Dir != "" && !b.storeEmpty() {
		if data, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(cardName(key)))); err == nil && isPNG(data) {
			return append(dst, data...), nil
		}
	}
	if s.CardsDrawn != nil {
		s.CardsDrawn.Add(1)
	}
	data, err := s.Cards().AppendPNG(dst, card)
	if err != nil || s.Dir == "" || s.ReadOnly {
		return data, err
	}
	dir, err := b.stagingDir()
	if err != nil {
		return nil, err
	}
	return data, os.WriteFile(filepath.Join(dir, key+".png"), data[len(dst):], 0o644)
}

// storeEmpty reports whether the store's card folder was missing or empty
// when first asked.
func (b *CardBatch) storeEmpty() bool {
	b.emptyOnce.Do(func() {
		f, err := os.Open(filepath.Join(b.s.Dir, "cards"))
		if err != nil {
			b.empty = errors.Is(err, fs.ErrNotExist)
			return
		}
		defer f.Close()
		names, _ := f.Readdirnames(1)
		b.empty = len(names) == 0
	})
	return b.empty
}

// isPNG reports whether data is a whole PNG file as far as its ends show:
// a card cut short by a full disk is drawn again, not published.
func isPNG(data []byte) bool {
	return len(data) > 20 && string(data[:8]) == "\x89PNG\r\n\x1a\n" && strings.HasSuffix(string(data[len(data)-12:]), "IEND\xaeB`\x82")
}

func (b *CardBatch) stagingDir() (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.staging == "" {
		dir, err := os.MkdirTemp(b.s.Dir, ".staging-cards-")
		if err != nil {
			if err = os.MkdirAll(b.s.Dir, 0o755); err == nil {
				dir, err = os.MkdirTemp(b.s.Dir, ".staging-cards-")
			}
			if err != nil {
				return "", err
			}
		}
		b.staging = dir
	}
	return b.staging, nil
}

// Commit puts the cards the render drew into the store. With prune (a
// one-off build, which published every page's card) the cards it did not
// publish go: the store holds the site's cards, not every title it ever
// had.
func (b *CardBatch) Commit(prune bool) error {
	s := b.s
	if s.Dir == "" || s.ReadOnly {
		return nil
	}
	if b.staging != "" {
		if err := moveAll(b.staging, filepath.Join(s.Dir, "cards")); err != nil {
			return err
		}
		if err := os.RemoveAll(b.staging); err != nil {
			return err
		}
		b.staging = ""
	}
	if !prune {
		return nil
	}
	dir := filepath.Join(s.Dir, "cards")
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	for _, e := range ents {
		if !b.used[strings.TrimSuffix(e.Name(), ".png")] {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// Discard drops the cards the render drew.
func (b *CardBatch) Discard() {
	if b.staging != "" {
		_ = os.RemoveAll(b.staging)
		b.staging = ""
	}
}

package imageproc

import (
	"bufio"
	"cmp"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// pruneCards lets go the cards a one-off build did not use. used gives,
// for each card the build published, the id of the pack it read the card
// from or wrote it to: that copy was whole, and is the one kept when
// packs hold the same key (an older copy may be the damaged one that made
// the build draw it again).
//
// A pack none of whose cards were used goes; one that keeps some gets a
// shorter index, its dropped cards' bytes staying in it. When those
// dropped bytes outweigh the cards kept, or the packs are too many, the
// kept cards are copied into one new pack and the old packs go: the
// store stays under twice the size of the site's cards, and a build whose
// titles did not change rewrites nothing.
func (s *Store) pruneCards(used map[string]string) error {
	ix := &s.cards
	ix.mu.Lock()
	defer ix.mu.Unlock()
	// Read the folder again: another build of the site may have changed it.
	packs, strays, err := readPacks(s.Dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, name := range strays {
		if err := os.Remove(filepath.Join(s.Dir, cardsDir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	ids := slices.Sorted(maps.Keys(packs))
	live := map[string][]packEntry{} // by pack id, in pack order
	taken := map[string]bool{}
	var liveBytes, total int64
	for _, id := range ids {
		p := packs[id]
		total += p.size
		for _, e := range p.entries {
			if used[e.key] == id && !taken[e.key] {
				taken[e.key] = true
				live[id] = append(live[id], e)
				liveBytes += e.n
			}
		}
	}
	if merge := packsToMerge(packs, live, total-liveBytes > liveBytes); len(merge) > 0 {
		p, err := s.mergePacks(merge, live)
		if err != nil {
			return errors.Join(append(errs, err)...)
		}
		for _, m := range merge {
			errs = append(errs, s.dropPack(m.id))
			delete(packs, m.id)
			delete(live, m.id)
		}
		if p != nil {
			packs[p.id] = p
			live[p.id] = p.entries
		}
	}
	for id, p := range packs {
		switch kept := live[id]; {
		case len(kept) == 0:
			errs = append(errs, s.dropPack(id))
			delete(packs, id)
		case len(kept) < len(p.entries):
			errs = append(errs, s.rewriteIndex(id, kept))
			p.entries = kept
		}
	}
	ix.set(packs)
	return errors.Join(errs...)
}

// packsToMerge chooses the packs whose kept cards go into a new one: all
// of them when dropped bytes outweigh kept ones, else, when more than
// maxCardPacks would stay, all but the one keeping most bytes (a site's
// first pack, often: no need to copy it for a few retitled pages).
func packsToMerge(packs map[string]*cardPack, live map[string][]packEntry, all bool) []*cardPack {
	var keep []*cardPack
	for id, p := range packs {
		if len(live[id]) > 0 {
			keep = append(keep, p)
		}
	}
	slices.SortFunc(keep, func(a, b *cardPack) int { return cmp.Compare(liveSize(live[b.id]), liveSize(live[a.id])) })
	switch {
	case all:
		return keep
	case len(keep) > maxCardPacks:
		return keep[1:]
	}
	return nil
}

func liveSize(entries []packEntry) (n int64) {
	for _, e := range entries {
		n += e.n
	}
	return n
}

// mergePacks copies the kept cards of packs into a new pack, leaving out
// any that no longer reads whole (it is drawn again when next asked for).
func (s *Store) mergePacks(packs []*cardPack, live map[string][]packEntry) (*cardPack, error) {
	w, err := newPackWriter(s.Dir)
	if err != nil {
		return nil, err
	}
	if w.direct == nil {
		w.w = bufio.NewWriterSize(w.f, 1<<20) // nothing reads it back before publish
	}
	var buf []byte
	for _, p := range packs {
		f, err := os.Open(packPath(s.Dir, p.id))
		if err != nil {
			continue
		}
		for _, e := range live[p.id] {
			buf = slices.Grow(buf[:0], int(e.n))[:e.n]
			if _, err := f.ReadAt(buf, e.off); err != nil || !isPNG(buf) {
				continue
			}
			if err := w.add(e.key, buf); err != nil {
				_ = f.Close()
				w.abort()
				return nil, err
			}
		}
		_ = f.Close()
	}
	if len(w.entries) == 0 {
		w.abort()
		return nil, nil
	}
	return w.publish(s.Dir)
}

// dropPack removes a pack, its index first: an index never names a
// missing pack. A pack that stays (on Windows, another build of the site
// may have it open) is a stray the next prune removes.
func (s *Store) dropPack(id string) error {
	if err := os.Remove(indexPath(s.Dir, id)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	_ = os.Remove(packPath(s.Dir, id))
	return nil
}

// rewriteIndex replaces a pack's index with one listing entries alone.
func (s *Store) rewriteIndex(id string, entries []packEntry) error {
	tmp := filepath.Join(s.Dir, ".staging-cards-"+newPackID()+".idx")
	if err := writeIndex(tmp, entries); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, indexPath(s.Dir, id)); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}

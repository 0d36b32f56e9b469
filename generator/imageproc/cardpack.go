package imageproc

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Card packs on disk: cards/<id>.pack holds cards' PNG bytes end to end,
// cards/<id>.idx says where each is (see cardstore.go for why). An index
// is text: a header line, then "key offset length" a line, in the pack's
// order. A pack goes into cards/ before its index, so an index never names
// a pack that is not there; a pack without an index (a build stopped
// between the two renames) is removed by the next prune.

const (
	cardIndexHeader = "hub card index 1"
	cardsDir        = "cards"
	// maxCardPacks is how many packs a prune lets the store keep: each
	// build that draws a card adds one, and a build opens each it reads.
	maxCardPacks = 16
)

// cardPack is one pack in the store, as its index describes it.
type cardPack struct {
	id      string
	size    int64 // the pack file's size: its cards and the bytes of cards dropped
	entries []packEntry
}

type packEntry struct {
	key    string
	off, n int64
}

// cardLoc is where the store's copy of a card is.
type cardLoc struct {
	pack   *cardPack
	off, n int64
}

// cardIndex is the store's knowledge of its packs, read from disk once
// and kept up to date by the store's own commits.
type cardIndex struct {
	mu     sync.Mutex
	loaded bool
	where  map[string]cardLoc // by card key
}

func packPath(dir, id string) string  { return filepath.Join(dir, cardsDir, id+".pack") }
func indexPath(dir, id string) string { return filepath.Join(dir, cardsDir, id+".idx") }

// cardAt returns where the store keeps the card with key.
func (s *Store) cardAt(key string) (cardLoc, bool) {
	ix := &s.cards
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if !ix.loaded {
		// A folder that cannot be read holds no card: all are drawn.
		packs, _, _ := readPacks(s.Dir)
		ix.set(packs)
	}
	loc, ok := ix.where[key]
	return loc, ok
}

// set makes packs the index's; when packs hold the same key, the newest
// (ids sort by time) is the one read.
func (ix *cardIndex) set(packs map[string]*cardPack) {
	ix.loaded, ix.where = true, map[string]cardLoc{}
	ids := make([]string, 0, len(packs))
	for id := range packs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		ix.addLocs(packs[id])
	}
}

func (ix *cardIndex) addLocs(p *cardPack) {
	for _, e := range p.entries {
		ix.where[e.key] = cardLoc{pack: p, off: e.off, n: e.n}
	}
}

// added records a pack this process published.
func (ix *cardIndex) added(p *cardPack) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.loaded { // else read with the others when first asked
		ix.addLocs(p)
	}
}

// readPacks reads the indexes in dir's cards folder. strays are the files
// there that are not a pack with its index: packs without one, indexes
// without their pack or that do not parse, anything else.
func readPacks(dir string) (packs map[string]*cardPack, strays []string, err error) {
	packs = map[string]*cardPack{}
	ents, err := os.ReadDir(filepath.Join(dir, cardsDir))
	if errors.Is(err, fs.ErrNotExist) {
		return packs, nil, nil
	} else if err != nil {
		return packs, nil, err
	}
	sizes := map[string]int64{}
	for _, e := range ents {
		if id, ok := strings.CutSuffix(e.Name(), ".pack"); ok && e.Type().IsRegular() {
			if info, err := e.Info(); err == nil {
				sizes[id] = info.Size()
			}
		}
	}
	for _, e := range ents {
		name := e.Name()
		id, isIdx := strings.CutSuffix(name, ".idx")
		if !isIdx {
			if id, ok := strings.CutSuffix(name, ".pack"); ok && hasFile(ents, id+".idx") {
				continue // read with its index
			}
			strays = append(strays, name)
			continue
		}
		size, ok := sizes[id]
		if !ok {
			strays = append(strays, name)
			continue
		}
		p, err := readIndex(indexPath(dir, id), id, size)
		if err != nil {
			strays = append(strays, name, id+".pack")
			continue
		}
		packs[id] = p
	}
	return packs, strays, nil
}

func hasFile(ents []os.DirEntry, name string) bool {
	_, ok := slices.BinarySearchFunc(ents, name, func(e os.DirEntry, name string) int { return strings.Compare(e.Name(), name) })
	return ok
}

// readIndex reads a pack's index. Entries past the pack's end (a pack cut
// short) are left out: those cards are drawn again.
func readIndex(path, id string, size int64) (*cardPack, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	header, rest, _ := strings.Cut(string(data), "\n")
	if header != cardIndexHeader {
		return nil, fmt.Errorf("%s:1:1: not a card index", path)
	}
	p := &cardPack{id: id, size: size}
	line := 1
	for text := range strings.Lines(rest) {
		line++
		f := strings.Fields(text)
		if len(f) != 3 || len(f[0]) != 64 {
			return nil, fmt.Errorf("%s:%d:1: not a key, offset and length", path, line)
		}
		off, err1 := strconv.ParseInt(f[1], 10, 64)
		n, err2 := strconv.ParseInt(f[2], 10, 64)
		if err1 != nil || err2 != nil || off < 0 || n <= 0 {
			return nil, fmt.Errorf("%s:%d:1: bad offset or length", path, line)
		}
		if off+n <= size {
			p.entries = append(p.entries, packEntry{key: f[0], off: off, n: n})
		}
	}
	return p, nil
}

// writeIndex writes entries as the index at path.
func writeIndex(path string, entries []packEntry) error {
	var b bytes.Buffer
	b.Grow(len(cardIndexHeader) + 1 + len(entries)*84)
	b.WriteString(cardIndexHeader + "\n")
	for _, e := range entries {
		fmt.Fprintf(&b, "%s %d %d\n", e.key, e.off, e.n)
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// packWriter fills a new pack in the store's folder, out of cards/ until
// published. It is not safe for concurrent use.
type packWriter struct {
	f *os.File
	// direct, where the file system allows, takes the cards around the
	// page cache (cardpack_direct_linux.go), else w or f.
	direct  *directAppender
	w       *bufio.Writer // nil: each card is written through, so it can be read back at once
	path    string        // .staging-cards-<id>.pack in the store's folder
	id      string
	size    int64
	entries []packEntry
	at      map[string]int // by key: index in entries
}

// newPackID names a pack: its time first, so the newest sorts last, and
// random bits, so two builds of a site at once never pick the same.
func newPackID() string {
	var r [4]byte
	_, _ = rand.Read(r[:])
	return fmt.Sprintf("%016x-%s", time.Now().UnixNano(), hex.EncodeToString(r[:]))
}

func newPackWriter(dir string) (*packWriter, error) {
	id := newPackID()
	path := filepath.Join(dir, ".staging-cards-"+id+".pack")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(dir, 0o755); err == nil {
			f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		}
	}
	if err != nil {
		return nil, err
	}
	return &packWriter{f: f, direct: openDirect(path), path: path, id: id, at: map[string]int{}}, nil
}

// write appends data to the file.
func (w *packWriter) write(data []byte) (int, error) {
	if w.direct != nil {
		n, err := w.direct.write(data)
		if err == nil {
			return n, nil
		}
		// A file system that takes O_DIRECT at open and not at write:
		// what the buffer holds goes through the page cache, and so does
		// the rest of the pack.
		if err := w.undirect(); err != nil {
			return n, err
		}
		m, err := w.f.Write(data[n:])
		return n + m, err
	}
	if w.w != nil {
		return w.w.Write(data)
	}
	return w.f.Write(data)
}

// undirect writes what the direct buffer holds through f, and leaves f
// at the end of the pack for the rest.
func (w *packWriter) undirect() error {
	d := w.direct
	w.direct = nil
	defer d.close()
	pending, at := d.pending()
	if _, err := w.f.WriteAt(pending, at); err != nil {
		return err
	}
	_, err := w.f.Seek(at+int64(len(pending)), io.SeekStart)
	return err
}

// readable makes the pack's bytes before end readable through f.
func (w *packWriter) readable(end int64) error {
	if w.direct == nil {
		return nil
	}
	if _, at := w.direct.pending(); end <= at {
		return nil
	}
	if err := w.direct.sync(); err != nil {
		return w.undirect()
	}
	return nil
}

// add appends a card, unless the pack has it.
func (w *packWriter) add(key string, data []byte) error {
	if _, ok := w.at[key]; ok {
		return nil
	}
	n, err := w.write(data)
	if err != nil {
		w.size += int64(n) // keep later offsets true; the pack will not be published
		return err
	}
	w.at[key] = len(w.entries)
	w.entries = append(w.entries, packEntry{key: key, off: w.size, n: int64(n)})
	w.size += int64(n)
	return nil
}

// lookup returns where the pack being written holds key.
func (w *packWriter) lookup(key string) (packEntry, bool) {
	i, ok := w.at[key]
	if !ok {
		return packEntry{}, false
	}
	return w.entries[i], true
}

// publish moves the pack into the store's cards, then its index.
func (w *packWriter) publish(dir string) (*cardPack, error) {
	idx := strings.TrimSuffix(w.path, ".pack") + ".idx"
	err := writeIndex(idx, w.entries)
	if err == nil && w.w != nil {
		err = w.w.Flush()
	}
	if err == nil && w.direct != nil {
		err = w.direct.sync()
		w.direct.close()
		w.direct = nil
	}
	if err == nil {
		err = w.f.Truncate(w.size) // a direct write's last block is padded
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	w.f = nil
	if err == nil {
		err = os.MkdirAll(filepath.Join(dir, cardsDir), 0o755)
	}
	if err == nil {
		err = os.Rename(w.path, packPath(dir, w.id))
	}
	if err == nil {
		err = os.Rename(idx, indexPath(dir, w.id))
	}
	if err != nil {
		_ = os.Remove(idx)
		w.abort()
		return nil, err
	}
	w.path = ""
	return &cardPack{id: w.id, size: w.size, entries: w.entries}, nil
}

// abort drops the pack being written.
func (w *packWriter) abort() {
	if w.direct != nil {
		w.direct.close()
		w.direct = nil
	}
	if w.f != nil {
		_ = w.f.Close()
		w.f = nil
	}
	if w.path != "" {
		_ = os.Remove(w.path)
		w.path = ""
	}
}

// StoredCard is a card in a store's folder, and where its bytes are: for
// tests, and for a look into a store.
type StoredCard struct {
	Key    string
	Pack   string // the pack file holding its bytes
	Index  string // the index file naming it
	Offset int64
	Length int64
}

// StoredCards lists the cards the store's folder holds now, as its
// indexes say, by pack and offset. A store in memory keeps no card.
func (s *Store) StoredCards() ([]StoredCard, error) {
	if s.Dir == "" {
		return nil, nil
	}
	packs, _, err := readPacks(s.Dir)
	if err != nil {
		return nil, err
	}
	var cards []StoredCard
	for _, id := range slices.Sorted(maps.Keys(packs)) {
		for _, e := range packs[id].entries {
			cards = append(cards, StoredCard{Key: e.key, Pack: packPath(s.Dir, id), Index: indexPath(s.Dir, id), Offset: e.off, Length: e.n})
		}
	}
	return cards, nil
}

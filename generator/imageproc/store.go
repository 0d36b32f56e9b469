package imageproc

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Store keeps what has been made of each source, keyed by the source's
// bytes and the Settings, so a source is decoded once however many builds
// show it. On disk (Dir) it is two folders: meta/<key>.json says what a
// source made, files/<sha256>.<ext> holds each file made. Files go in
// first, then the meta that names them, and only when a Batch is
// committed: a build that fails leaves the Store as it was.
type Store struct {
	// Dir is the store's folder (hub uses <site>/.hub/images); "" keeps
	// everything in memory for the Store's life.
	Dir      string
	Settings Settings
	// ReadOnly checks sources without making anything (hub check): a
	// source the store has is taken from it, any other is decoded to see
	// that it can be, and has no variants.
	ReadOnly bool
	// Decodes, when not nil, counts the sources decoded: a test hook.
	Decodes *atomic.Int64
	// CardsDrawn, when not nil, counts the cards drawn: a test hook.
	CardsDrawn *atomic.Int64

	mu          sync.Mutex
	mem         map[string][]byte // Dir == "": files and metas by name
	cardPainter *Cards
	index       map[string]SourceStamp // see index.go; nil until read
	cards       cardIndex              // the card packs: see cardpack.go
}

// Batch is one build's use of a Store.
type Batch struct {
	s       *Store
	staging string // "" until something is made
	mu      sync.Mutex
	calls   map[string]*call
	pending map[string][]byte // memory store: made by this batch
	used    map[string]bool   // keys of the metas this batch used
	files   map[string]bool   // names of the files those metas name
	stamps  map[string]SourceStamp
}

type call struct {
	done chan struct{}
	img  *Image
	err  error
}

// Begin starts a build's batch.
func (s *Store) Begin() *Batch {
	return &Batch{s: s, calls: map[string]*call{}, pending: map[string][]byte{}, used: map[string]bool{}, files: map[string]bool{},
		stamps: map[string]SourceStamp{}}
}

// Process returns what is made of a source's bytes: from the store when it
// has them, else by decoding the source once (once per batch however many
// pages ask). Errors are *TooLargeError, *DecodeError or ErrNotImage.
func (b *Batch) Process(data []byte) (*Image, error) {
	info, err := Inspect(data, b.s.Settings.MaxPixels)
	if err != nil {
		return nil, err
	}
	if info.Format == SVG || info.Format == GIF {
		return &Image{Format: info.Format, Width: info.Width, Height: info.Height, AsIs: true}, nil
	}
	key := b.s.Settings.sourceKey(data)
	b.mu.Lock()
	if c, ok := b.calls[key]; ok {
		b.mu.Unlock()
		<-c.done
		return c.img, c.err
	}
	c := &call{done: make(chan struct{})}
	b.calls[key] = c
	b.mu.Unlock()
	defer close(c.done)
	c.img, c.err = b.make(data, key, info)
	return c.img, c.err
}

func (b *Batch) make(data []byte, key string, info Info) (*Image, error) {
	if img := b.s.lookup(key); img != nil {
		b.use(img)
		return img, nil
	}
	if b.s.ReadOnly {
		if b.s.Decodes != nil {
			b.s.Decodes.Add(1)
		}
		if _, err := decode(info.Format, data); err != nil {
			return nil, err
		}
		return &Image{Key: key, Format: info.Format, Width: info.Width, Height: info.Height}, nil
	}
	img, outs, err := b.s.Settings.process(data, key, info, b.s.Decodes)
	if err != nil {
		return nil, err
	}
	meta, err := json.Marshal(img)
	if err != nil {
		return nil, err
	}
	for _, o := range outs {
		if err := b.put(fileName(o.v), o.data); err != nil {
			return nil, err
		}
	}
	if err := b.put(metaName(key), meta); err != nil {
		return nil, err
	}
	b.use(img)
	return img, nil
}

func metaName(key string) string { return "meta/" + key + ".json" }

func fileName(v Variant) string { return "files/" + v.Sum + "." + v.Format.Ext() }

// use records that this batch's build shows img.
func (b *Batch) use(img *Image) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used[img.Key] = true
	for _, v := range img.Variants {
		b.files[fileName(v)] = true
	}
	if img.Crop != nil {
		b.files[fileName(*img.Crop)] = true
	}
}

// put stages a made file: in memory, or in the batch's staging folder.
func (b *Batch) put(name string, data []byte) error {
	if b.s.Dir == "" {
		b.mu.Lock()
		b.pending[name] = data
		b.mu.Unlock()
		return nil
	}
	dir, err := b.stagingDir()
	if err != nil {
		return err
	}
	full := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

func (b *Batch) stagingDir() (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.staging == "" {
		var r [6]byte
		_, _ = rand.Read(r[:])
		b.staging = filepath.Join(b.s.Dir, ".staging-"+hex.EncodeToString(r[:]))
		if err := os.MkdirAll(b.staging, 0o755); err != nil {
			b.staging = ""
			return "", err
		}
	}
	return b.staging, nil
}

// lookup returns what the store has made of the source with key, when it
// has it whole.
func (s *Store) lookup(key string) *Image {
	data, err := s.read(metaName(key))
	if err != nil {
		return nil
	}
	img := new(Image)
	if json.Unmarshal(data, img) != nil || img.Key != key {
		return nil
	}
	if s.Dir != "" {
		names := []string{}
		for _, v := range img.Variants {
			names = append(names, fileName(v))
		}
		if img.Crop != nil {
			names = append(names, fileName(*img.Crop))
		}
		for _, n := range names {
			if _, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(n))); err != nil {
				return nil // a file went: make them again
			}
		}
	}
	return img
}

func (s *Store) read(name string) ([]byte, error) {
	if s.Dir == "" {
		s.mu.Lock()
		defer s.mu.Unlock()
		if d, ok := s.mem[name]; ok {
			return d, nil
		}
		return nil, fs.ErrNotExist
	}
	return os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(name)))
}

// Open returns the bytes of a variant a committed batch made or used.
func (s *Store) Open(v Variant) ([]byte, error) {
	data, err := s.read(fileName(v))
	if err != nil {
		return nil, fmt.Errorf("image store: %w", err)
	}
	return data, nil
}

// Commit puts what the batch made into the store. With prune, files and
// metas that this batch did not use go (a one-off build that saw every
// page): the store holds what the site shows, not every picture it ever
// showed.
func (b *Batch) Commit(prune bool) error {
	s := b.s
	if s.Dir == "" {
		s.mu.Lock()
		if s.mem == nil {
			s.mem = map[string][]byte{}
		}
		for name, data := range b.pending {
			s.mem[name] = data
		}
		s.mu.Unlock()
		return b.saveIndex(prune)
	}
	if b.staging != "" {
		// Files first, metas last: a meta never names a file not there.
		for _, sub := range []string{"files", "meta"} {
			if err := moveAll(filepath.Join(b.staging, sub), filepath.Join(s.Dir, sub)); err != nil {
				return err
			}
		}
		if err := os.RemoveAll(b.staging); err != nil {
			return err
		}
	}
	if prune {
		if err := b.prune(); err != nil {
			return err
		}
	}
	return b.saveIndex(prune)
}

// Discard drops what the batch made.
func (b *Batch) Discard() {
	if b.staging != "" {
		_ = os.RemoveAll(b.staging)
	}
	b.pending = map[string][]byte{}
}

func moveAll(from, to string) error {
	ents, err := os.ReadDir(from)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	for _, e := range ents {
		if err := os.Rename(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// prune removes what the batch did not use, and staging folders that
// interrupted builds left: those untouched for an hour, as another build
// of the site (a hub serve beside a hub build) may be filling one now.
func (b *Batch) prune() error {
	s := b.s
	ents, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // no picture was ever made
	} else if err != nil {
		return err
	}
	for _, e := range ents {
		if info, err := e.Info(); err == nil && strings.HasPrefix(e.Name(), ".staging-") && time.Since(info.ModTime()) > time.Hour {
			_ = os.RemoveAll(filepath.Join(s.Dir, e.Name()))
		}
	}
	keep := func(sub, name string) bool {
		if sub == "meta" {
			return b.used[strings.TrimSuffix(name, ".json")]
		}
		return b.files[sub+"/"+name]
	}
	for _, sub := range []string{"meta", "files"} {
		ents, err := os.ReadDir(filepath.Join(s.Dir, sub))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return err
		}
		for _, e := range ents {
			if !keep(sub, e.Name()) {
				if err := os.Remove(filepath.Join(s.Dir, sub, e.Name())); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

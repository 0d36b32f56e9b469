package bleveengine

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/ideas-hub/hub/search"
)

// NewReloader returns a search.Reloader that serves the index a deploy puts
// in dir, each opened with OpenVerified.
func NewReloader(dir string, holder *search.Holder, logger *slog.Logger) *search.Reloader {
	return search.NewReloader(dir, openVerified, holder, logger)
}

// openVerified is OpenVerified as a search.OpenFunc.
func openVerified(ctx context.Context, dir string) (search.Engine, error) {
	ix, err := OpenVerified(ctx, dir)
	if err != nil {
		return nil, err // not a nil *Index in a non-nil Engine
	}
	return ix, nil
}

// OpenVerified opens the index in dir as Open does, after making sure it
// is whole, and checks that it is fit to serve: it has hub's mapping, every
// document it counts has its columns, and it answers a probe query. It is
// for an index someone else put in place (a deploy), which may be half
// copied: bleve maps its files into memory and reads past the end of a
// truncated one, which kills the process (SIGBUS) rather than returning an
// error, so the files are checked before bleve reads them.
func OpenVerified(ctx context.Context, dir string) (ix *Index, err error) {
	if err := checkFiles(dir); err != nil {
		return nil, err
	}
	// A fault in a mapped file that changed after the checks (a copy going
	// on over it) is then a panic of this goroutine, not the end of the
	// server.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			ix, err = nil, fmt.Errorf("search index %s: unreadable: %v", dir, v)
		}
	}()
	ix, err = Open(dir)
	if err != nil {
		// bleve's own words, on one line for /healthz and the log.
		msg := strings.Join(strings.Fields(err.Error()), " ")
		return nil, fmt.Errorf("search index %s is incomplete or damaged: %s", dir, strings.TrimPrefix(msg, "search index "+dir+": "))
	}
	if err := checkServable(ctx, ix); err != nil {
		ix.Close()
		return nil, fmt.Errorf("search index %s: %w", dir, err)
	}
	return ix, nil
}

// checkFiles makes sure every file of the index in dir is complete: the
// bolt file that lists the segments reaches its last page, and each zap
// segment matches the checksum at its end.
func checkFiles(dir string) error {
	meta, err := os.ReadFile(filepath.Join(dir, "index_meta.json"))
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no search index in %s: %w", dir, err)
	}
	if err != nil {
		return fmt.Errorf("search index %s: %w", dir, err)
	}
	if !json.Valid(meta) {
		return fmt.Errorf("search index %s: index_meta.json is incomplete", dir)
	}
	store := filepath.Join(dir, "store")
	if err := checkBolt(filepath.Join(store, "root.bolt")); err != nil {
		return fmt.Errorf("search index %s: %w", dir, err)
	}
	segments, err := filepath.Glob(filepath.Join(store, "*.zap"))
	if err != nil {
		return err
	}
	for _, seg := range segments {
		if err := checkSegment(seg); err != nil {
			return fmt.Errorf("search index %s: %w", dir, err)
		}
	}
	return nil
}

// checkSegment compares a zap segment's CRC-32 of all its bytes but the
// last four with those four, where zap writes it.
func checkSegment(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.Size() < 4 {
		return fmt.Errorf("segment %s is incomplete (%d bytes)", filepath.Base(path), info.Size())
	}
	h := crc32.NewIEEE()
	if _, err := io.CopyN(h, f, info.Size()-4); err != nil {
		return fmt.Errorf("segment %s: %w", filepath.Base(path), err)
	}
	var tail [4]byte
	if _, err := io.ReadFull(f, tail[:]); err != nil {
		return fmt.Errorf("segment %s: %w", filepath.Base(path), err)
	}
	if binary.BigEndian.Uint32(tail[:]) != h.Sum32() {
		return fmt.Errorf("segment %s is incomplete or damaged: its checksum does not match", filepath.Base(path))
	}
	return nil
}

// Bolt's file layout (go.etcd.io/bbolt, internal/common): two meta pages
// at the start, each a 16-byte page header and then the meta, in the
// machine's byte order, ending in an FNV-64a checksum of what precedes it.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	boltPageHeader = 16
	boltMetaSum    = 56 // offset of the checksum in the meta
)

// checkBolt makes sure the bolt file is as long as its newest valid meta
// page says: bolt reads pages through a memory map, and a page past the end
// of a truncated file faults instead of failing.
func checkBolt(path string) error {
	data, err := os.ReadFile(path) // some hundred KB: the segments' list, not their data
	if err != nil {
		return err
	}
	type meta struct{ pageSize, pgid, txid uint64 }
	read := func(off int) (meta, bool) {
		if off+boltPageHeader+boltMetaSum+8 > len(data) {
			return meta{}, false
		}
		m := data[off+boltPageHeader:]
		ne := binary.NativeEndian
		sum := fnv.New64a()
		sum.Write(m[:boltMetaSum])
		if ne.Uint32(m[0:]) != boltMagic || ne.Uint32(m[4:]) != boltVersion || ne.Uint64(m[boltMetaSum:]) != sum.Sum64() {
			return meta{}, false
		}
		return meta{pageSize: uint64(ne.Uint32(m[8:])), pgid: ne.Uint64(m[40:]), txid: ne.Uint64(m[48:])}, true
	}
	var valid []meta
	m0, ok := read(0)
	if ok {
		valid = append(valid, m0)
	}
	second := os.Getpagesize() // where bolt looks for the second meta when the first is bad
	if ok {
		second = int(m0.pageSize)
	}
	if m1, ok := read(second); ok {
		valid = append(valid, m1)
	}
	if len(valid) == 0 {
		return fmt.Errorf("%s is incomplete or damaged: no valid meta page", filepath.Base(path))
	}
	newest := slices.MaxFunc(valid, func(a, b meta) int { return cmp.Compare(a.txid, b.txid) })
	if need := newest.pgid * newest.pageSize; uint64(len(data)) < need {
		return fmt.Errorf("%s is incomplete: %d of its %d bytes", filepath.Base(path), len(data), need)
	}
	return nil
}

// checkServable checks what a deploy could get wrong beyond damaged files:
// an index of another program or another version of hub (its mapping
// differs), and one whose documents cannot all be read.
func checkServable(ctx context.Context, ix *Index) error {
	stored, err := json.Marshal(ix.bi.Mapping())
	if err != nil {
		return err
	}
	want, err := json.Marshal(newMapping(ix.schema))
	if err != nil {
		return err
	}
	if !bytes.Equal(stored, want) {
		return errors.New("its mapping is not this hub's: it was built by another version of hub or by another program")
	}
	n, err := ix.bi.DocCount()
	if err != nil {
		return err
	}
	if n != uint64(len(ix.cols.ids)) {
		return fmt.Errorf("it counts %d documents but %d can be read", n, len(ix.cols.ids))
	}
	// Every page has a type: listing them all must find every one.
	res, err := ix.Search(ctx, search.Request{Types: ix.schema.Types, Size: 1})
	if err != nil {
		return fmt.Errorf("the probe query failed: %w", err)
	}
	if res.Total != n {
		return fmt.Errorf("the probe query found %d of its %d documents", res.Total, n)
	}
	if term := ix.vocab.commonest(); term != "" {
		if _, err := ix.Search(ctx, search.Request{Query: term, Size: 1}); err != nil {
			return fmt.Errorf("the probe query %q failed: %w", term, err)
		}
	}
	return nil
}

// commonest is the term on the most pages, for a probe query; "" when the
// index is empty.
func (v *vocabulary) commonest() string {
	best, docs := "", uint64(0)
	for t, e := range v.terms {
		if e.docs > docs || e.docs == docs && strings.Compare(t, best) < 0 {
			best, docs = t, e.docs
		}
	}
	return best
}

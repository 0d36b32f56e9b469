package bleveengine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/blevesearch/bleve/v2"

	"github.com/ideas-hub/hub/search"
)

// Live keeps an index in step with a site that changes, for the preview.
// An Index is opened read-only (its columns rely on that) and bleve's lock
// keeps a writer off a folder this process has open, so Live keeps two
// copies: an update writes only the changed and deleted documents into the
// copy searches are not reading, opens it and swaps it in, so no query ever
// sees a half-updated index. The copy swapped out catches up on the next
// update, with that update's changes and the ones it missed.
type Live struct {
	mu     sync.Mutex
	dirs   [2]string
	cur    int // the copy searches read
	holder *search.Holder
	schema search.Schema // of the last Reset
	lag    change        // what the other copy has not had yet
}

type change struct {
	upsert []search.Document
	remove []string
}

// NewLive keeps the index in dir (and its twin, dir + ".live") current in holder.
func NewLive(dir string, holder *search.Holder) *Live {
	dir = filepath.Clean(dir)
	return &Live{dirs: [2]string{dir, dir + ".live"}, holder: holder}
}

// Reset builds the index of docs from scratch with schema (the site's
// types and taxonomies may have changed), in both copies, and swaps it in.
func (l *Live) Reset(ctx context.Context, buildID string, schema search.Schema, docs []search.Document) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := Build(ctx, l.dirs[0], buildID, schema, docs); err != nil {
		return err
	}
	l.schema = schema
	// The twin starts as a copy: a file copy is far cheaper than a second build.
	if err := copyIndex(ctx, l.dirs[0], l.dirs[1]); err != nil {
		return err
	}
	if err := l.swap(0); err != nil {
		return err
	}
	l.lag = change{}
	return nil
}

// Update writes upsert and removes the documents with the URLs in remove,
// then swaps the updated copy in. The documents are of the schema of the
// last Reset. After an error the next Update or Reset
// starts from a consistent state: a failed update leaves searches on the
// copy they were reading, and the lag is kept.
func (l *Live) Update(ctx context.Context, buildID string, upsert []search.Document, remove []string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range upsert {
		if err := checkDocument(&upsert[i], l.schema); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	next := 1 - l.cur
	if err := writeChanges(ctx, l.dirs[next], buildID, l.lag, change{upsert, remove}); err != nil {
		return err
	}
	if err := l.swap(next); err != nil {
		return err
	}
	l.lag = change{upsert: upsert, remove: remove}
	return nil
}

func (l *Live) swap(i int) error {
	ix, err := Open(l.dirs[i])
	if err != nil {
		return err
	}
	if old := l.holder.Swap(ix); old != nil {
		old.Close()
	}
	l.cur = i
	return nil
}

// writeChanges applies the changes, in order, to the index in dir in one
// batch, with the new build id.
func writeChanges(ctx context.Context, dir, buildID string, changes ...change) (err error) {
	bi, err := bleve.Open(dir)
	if err != nil {
		return fmt.Errorf("search index %s: %w", dir, err)
	}
	defer func() { err = errors.Join(err, bi.Close()) }()
	schema, err := readSchema(bi)
	if err != nil {
		return fmt.Errorf("search index %s: %w", dir, err)
	}
	b := bi.NewBatch()
	dm := newDocMaker(schema)
	for _, c := range changes {
		for _, url := range c.remove {
			b.Delete(url)
		}
		for i := range c.upsert {
			if err := b.IndexAdvanced(dm.make(&c.upsert[i])); err != nil {
				return fmt.Errorf("search index: %s: %w", c.upsert[i].URL, err)
			}
		}
	}
	b.SetInternal([]byte(internalBuildID), []byte(buildID))
	if err := ctx.Err(); err != nil {
		return err
	}
	return batchPersisted(ctx, bi, b)
}

// copyIndex replaces dst with a copy of the index in src.
func copyIndex(ctx context.Context, src, dst string) error {
	if err := checkReplaceable(dst); err != nil {
		return err
	}
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

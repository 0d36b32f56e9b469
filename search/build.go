package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
)

// internalBuildID is the key under which the index records its build id.
const internalBuildID = "hub.build_id"

// builderBatchSize is how many documents the offline builder turns into one
// segment before merging. Measured with BenchmarkIndexBatch on 10,000 pages.
const builderBatchSize = 1000

// Build writes a complete new index of docs into dir. It builds into a fresh
// sibling folder and swaps it in only when complete, so a failure (or a
// cancelled ctx) leaves the old index in dir intact. buildID is recorded in
// the index; the endpoint derives its ETags from it.
func Build(ctx context.Context, dir, buildID string, docs []Document) error {
	ch := make(chan Document)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(ch)
		for _, d := range docs {
			select {
			case ch <- d:
			case <-ctx.Done():
				return
			}
		}
	}()
	return BuildStream(ctx, dir, buildID, ch)
}

// BuildStream is Build for documents that arrive while pages are still being
// rendered. It reads docs until the channel is closed, then swaps the new
// index in. It stops reading as soon as it fails or ctx is done, so the sender
// must select on ctx.Done() (errgroup.WithContext arranges that) and should
// close docs when it has sent everything.
func BuildStream(ctx context.Context, dir, buildID string, docs <-chan Document) error {
	dir = filepath.Clean(dir)
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	work, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".build-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	fresh := filepath.Join(work, "index")
	if err := writeIndexOnline(ctx, fresh, buildID, docs, 500, 2); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return swapIn(fresh, dir, work)
}

// writeIndex builds the index at path, keeping the builder's scratch files
// under scratch so that removing the work folder removes everything.
func writeIndex(ctx context.Context, path, scratch, buildID string, docs <-chan Document) (err error) {
	b, err := bleve.NewBuilder(path, newMapping(), map[string]any{
		"batchSize":       builderBatchSize,
		"buildPathPrefix": scratch,
	})
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	seen := make(map[string]bool)
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case d, ok := <-docs:
			if !ok {
				if err := b.Close(); err != nil {
					return fmt.Errorf("search index: %w", err)
				}
				return recordBuildID(path, buildID)
			}
			if err := d.validate(); err != nil {
				return fmt.Errorf("search index: %w", err)
			}
			if seen[d.URL] {
				return fmt.Errorf("search index: two documents with URL %s", d.URL)
			}
			seen[d.URL] = true
			if err := b.Index(d.URL, nil); err != nil {
				return fmt.Errorf("search index: %s: %w", d.URL, err)
			}
		}
	}
}

// recordBuildID stores the build id inside the index itself, so an index and
// the id its ETags come from can never disagree.
func recordBuildID(path, buildID string) error {
	ix, err := bleve.Open(path)
	if err != nil {
		return fmt.Errorf("search index: reopen: %w", err)
	}
	err = ix.SetInternal([]byte(internalBuildID), []byte(buildID))
	return errors.Join(err, ix.Close())
}

package bleveengine

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"golang.org/x/sync/errgroup"

	"github.com/ideas-hub/hub/search"
)

// tuning holds the indexing knobs BenchmarkIndex measures.
type tuning struct {
	batchSize int // documents per bleve batch (one segment each)
	workers   int // goroutines analysing documents and writing batches

	// stats, if set, is given bleve's statistics of the index just before
	// it is closed (BenchmarkIndex reports how much merging wrote).
	stats func(map[string]any)
	// beforeTidy, if set, is called with the index's folder when every
	// batch is on disk, just before tidyUp (a test breaks the disk there).
	beforeTidy func(path string)
	// written, if set, is called once the index is complete on disk, before
	// it waits to be swapped in (a test checks that wait).
	written func()
}

// defaultTuning is batches of 500 documents and one worker per core.
// BenchmarkIndex on 2 cores and 10,000 pages (HUB_BENCH_TUNE=1 and
// HUB_BENCH_BATCH/HUB_BENCH_WORKERS try others), medians of 3–4 fresh
// processes, with the most indexing held live on top of the documents:
//
//	batch   250    400    500    750    1000
//	docs/s  2,320  2,620  2,700  2,840  2,730
//	MB      58     65     75     98     118
//
// Each worker fills its own batch, then turns it into a segment: the
// batch's analysed pages (19 KB each) and zap's working memory for the
// segment both grow with the batch, while smaller batches make more
// segments to merge (the merger took 1.9 s of CPU at 250, 0.6 s at
// 1,000). One worker managed 1,500 docs/s. bleve's offline builder
// (bleve.NewBuilder) managed 900–1,200 pages/s with its own mapping, about
// 2,100 with documents analysed here, because it builds segments one at a
// time.
func defaultTuning() tuning {
	return tuning{batchSize: 500, workers: runtime.GOMAXPROCS(0)}
}

// writeIndex indexes docs into a new index at path and records buildID and
// the schema.
func writeIndex(ctx context.Context, path string, meta buildMeta, docs <-chan search.Document, tune tuning) (err error) {
	// unsafe_batch: a batch returns once it is searchable, not once it is on
	// disk; finish waits for everything to be persisted.
	ix, err := bleve.NewUsing(path, newMapping(meta.schema), scorch.Name, scorch.Name, map[string]any{
		"unsafe_batch":           true,
		"scorchMergePlanOptions": planConfig(buildMergePlan(tune.batchSize)),
	})
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	defer func() {
		if tune.stats != nil {
			tune.stats(ix.StatsMap())
		}
		err = errors.Join(err, ix.Close())
	}()

	seen := &urlSet{urls: make(map[string]bool)}
	g, gctx := errgroup.WithContext(ctx)
	for range max(1, tune.workers) {
		g.Go(func() error { return indexWorker(gctx, ix, meta.schema, docs, seen, tune.batchSize) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return finish(ctx, ix, meta, tune, path)
}

// buildMeta is what a build records beside the documents.
type buildMeta struct {
	id     string
	schema search.Schema
}

// indexWorker turns documents into batches until docs is closed.
func indexWorker(ctx context.Context, ix bleve.Index, s search.Schema, docs <-chan search.Document, seen *urlSet, batchSize int) error {
	dm := newDocMaker(s)
	b := ix.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		defer b.Reset()
		if err := ix.Batch(b); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		dm.release() // the batch is a segment now: its documents are done with
		return nil
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case d, ok := <-docs:
			if !ok {
				return flush()
			}
			if err := checkDocument(&d, s); err != nil {
				return fmt.Errorf("search index: %w", err)
			}
			if !seen.add(d.URL) {
				return fmt.Errorf("search index: two documents with URL %s", d.URL)
			}
			if err := b.IndexAdvanced(dm.make(&d)); err != nil {
				return fmt.Errorf("search index: %s: %w", d.URL, err)
			}
			if b.Size() >= batchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
}

// finish records the build id and the schema, merges the small segments
// the build leaves (tidyUp), and waits until the whole index is on disk, so
// that the folder is complete before it is swapped in. The first batch
// waits for the segments to be on disk, which the merge needs; the second
// for the merged segment to be recorded in the index's list of segments.
func finish(ctx context.Context, ix bleve.Index, meta buildMeta, tune tuning, path string) error {
	b := ix.NewBatch()
	b.SetInternal([]byte(internalBuildID), []byte(meta.id))
	if err := batchPersisted(ctx, ix, b); err != nil {
		return err
	}
	if tune.beforeTidy != nil {
		tune.beforeTidy(path)
	}
	if err := tidyUp(ctx, ix, tune.batchSize); err != nil {
		return err
	}
	b = ix.NewBatch()
	if err := setSchema(b, meta.schema); err != nil {
		return err
	}
	if err := batchPersisted(ctx, ix, b); err != nil {
		return err
	}
	awaitCleanup(ctx, ix, path)
	return nil
}

// awaitCleanup waits, for a second at most, until the segment files the
// merges replaced are gone from path. bleve deletes them after it has
// persisted the snapshot that no longer uses them, once its persister is
// idle again, which is after the persisted callback returns: closing the
// index at once could leave them in the folder (12 files where 2 were
// live, seen under load), and with them in every copy of the index.
func awaitCleanup(ctx context.Context, ix bleve.Index, path string) {
	deadline := time.Now().Add(time.Second)
	for ctx.Err() == nil && time.Now().Before(deadline) {
		live := statUint(ix.StatsMap(), "TotFileSegmentsAtRoot")
		if uint64(segmentFiles(path)) <= live {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// segmentFiles counts the segment files in the index at path.
func segmentFiles(path string) int {
	segs, _ := filepath.Glob(filepath.Join(path, "store", "*.zap"))
	return len(segs)
}

// batchPersisted applies b and waits until it is on disk. Indexes are made
// with unsafe batches (Build's speed), which bleve remembers: without the
// wait, closing the index may drop the batch.
func batchPersisted(ctx context.Context, ix bleve.Index, b *bleve.Batch) error {
	persisted := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { persisted <- err })
	if err := ix.Batch(b); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	select {
	case err := <-persisted:
		if err != nil {
			return fmt.Errorf("search index: persist: %w", err)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// urlSet catches two documents with one URL, which bleve would silently merge.
type urlSet struct {
	mu   sync.Mutex
	urls map[string]bool
}

func (s *urlSet) add(url string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.urls[url] {
		return false
	}
	s.urls[url] = true
	return true
}

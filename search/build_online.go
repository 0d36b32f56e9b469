package search

import (
	"context"
	"fmt"
	"runtime"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"golang.org/x/sync/errgroup"
)

func writeIndexOnline(ctx context.Context, path, buildID string, docs <-chan Document, batchSize, workers int) error {
	ix, err := bleve.NewUsing(path, newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	g, gctx := errgroup.WithContext(ctx)
	for range workers {
		g.Go(func() error {
			dm := newDocMaker()
			b := ix.NewBatch()
			flush := func() error {
				if b.Size() == 0 {
					return nil
				}
				err := ix.Batch(b)
				b.Reset()
				return err
			}
			for {
				select {
				case <-gctx.Done():
					return gctx.Err()
				case d, ok := <-docs:
					if !ok {
						return flush()
					}
					if err := b.IndexAdvanced(dm.make(&d)); err != nil {
						return err
					}
					if b.Size() >= batchSize {
						if err := flush(); err != nil {
							return err
						}
					}
				}
			}
		})
	}
	err = g.Wait()
	if err == nil {
		err = ix.SetInternal([]byte(internalBuildID), []byte(buildID))
	}
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	return err
}

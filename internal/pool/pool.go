// Package pool runs a build's many small jobs (a page to render, a file
// to parse) on one goroutine per core.
package pool

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(i) for every i in [0, n), on GOMAXPROCS goroutines that
// live for the whole call and take the next i as they finish one. A
// goroutine per job, as errgroup.Go gives, starts each job on a fresh 8 KB
// stack that a template or goldmark's parser grows again and again, copying
// it each time: 2% of a 10,000-page build's CPU. Here a stack grown by one
// job serves the next.
//
// Each returns the first error f returns, or ctx's once ctx is done; no new
// job starts after either. Without abandon it returns once the jobs running
// then have ended. With abandon it returns at once, leaving them to end in
// the background: some work cannot be interrupted (goldmark parses a whole
// file in one call, and a hostile file kept it busy for minutes), and a
// build told to stop must stop within a second. The caller must then not
// read what those jobs write.
func Each(ctx context.Context, n int, abandon bool, f func(i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := f(i); err != nil {
					cancel(err)
					return
				}
			}
		})
	}
	if abandon {
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		select {
		case <-done:
		case <-ctx.Done():
		}
	} else {
		wg.Wait()
	}
	return context.Cause(ctx)
}

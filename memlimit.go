package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// boundHeap caps the heap of a one-off build, from the start of loading to
// the end, unless GOMEMLIMIT sets a cap of its own; stop lifts the cap.
//
// With the default GOGC the heap may grow to twice what is live before the
// collector runs. What is live is mostly the site (about 10 KB a page,
// bodies packed), and rendering and indexing add a working set that grows
// more slowly: files in flight, index batches, segments being merged. So
// the cap is the live heap and a half plus workingSet, followed as the
// live heap changes: a watcher reads what the last collection found live
// every 50 ms. Below 384 MB live the cap is above twice the live heap and
// GOGC alone decides; above it the collector runs sooner rather than let
// garbage double a heap of a gigabyte.
//
// The cap only rises. The runtime counts all the memory it holds against
// it, and once a big site's bodies are written and let go, the spans they
// leave half empty stay held: a cap that fell with the live heap left the
// collector no room and it ran without pause (30% of a 100,000-page
// build's CPU; at a quarter above the live heap, 40%).
func boundHeap() (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(-1) // -1 reads it
	limit := int64(-1)
	follow := func() {
		live := liveHeap()
		if want := live + live/2 + workingSet; want > limit {
			limit = want
			debug.SetMemoryLimit(limit)
		}
	}
	follow()
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				follow()
			}
		}
	}()
	return func() {
		close(done)
		debug.SetMemoryLimit(prev)
	}
}

// workingSet is what loading, rendering and indexing hold beyond the site.
const workingSet = 192 << 20

// liveHeap is the heap the last collection found live, or 0 before the
// first.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

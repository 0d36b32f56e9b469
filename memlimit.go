package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// boundHeap caps the heap of the rest of a one-off build, once the site is
// loaded, unless GOMEMLIMIT sets a cap of its own; stop lifts the cap.
//
// With the default GOGC the heap may grow to twice what is live before the
// collector runs. After loading, what is live is mostly the site (about
// 10 KB a page, bodies packed); rendering and indexing add a working set
// that grows more slowly: files in flight, index batches, segments being
// merged. So the cap starts at the site and a half plus workingSet, and
// the collector runs sooner rather than let garbage double the heap. The
// cap counts all the runtime holds, not only live objects, so a cap near
// the live heap makes the collector run without pause (at a quarter above
// it, a 100,000-page build spent 40% of its time collecting): a watcher
// lifts it to twice the live heap, what GOGC would allow, when that is more.
func boundHeap() (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	runtime.GC()
	live := liveHeap()
	if live == 0 {
		return func() {}
	}
	prev := debug.SetMemoryLimit(-1) // -1 reads it
	floor := live + live/2 + workingSet
	limit := floor
	debug.SetMemoryLimit(limit)
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if want := max(floor, 2*liveHeap()); want != limit {
					limit = want
					debug.SetMemoryLimit(limit)
				}
			}
		}
	}()
	return func() {
		close(done)
		debug.SetMemoryLimit(prev)
	}
}

// workingSet is what rendering and indexing hold beyond the site.
const workingSet = 192 << 20

// liveHeap is the heap the last collection found live, or 0 if unknown.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

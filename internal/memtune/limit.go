package memtune

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// boundHeap caps the heap of a one-off build, from the start of loading to
// the end, unless GOMEMLIMIT sets a cap of its own, and keeps the heap's
// reach (keepReach); stop lifts the cap and puts GOGC back.
//
// With the default GOGC the heap may grow to twice what is live before the
// collector runs. What is live is mostly the site (about 10 KB a page,
// bodies packed), and rendering and indexing add a working set that grows
// more slowly: files in flight, index batches, segments being merged. So
// the cap is the live heap and three quarters plus workingSet, followed as
// the live heap changes: a watcher reads what the last collection found
// live every 50 ms. Below 768 MB live the cap is above twice the live heap
// and GOGC alone decides; above it the collector runs sooner rather than
// let garbage double a heap of a gigabyte. (At 100,000 pages, 800-830 MB
// live: with the live heap and a half, 87 collections and 36.9 s of
// collector CPU, 139 s for the build, peak 1,516 MB; with three quarters,
// 71, 26.3 s, 125 s, 1,799 MB.)
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
	keep, restore := keepReach()
	follow := func() {
		live := liveHeap()
		if want := live + live*3/4 + workingSet; want > limit {
			limit = want
			debug.SetMemoryLimit(limit)
		}
		keep(live)
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
		restore()
	}
}

// keepReach returns keep, which, told the live heap, lets the heap grow
// most of the way back to the size it has already reached before the next
// collection, and restore, which puts GOGC back. Unless GOGC is set, that is.
//
// A build's heap is at its largest while pages are loaded and indexed: at
// 10,000 pages the collector's goal reaches 300-330 MB, twice 150-170 MB
// live. Once the index is written and the load's working memory let go,
// 50-90 MB stay live, and GOGC alone would collect every 60-80 MB of
// garbage while templates and the minifier, which allocate most, run: a
// dozen collections of 50-100 ms of CPU each, and between them the
// scavenger hands back the memory the load used, to be faulted in again.
// Raising GOGC so that the goal stays near where it was takes little memory
// the build had not already taken. Measured with GODEBUG=gctrace=1, two
// builds each: 36 collections and 1.81-2.10 s of collector CPU before,
// 27-28 and 1.34-1.47 s after; peaks 394-413 MB against 396-414.
func keepReach() (keep func(live int64), restore func()) {
	if os.Getenv("GOGC") != "" {
		return func(int64) {}, func() {}
	}
	prev := gcPercent()
	percent, reach := prev, int64(0)
	keep = func(live int64) {
		if live == 0 || prev <= 0 {
			return
		}
		// Three quarters of the way to the goal GOGC set for the most
		// that was live: the whole way took the peak from 403-414 MB to
		// 417-443 at 10,000 pages, near the 450 MB the build must stay
		// under. Not the runtime's goal itself: a block mapped and let go
		// unused before the build (the huge-page block hub once had) made
		// the first one 400 MB.
		reach = max(reach, live+live*int64(prev)/100*3/4)
		want := max(prev, int(100*(reach-live)/live))
		if d := want - percent; d > percent/10 || -d > percent/10 {
			percent = want
			debug.SetGCPercent(percent)
		}
	}
	return keep, func() { debug.SetGCPercent(prev) }
}

// gcPercent reads GOGC's current value, which only setting it returns.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
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

package memtune

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestBoundHeapFollowsTheLiveHeapAndLiftsTheCap(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetMemoryLimit(-1)
	stop := boundHeap()
	capFor := func(what string) int64 {
		runtime.GC()
		live := liveHeap()
		deadline := time.Now().Add(5 * time.Second)
		for {
			// -1 reads the limit. The watcher reads the live heap at a
			// moment of its own, and the cap follows the most it has
			// seen, so allow a few MB below and some above.
			limit := debug.SetMemoryLimit(-1)
			if d := limit - (live + live*3/4 + workingSet); -4<<20 <= d && d <= 32<<20 {
				return limit
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: cap %d MB with %d MB live, want the live heap and three quarters plus %d MB", what, limit>>20, live>>20, workingSet>>20)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	small := capFor("at first")
	hold := make([]byte, 256<<20) // the live heap grows by 256 MB
	hold[0] = 1
	if grown := capFor("after growing"); grown < small+(256<<20) {
		t.Errorf("the cap went from %d to %d MB as 256 MB more became live", small>>20, grown>>20)
	}
	runtime.KeepAlive(hold)
	hold = nil
	runtime.GC()
	time.Sleep(200 * time.Millisecond)
	if after := debug.SetMemoryLimit(-1); after < small+(256<<20) {
		t.Errorf("the cap fell to %d MB as 256 MB were let go: it should only rise", after>>20)
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("cap %d after stop, want %d as before", got, before)
	}

	t.Setenv("GOMEMLIMIT", "1GiB")
	before = debug.SetMemoryLimit(-1)
	boundHeap()()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("GOMEMLIMIT set, yet the cap moved from %d to %d", before, got)
	}
}

func TestKeepReachRaisesGOGCOnlyOnceTheLiveHeapFalls(t *testing.T) {
	t.Setenv("GOGC", "")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	keep, restore := keepReach()
	const mb = 1 << 20
	keep(100 * mb) // reach: 175 MB, which GOGC=100 passes anyway
	if got := gcPercent(); got != 100 {
		t.Fatalf("GOGC %d with 100 MB live, want 100 as before", got)
	}
	keep(25 * mb) // 150 MB more before the next collection
	if got := gcPercent(); got != 600 {
		t.Errorf("GOGC %d with 25 MB live after 100, want 600", got)
	}
	keep(24 * mb) // within a tenth: left alone
	if got := gcPercent(); got != 600 {
		t.Errorf("GOGC %d after a small change, want 600 still", got)
	}
	keep(200 * mb) // grown past the reach: GOGC alone again
	if got := gcPercent(); got != 100 {
		t.Errorf("GOGC %d with 200 MB live, want 100", got)
	}
	keep(50 * mb) // reach now 350 MB
	if got := gcPercent(); got != 600 {
		t.Errorf("GOGC %d with 50 MB live after 200, want 600", got)
	}
	restore()
	if got := gcPercent(); got != 100 {
		t.Errorf("GOGC %d after stop, want 100 back", got)
	}

	t.Setenv("GOGC", "50")
	debug.SetGCPercent(50)
	keep, restore = keepReach()
	keep(100 * mb)
	keep(10 * mb)
	if got := gcPercent(); got != 50 {
		t.Errorf("GOGC set to 50, yet the build changed it to %d", got)
	}
	restore()
}

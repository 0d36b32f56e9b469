package main

import (
	"runtime/debug"
	"testing"
)

func TestBoundHeapCapsAboveTheLiveHeapAndLiftsTheCap(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	hold := make([]byte, 64<<20) // a live heap of at least 64 MB
	before := debug.SetMemoryLimit(-1)
	stop := boundHeap()
	limit := debug.SetMemoryLimit(-1) // -1 reads the limit
	live := liveHeap()
	if limit < live+live/2 || limit > 4*live+workingSet {
		t.Errorf("cap %d MB with %d MB live", limit>>20, live>>20)
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("cap %d after stop, want %d as before", got, before)
	}
	hold[0] = 1

	t.Setenv("GOMEMLIMIT", "1GiB")
	before = debug.SetMemoryLimit(-1)
	boundHeap()()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("GOMEMLIMIT set, yet the cap moved from %d to %d", before, got)
	}
}

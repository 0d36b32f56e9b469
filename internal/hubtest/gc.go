package hubtest

import (
	"os"
	"runtime/debug"
)

// TestGCPercent is the collector's goal in a package's tests, as GOGC: the
// heap may grow to five times what is live before it collects, where
// Go's default is twice.
//
// Tests build hundreds of small sites, whose live heap is a few megabytes
// and whose garbage (parsed templates, rendered pages) is most of what
// they allocate: at the default, collecting took a fifth of the
// generator's tests' CPU (TestIncrementalEqualsFull: 22.8 s of CPU at
// GOGC=100, 17.0 s at 400). hub's own builds tune the collector the same
// way (internal/memtune); the tests of that tuning set GOGC themselves.
const TestGCPercent = 400

// TestMemoryLimit bounds the heap a tuned test process keeps before the
// collector runs harder: far above any package's tests' peak (the
// generator's reached 560 MB at TestGCPercent), so that it only matters
// where a goal of five times the live heap would go too far: under the
// race detector (CI's run), whose shadow memory is several times the
// heap, or in a test of a large site.
const TestMemoryLimit = 1 << 30

// tuneGC sets TestGCPercent and TestMemoryLimit for the test process,
// unless GOGC or GOMEMLIMIT in the environment set them.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(TestGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(TestMemoryLimit)
	}
}

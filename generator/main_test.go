package generator

import (
	"os"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// TestMain lets the heap grow further between collections than Go's
// default (hubtest.TuneGC) and keeps the temporary folders in memory
// (hubtest.MemTempDir): the tests build hundreds of small sites, and
// collecting their garbage took a fifth of the package's CPU, making and
// removing their folders on disk a tenth.
func TestMain(m *testing.M) {
	hubtest.TuneGC()
	remove := hubtest.MemTempDir()
	code := m.Run()
	remove()
	os.Exit(code)
}

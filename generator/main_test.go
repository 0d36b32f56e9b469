package generator

import (
	"os"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// TestMain lets the heap grow further between collections than Go's
// default and keeps the temporary folders in memory (hubtest.ForTests),
// but for benchmarks: the tests build hundreds of small sites, and
// collecting their garbage took a fifth of the package's CPU, making and
// removing their folders on disk a tenth.
func TestMain(m *testing.M) {
	undo := hubtest.ForTests()
	code := m.Run()
	undo()
	os.Exit(code)
}

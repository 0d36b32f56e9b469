package generator

import (
	"os"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// TestMain lets the heap grow further between collections than Go's
// default (hubtest.TuneGC): the tests build hundreds of small sites, and
// collecting their garbage took a fifth of the package's CPU.
func TestMain(m *testing.M) {
	hubtest.TuneGC()
	os.Exit(m.Run())
}

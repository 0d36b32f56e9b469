package hubtest

import "flag"

// ForTests tunes a package's test process for hundreds of small builds:
// its collector (tuneGC) and its temporary folders (memTempDir). It does
// nothing when benchmarks are asked for (-test.bench): they measure builds
// as hub runs them, with Go's collector and the system's temporary folder.
// Call it first in TestMain (it parses the flags), and the function it
// returns after m.Run.
func ForTests() (undo func()) {
	if !flag.Parsed() {
		flag.Parse()
	}
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		return func() {}
	}
	tuneGC()
	return memTempDir()
}

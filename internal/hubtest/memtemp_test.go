package hubtest

import (
	"flag"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestMemTempDirMovesTMPDIRAndRemovesIt(t *testing.T) {
	if !usableMount("/dev/shm") {
		t.Skip("no /dev/shm that lets programs run: memTempDir leaves TMPDIR alone")
	}
	t.Setenv("TMPDIR", "/somewhere/set")
	memTempDir()()
	if got := os.Getenv("TMPDIR"); got != "/somewhere/set" {
		t.Fatalf("memTempDir changed a TMPDIR that was set: %q", got)
	}

	t.Setenv("TMPDIR", "")
	remove := memTempDir()
	dir := os.Getenv("TMPDIR")
	if !strings.HasPrefix(dir, "/dev/shm/hubtest-tmp-") || os.TempDir() != dir {
		t.Fatalf("TMPDIR %q, os.TempDir %q: want a fresh folder in /dev/shm", dir, os.TempDir())
	}
	made, err := os.MkdirTemp("", "x-")
	if err != nil || filepath.Dir(made) != dir {
		t.Fatalf("os.MkdirTemp made %q (%v), not in %s", made, err, dir)
	}
	remove()
	if _, err := os.Stat(dir); !os.IsNotExist(err) || os.Getenv("TMPDIR") != "" {
		t.Errorf("after remove: the folder %v, TMPDIR %q", err, os.Getenv("TMPDIR"))
	}
}

// ForTests tunes the process for tests, and leaves it as it is for
// benchmarks, whose figures are of builds as hub runs them.
func TestForTestsTunesTestsButNotBenchmarks(t *testing.T) {
	if !usableMount("/dev/shm") || os.Getenv("GOGC") != "" {
		t.Skip("no /dev/shm that lets programs run, or GOGC set: ForTests leaves both alone")
	}
	percent := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	before := percent()
	defer debug.SetGCPercent(before)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	bench := flag.Lookup("test.bench")
	was := bench.Value.String()
	defer bench.Value.Set(was)
	t.Setenv("TMPDIR", "")

	debug.SetGCPercent(100)
	bench.Value.Set(".")
	ForTests()()
	if percent() != 100 || os.Getenv("TMPDIR") != "" {
		t.Errorf("with -test.bench: GOGC %d, TMPDIR %q; want both left alone", percent(), os.Getenv("TMPDIR"))
	}

	bench.Value.Set("")
	undo := ForTests()
	if percent() != TestGCPercent || !strings.HasPrefix(os.Getenv("TMPDIR"), "/dev/shm/") {
		t.Errorf("for tests: GOGC %d, TMPDIR %q; want %d and a folder in /dev/shm", percent(), os.Getenv("TMPDIR"), TestGCPercent)
	}
	undo()
}

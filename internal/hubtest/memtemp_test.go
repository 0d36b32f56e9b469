package hubtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMemTempDirMovesTMPDIRAndRemovesIt(t *testing.T) {
	if !execMount("/dev/shm") {
		t.Skip("no /dev/shm that lets programs run: MemTempDir leaves TMPDIR alone")
	}
	t.Setenv("TMPDIR", "/somewhere/set")
	MemTempDir()()
	if got := os.Getenv("TMPDIR"); got != "/somewhere/set" {
		t.Fatalf("MemTempDir changed a TMPDIR that was set: %q", got)
	}

	t.Setenv("TMPDIR", "")
	remove := MemTempDir()
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

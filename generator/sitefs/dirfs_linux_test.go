package sitefs

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDirFSReadsWhatOSDirFSReads(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string][]byte{
		"hub.toml":                []byte("title = \"x\"\n"),
		"content/empty.md":        {},
		"content/stories/a.md":    []byte("---\ntitle: A\n---\nBody.\n"),
		"content/stories/long.md": bytes.Repeat([]byte("Many words. "), 6_000),
	}
	for name, data := range files {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := DirFS(dir)
	if _, ok := fsys.(Dir); !ok {
		t.Fatalf("DirFS is %T, not the fast reader", fsys)
	}
	if err := fstest.TestFS(fsys, "hub.toml", "content/empty.md", "content/stories/a.md", "content/stories/long.md"); err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := fs.ReadFile(fsys, name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, %v; want %d bytes", name, len(got), err, len(want))
		}
	}
	if _, err := fs.ReadFile(fsys, "content/missing.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := fs.ReadFile(fsys, "content"); err == nil {
		t.Error("reading a folder gave no error")
	}
	if _, err := fs.ReadFile(fsys, "../etc/passwd"); err == nil || !strings.Contains(err.Error(), "invalid") {
		t.Errorf("a path outside the folder: %v", err)
	}
}

// A file longer than fstat said (one that grew, or a /proc file, which
// says 0) is read to its end.
func TestReadFileReadsPastTheSizeItWasTold(t *testing.T) {
	t.Parallel()
	got, err := readFile("/proc/self/status")
	if err != nil || !bytes.Contains(got, []byte("Name:")) || !bytes.Contains(got, []byte("voluntary_ctxt_switches")) {
		t.Errorf("/proc/self/status: %q, %v", got, err)
	}
}

// BenchmarkReadFile reads 1,000 files of 6 KB, as a build reads content.
func BenchmarkReadFile(b *testing.B) {
	dir := b.TempDir()
	for i := range 1000 {
		if err := os.WriteFile(filepath.Join(dir, strconv.Itoa(i)), bytes.Repeat([]byte("words "), 1000), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, fsys := range []fs.FS{os.DirFS(dir), DirFS(dir)} {
		b.Run(fmt.Sprintf("%T", fsys), func(b *testing.B) {
			for b.Loop() {
				for i := range 1000 {
					if _, err := fs.ReadFile(fsys, strconv.Itoa(i)); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

package imageproc

import (
	"bytes"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// packBytes returns n bytes that differ from those of any other i.
func packBytes(i, n int) []byte {
	r := rand.New(rand.NewPCG(uint64(i), uint64(n)))
	b := make([]byte, n)
	for j := range b {
		b[j] = byte(r.Uint32())
	}
	return b
}

// directPackWriter starts a pack in a new folder, written around the page
// cache, or skips the test where the file system cannot.
func directPackWriter(t *testing.T) (string, *packWriter) {
	t.Helper()
	dir := t.TempDir()
	w, err := newPackWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	if w.direct == nil {
		w.abort()
		t.Skip("this file system takes no O_DIRECT")
	}
	return dir, w
}

// A pack written around the page cache holds every card as written, reads
// back a card still in its buffer, and leaves the page cache without it.
func TestPackWrittenDirectly(t *testing.T) {
	dir, w := directPackWriter(t)
	var want [][]byte
	for i := range 300 {
		data := packBytes(i, 1+i*37%20000) // 3 MB in all: three buffers and a part
		if err := w.add(strconv.Itoa(i), data); err != nil {
			t.Fatal(err)
		}
		want = append(want, data)
		if i%50 == 7 { // read back the card just added, and one before it
			for _, k := range []int{i, i / 2} {
				e, _ := w.lookup(strconv.Itoa(k))
				if err := w.readable(e.off + e.n); err != nil {
					t.Fatal(err)
				}
				got := make([]byte, e.n)
				if _, err := w.f.ReadAt(got, e.off); err != nil || !bytes.Equal(got, want[k]) {
					t.Fatalf("card %d read back before publish: %v, same bytes %v", k, err, bytes.Equal(got, want[k]))
				}
			}
		}
	}
	p, err := w.publish(dir)
	if err != nil {
		t.Fatal(err)
	}
	path := packPath(dir, p.id)
	st, err := os.Stat(path)
	if err != nil || st.Size() != p.size {
		t.Fatalf("pack is %v bytes (%v), its cards %d", st.Size(), err, p.size)
	}
	if cached, pages := residentPages(t, path); cached > pages/4 {
		t.Errorf("%d of the pack's %d pages are in the page cache", cached, pages)
	}
	checkPack(t, path, p, want)
}

// A write that fails on a file opened for O_DIRECT sends the buffer and
// the rest of the pack through the page cache.
func TestPackFallsBackFromDirect(t *testing.T) {
	dir, w := directPackWriter(t)
	var want [][]byte
	for i := range 200 {
		if i == 20 {
			// Every later direct write fails: the descriptor is gone.
			if err := unix.Close(w.direct.fd); err != nil {
				t.Fatal(err)
			}
			w.direct.fd = -1
		}
		data := packBytes(i, 5000+i*97%15000)
		if err := w.add(strconv.Itoa(i), data); err != nil {
			t.Fatal(err)
		}
		want = append(want, data)
	}
	if w.direct != nil {
		t.Fatal("still writing directly after a failed write")
	}
	p, err := w.publish(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkPack(t, packPath(dir, p.id), p, want)
}

func checkPack(t *testing.T, path string, p *cardPack, want [][]byte) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if len(p.entries) != len(want) {
		t.Fatalf("%d entries, want %d", len(p.entries), len(want))
	}
	for i, e := range p.entries {
		got := make([]byte, e.n)
		if _, err := f.ReadAt(got, e.off); err != nil || !bytes.Equal(got, want[i]) {
			t.Fatalf("card %d: %v, same bytes %v", i, err, bytes.Equal(got, want[i]))
		}
	}
}

// residentPages is how many of path's pages are in the page cache.
func residentPages(t *testing.T, path string) (cached, pages int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	m, err := unix.Mmap(int(f.Fd()), 0, int(st.Size()), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Munmap(m)
	vec := make([]byte, (len(m)+os.Getpagesize()-1)/os.Getpagesize())
	// x/sys/unix has no Mincore for Linux.
	if _, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&m[0])), uintptr(len(m)), uintptr(unsafe.Pointer(&vec[0]))); errno != 0 {
		t.Fatal(errno)
	}
	for _, v := range vec {
		cached += int(v & 1)
	}
	return cached, len(vec)
}

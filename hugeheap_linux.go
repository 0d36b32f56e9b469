package main

import (
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"unsafe"

	"github.com/ideas-hub/hub/generator"
	"golang.org/x/sys/unix"
)

// hugePage is the size of a transparent huge page on amd64 and arm64.
const hugePage = 2 << 20

// hugeHeap asks Linux to back the heap a build of site is about to use
// with 2 MB pages, as the JVM's -XX:+UseTransparentHugePages does. Where
// transparent huge pages are "madvise" only (Debian's default, and this
// machine's), Go's heap gets 4 KB pages, and the first touch of each costs
// a page fault: on this 2-core VM 17 µs a fault, against 0.25 µs for each
// 4 KB of a 2 MB page (measured by touching 512 MB of fresh memory). A
// 10,000-page build touched 300–400 MB in 75,000 to 97,000 faults, about
// 1.3 s of CPU; with the advice, 6,000 to 8,000.
//
// The runtime maps the heap as it grows, in new mappings that would not
// carry the advice, so hugeHeap makes it map a block at once, sized from
// the number of content files: it allocates the block (fresh memory is
// neither zeroed nor touched), advises it, and lets it go. FreeOSMemory
// frees it and hands it back, and the advice stays with the mapping. The
// allocator then builds the heap from the lowest free addresses: this
// block, as nothing else of size was mapped before. The block is address
// space only, at most a quarter of the machine's memory, and none is taken
// where the kernel counts every mapping against a strict commit limit. A
// process tries once, before its first build.
//
// Nor is any taken for a heap above 1 GB. There boundHeap's cap binds, and
// the runtime hands memory back to the kernel in pieces while it builds;
// touching a piece again brings back a whole 2 MB page. At 100,000 pages a
// 2 GB block raised the peak from 1,792 to 2,095 MB, past the 2 GB the
// build must stay within, and saved no time (153.6 s against 146.4 s).
//
// A build that writes a search index takes at least indexHeap.
func hugeHeap(site fs.FS, index bool) {
	hugeOnce.Do(func() {
		// The collector stays off until the block is freed. Had it run
		// during the count, it would have freed the pages the count used,
		// and the block would start in them: memory used before must be
		// zeroed, and the runtime would zero the whole block, touching
		// every 4 KB page of it before the advice (3 of 30 runs took
		// 100,000 faults so).
		defer debug.SetGCPercent(debug.SetGCPercent(-1))
		files, _ := generator.ContentFiles(site) // the build reports errors
		if n := hugeHeapSize(len(files), index, hugeHeapMax()); n > 0 {
			adviseHugePages(n)
		}
	})
}

// hugeHeapSize is the block for a build of files content files, or 0 when
// it is too small to pay, too big to bound, or more than the machine
// allows (most).
func hugeHeapSize(files int, index bool, most int) int {
	n := files * heapPerFile
	if n < minHugeHeap || n > maxHugeHeap {
		return 0
	}
	if index {
		n = max(n, indexHeap)
	}
	if n > most {
		return 0
	}
	return n
}

var hugeOnce sync.Once

const (
	// heapPerFile is the most a build holds a content file: 40 KB at
	// 10,000 pages (peak 400 MB), 18 KB at 100,000.
	heapPerFile = 40 << 10
	// minHugeHeap: below 400 files, no block; maxHugeHeap: nor above 26,000.
	minHugeHeap = 16 << 20
	maxHugeHeap = 1 << 30
	// indexHeap is the least a build with the index holds at its peak: at
	// 1,000 pages 110-128 MB, against 55 MB without, so that a block of 40
	// KB a file left a build with the index 12,500-18,400 page faults
	// against 4,300-4,600. From 3,200 files the files' share is larger.
	indexHeap = 128 << 20
)

// hugeHeapMax is the largest block the machine allows: a quarter of its
// memory, or 0 under strict overcommit.
func hugeHeapMax() int {
	if b, err := os.ReadFile("/proc/sys/vm/overcommit_memory"); err != nil || strings.TrimSpace(string(b)) == "2" {
		return 0
	}
	var si unix.Sysinfo_t
	if unix.Sysinfo(&si) != nil {
		return 0
	}
	return int(uint64(si.Totalram) * uint64(si.Unit) / 4)
}

// adviseHugePages maps n bytes of heap, advises them, and frees them. It
// reports the advised range, empty when there was none.
func adviseHugePages(n int) (from, to uintptr) {
	if n < 2*hugePage {
		return 0, 0
	}
	b := make([]byte, n)
	base := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	from = (base + hugePage - 1) &^ (hugePage - 1)
	to = (base + uintptr(n)) &^ (hugePage - 1)
	if unix.Madvise(b[from-base:to-base], unix.MADV_HUGEPAGE) != nil {
		from, to = 0, 0 // a kernel without transparent huge pages
	}
	b = nil
	debug.FreeOSMemory()
	return from, to
}

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unsafe"
)

// TestHugeHeapBacksTheHeapWithHugePages runs a fresh process that fills
// 32 MB of heap with small objects, the way a build does, with and without
// hugeHeap's advice first, and reads from /proc/self/smaps how much of the
// memory holding them is in 2 MB pages.
func TestHugeHeapBacksTheHeapWithHugePages(t *testing.T) {
	if os.Getenv("HUB_HUGEHEAP_CHILD") != "" {
		hugeHeapChild()
		return
	}
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || strings.Contains(string(mode), "[never]") {
		t.Skipf("transparent huge pages are off here (%q, %v)", mode, err)
	}
	run := func(advise string) (hugeMB, outside int) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHugeHeapBacksTheHeapWithHugePages$")
		cmd.Env = append(os.Environ(), "HUB_HUGEHEAP_CHILD="+advise, "GOGC=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("child: %v\n%s", err, out)
		}
		if _, err := fmt.Sscanf(string(out), "huge %d outside %d", &hugeMB, &outside); err != nil {
			t.Fatalf("child said %q: %v", out, err)
		}
		return hugeMB, outside
	}
	huge, outside := run("advise")
	t.Logf("advised: %d MB in huge pages, %d of 32,768 objects outside the block", huge, outside)
	if huge < 16 {
		t.Errorf("after hugeHeap, %d MB of the 32 MB heap was in huge pages, want most", huge)
	}
	if outside > 8192 {
		t.Errorf("%d of 32,768 objects outside the advised block, want most inside: the heap grew elsewhere", outside)
	}
	if strings.Contains(string(mode), "[madvise]") {
		// Without the advice the heap gets none: the check above can fail.
		plain, _ := run("plain")
		t.Logf("plain: %d MB in huge pages", plain)
		if plain >= 16 {
			t.Errorf("without the advice %d MB of the heap was in huge pages", plain)
		}
	}
}

func hugeHeapChild() {
	var from, to uintptr
	if os.Getenv("HUB_HUGEHEAP_CHILD") == "advise" {
		from, to = adviseHugePages(256 << 20)
	}
	keep := make([][]byte, 32<<10)
	outside := 0
	for i := range keep {
		keep[i] = make([]byte, 1<<10)
		keep[i][0] = 1
		if p := uintptr(unsafe.Pointer(&keep[i][0])); p < from || p >= to {
			outside++
		}
	}
	fmt.Printf("huge %d outside %d\n", hugeKB(keep)>>10, outside)
	os.Exit(0)
}

// hugeKB sums AnonHugePages over the mappings that hold any of objs.
func hugeKB(objs [][]byte) int {
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		panic(err)
	}
	total, holds := 0, false
	sc := bufio.NewScanner(bytes.NewReader(smaps))
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			holds = false
			for _, b := range objs {
				if p := uintptr(unsafe.Pointer(&b[0])); lo <= p && p < hi {
					holds = true
					break
				}
			}
			continue
		}
		var kb int
		if n, _ := fmt.Sscanf(line, "AnonHugePages: %d kB", &kb); n == 1 && holds {
			total += kb
		}
	}
	return total
}

// The block follows the site, with a floor for the index, which takes
// about 90 MB of heap however small the site.
func TestHugeHeapSize(t *testing.T) {
	const plenty = 8 << 30
	for _, c := range []struct {
		files int
		index bool
		most  int
		want  int
	}{
		{100, true, plenty, 0},                     // too small to pay
		{1000, false, plenty, 1000 * heapPerFile},  // 40 MB
		{1000, true, plenty, indexHeap},            // the index's floor
		{10000, true, plenty, 10000 * heapPerFile}, // the files' share is larger
		{100000, true, plenty, 0},                  // too big: the heap cap binds there
		{1000, true, indexHeap - 1, 0},             // more than the machine allows
	} {
		if got := hugeHeapSize(c.files, c.index, c.most); got != c.want {
			t.Errorf("hugeHeapSize(%d files, index %v, most %d MB) = %d MB, want %d MB", c.files, c.index, c.most>>20, got>>20, c.want>>20)
		}
	}
}

//go:build !linux

package main

import "io/fs"

// hugeHeap advises huge pages for the heap on Linux only.
func hugeHeap(fs.FS, bool) {}

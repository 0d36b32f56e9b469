// Package memtune is the heap policy of a one-off build (`hub build`, and
// the one build of `hub serve --watch=false`): how much garbage Go's
// collector lets pile up, and when. It is process-wide, so only the
// command that owns the process calls it, once a build, through ForBuild.
// The preview leaves the runtime's defaults alone: its rebuilds are small.
//
// Everything here is measured, not assumed; the figures are beside each
// part and in bench/NOTES.md. HUB_MEMTUNE=off leaves the runtime as Go
// sets it (GOGC and GOMEMLIMIT are obeyed either way), for a machine where
// the policy does not suit or to measure what it is worth.
//
// What is not here: hub once mapped a block of heap sized from the number
// of content files (a second walk of content/) and advised the kernel to
// back it with 2 MB pages, which took a 10,000-page build's page faults
// from about 85,000 to 13,000. In 11 interleaved pairs of that build with
// and without it (README, "Memory tuning") it saved about 4% of the CPU
// and no wall time that stood out from the noise (median of the pairs'
// ratios 1.05, medians 42.0 s against 46.0 s on a shared, loaded machine),
// for 10 MB more peak, far from the tenth of the wall time it had to save
// to be worth its unsafe code; it went.
package memtune

import (
	"os"
	"strings"
)

// Switch is the environment variable that turns the policy off.
const Switch = "HUB_MEMTUNE"

// ForBuild applies the heap policy for a build about to start: a cap on
// the heap that follows what is live, and a collector that lets the heap
// grow back to the size it has reached (see boundHeap). undo puts the
// runtime's settings back; call it when the build is done.
func ForBuild() (undo func()) {
	if off(os.Getenv(Switch)) {
		return func() {}
	}
	return boundHeap()
}

// off reports whether the switch's value turns the policy off.
func off(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "off", "0", "false", "no":
		return true
	}
	return false
}

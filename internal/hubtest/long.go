package hubtest

import (
	"os"
	"testing"
)

// LongEnv names the environment variable that asks for the long runs:
// HUB_TEST_LONG=1 go test ./... (CI sets it; see .ci/run).
const LongEnv = "HUB_TEST_LONG"

// Long reports whether the long runs are asked for: tests that build hubs
// of thousands of pages, put a server under load, or walk every case of a
// matrix that go test ./... samples. They prove nothing the quick run does
// not check at all; they check it at scale or in every combination, and
// take minutes where the whole quick run takes under one. -short wins.
func Long() bool {
	return os.Getenv(LongEnv) != "" && !testing.Short()
}

// SkipUnlessLong skips t unless the long runs are asked for; what says
// what the test does that takes so long.
func SkipUnlessLong(t testing.TB, what string) {
	t.Helper()
	if !Long() {
		t.Skipf("%s: a long run (%s=1 go test, as CI runs it)", what, LongEnv)
	}
}

// Cases is how many cases of a property test to run: all of them in the
// long runs, some in the quick run, few under -short. A long run under the
// race detector (CI's) takes half of them, never fewer than the quick run:
// the detector makes each case 5 to 10 times as slow, and what it looks
// for, goroutines sharing memory, every case exercises alike, while the
// long run without it (HUB_TEST_LONG=1 go test ./...) still takes all.
func Cases(short, quick, long int) int {
	switch {
	case testing.Short():
		return short
	case Long() && raceDetector:
		return max(quick, long/2)
	case Long():
		return long
	}
	return quick
}

// RaceDetector reports whether the race detector is built in: tests that
// count allocations skip under it, since it makes sync.Pool drop what it
// is given at random.
func RaceDetector() bool { return raceDetector }

//go:build race

package hubtest

// raceDetector is whether the race detector is built in; see Cases.
const raceDetector = true

package preview

import (
	"testing"
	"time"
)

func TestIndexWaitsForAPauseButNotForEver(t *testing.T) {
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		since time.Duration // from the oldest unapplied change to now
		want  time.Duration
	}{
		{0, indexQuiet},
		{time.Second, indexQuiet},
		{indexMaxWait - 50*time.Millisecond, 50 * time.Millisecond},
		{indexMaxWait, 0},
		{indexMaxWait + time.Second, 0},
	} {
		if got := indexDelay(start, start.Add(tt.since)); got != tt.want {
			t.Errorf("%v after the oldest change: wait %v, want %v", tt.since, got, tt.want)
		}
	}
}

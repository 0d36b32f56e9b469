package hubtest

import "testing"

func TestCasesHalvesTheLongRunUnderTheRaceDetector(t *testing.T) {
	if testing.Short() {
		t.Skip("-short takes the short count whatever the environment")
	}
	t.Setenv(LongEnv, "")
	if got := Cases(2, 6, 16); got != 6 {
		t.Errorf("quick run: %d cases, want 6", got)
	}
	t.Setenv(LongEnv, "1")
	want := 16
	if raceDetector {
		want = 8
	}
	if got := Cases(2, 6, 16); got != want {
		t.Errorf("long run (race detector %v): %d cases, want %d", raceDetector, got, want)
	}
	if got := Cases(2, 12, 16); raceDetector && got != 12 {
		t.Errorf("long run under the race detector: %d cases, want the quick run's 12 when half the long run is fewer", got)
	}
}

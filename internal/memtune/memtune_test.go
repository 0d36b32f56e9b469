package memtune

import (
	"runtime/debug"
	"testing"
)

// TestForBuildObeysTheSwitch: with HUB_MEMTUNE=off a build leaves the
// runtime's cap and GOGC as they were; without it, the build sets a cap
// and undo puts both back.
func TestForBuildObeysTheSwitch(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	limit, percent := debug.SetMemoryLimit(-1), gcPercent()
	for _, v := range []string{"off", "OFF", "0", "false", "no"} {
		t.Setenv(Switch, v)
		undo := ForBuild()
		if got := debug.SetMemoryLimit(-1); got != limit {
			t.Errorf("%s=%s, yet the cap moved from %d to %d", Switch, v, limit, got)
		}
		undo()
	}
	t.Setenv(Switch, "")
	undo := ForBuild()
	if got := debug.SetMemoryLimit(-1); got == limit {
		t.Errorf("ForBuild set no cap (still %d)", got)
	}
	undo()
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("cap %d after undo, want %d as before", got, limit)
	}
	if got := gcPercent(); got != percent {
		t.Errorf("GOGC %d after undo, want %d as before", got, percent)
	}
}

package bleveengine

import (
	"syscall"
	"time"
)

// processCPU returns the user+system CPU time of this process so far. The
// benchmarks report it beside wall time because other work on a shared
// machine makes wall-clock rates noisy, while CPU per document is not.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

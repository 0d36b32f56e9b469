package bleveengine

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// heapProbe samples the heap every millisecond while it runs, for the
// benchmarks' memory figures: peak is the most the heap held (live objects
// and garbage not yet swept, which is what the process must have mapped),
// peakLive the most the garbage collector found live, both above what was
// live when the probe started.
type heapProbe struct {
	base     uint64
	stop     chan struct{}
	wg       sync.WaitGroup
	peak     uint64
	peakLive uint64
}

func startHeapProbe() *heapProbe {
	runtime.GC()
	p := &heapProbe{stop: make(chan struct{})}
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	p.base = s[1].Value.Uint64()
	p.wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			p.peak = max(p.peak, s[0].Value.Uint64())
			p.peakLive = max(p.peakLive, s[1].Value.Uint64())
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	})
	return p
}

// end stops the probe and returns its peaks in MB above the starting live heap.
func (p *heapProbe) end() (peak, peakLive float64) {
	close(p.stop)
	p.wg.Wait()
	mb := func(v uint64) float64 {
		if v < p.base {
			return 0
		}
		return float64(v-p.base) / (1 << 20)
	}
	return mb(p.peak), mb(p.peakLive)
}

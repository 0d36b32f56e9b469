package pool

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

func TestEachRunsEveryJobOnceOnAtMostOneGoroutinePerCore(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		seen := make([]atomic.Int32, n)
		var running, most atomic.Int32
		err := Each(context.Background(), n, false, func(i int) error {
			r := running.Add(1)
			for m := most.Load(); r > m && !most.CompareAndSwap(m, r); m = most.Load() {
			}
			seen[i].Add(1)
			runtime.Gosched()
			running.Add(-1)
			return nil
		})
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Fatalf("n=%d: job %d ran %d times", n, i, c)
			}
		}
		if m := int(most.Load()); m > runtime.GOMAXPROCS(0) {
			t.Errorf("n=%d: %d jobs ran at once on %d cores", n, m, runtime.GOMAXPROCS(0))
		}
	}
}

func TestEachStopsAtTheFirstError(t *testing.T) {
	boom := errors.New("boom")
	var ran atomic.Int32
	err := Each(context.Background(), 10000, false, func(i int) error {
		ran.Add(1)
		if i == 3 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if r := ran.Load(); r == 10000 {
		t.Errorf("all %d jobs ran after the error", r)
	}
}

// With abandon, a job that will not end does not hold up a cancelled run;
// without, Each waits for it.
func TestEachAbandonsRunningJobsOnlyWhenAsked(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{}, 64)
	done := make(chan error, 1)
	go func() {
		done <- Each(ctx, 4, true, func(int) error {
			started <- struct{}{}
			<-release
			return nil
		})
	}()
	<-started
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Each with abandon waited for a running job after cancel")
	}

	ctx2, cancel2 := context.WithCancel(context.Background())
	finished := make(chan struct{})
	var ended atomic.Bool
	go func() {
		_ = Each(ctx2, 1, false, func(int) error {
			cancel2()
			time.Sleep(50 * time.Millisecond)
			ended.Store(true)
			return nil
		})
		close(finished)
	}()
	<-finished
	if !ended.Load() {
		t.Error("Each without abandon returned before its running job ended")
	}
}

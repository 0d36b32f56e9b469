package search

import (
	"fmt"
	"sync"
	"testing"
)

func TestResultCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newResultCache(2)
	c.put("a", []byte("A"))
	c.put("b", []byte("B"))
	c.get("a") // a is now more recent than b
	c.put("c", []byte("C"))
	if _, ok := c.get("b"); ok {
		t.Error("b should have been evicted")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.get(k); !ok {
			t.Errorf("%s evicted", k)
		}
	}
	if hits, misses := c.stats(); hits != 3 || misses != 1 {
		t.Errorf("hits %d misses %d", hits, misses)
	}
	var none *resultCache // disabled
	none.put("a", nil)
	if _, ok := none.get("a"); ok {
		t.Error("disabled cache returned a value")
	}
}

func TestResultCacheConcurrentUse(t *testing.T) {
	c := newResultCache(16)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 1000 {
				k := fmt.Sprint((g * i) % 40)
				if _, ok := c.get(k); !ok {
					c.put(k, []byte(k))
				}
			}
		})
	}
	wg.Wait()
	if n := c.order.Len(); n > 16 || n != len(c.byKey) {
		t.Errorf("%d entries in list, %d in map", n, len(c.byKey))
	}
}

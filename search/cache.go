package search

import (
	"container/list"
	"sync"
	"sync/atomic"
)

// resultCache is a small LRU of encoded responses, keyed by build id and
// normalized request. Popular searches (and the first page of a tag) repeat
// a lot; the build id in the key retires entries of a replaced index.
type resultCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recent; values are *cacheEntry
	byKey map[string]*list.Element

	hits, misses atomic.Uint64
}

type cacheEntry struct {
	key  string
	body []byte
}

func newResultCache(maxEntries int) *resultCache {
	if maxEntries <= 0 {
		return nil
	}
	return &resultCache{max: maxEntries, order: list.New(), byKey: make(map[string]*list.Element)}
}

// get returns the body stored under key. A nil cache never has anything.
func (c *resultCache) get(key string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		c.misses.Add(1)
		return nil, false
	}
	c.hits.Add(1)
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).body, true
}

// put stores body under key, evicting the least recently used entry when full.
func (c *resultCache) put(key string, body []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[key]; ok {
		e.Value.(*cacheEntry).body = body
		c.order.MoveToFront(e)
		return
	}
	c.byKey[key] = c.order.PushFront(&cacheEntry{key: key, body: body})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*cacheEntry).key)
	}
}

// stats returns the hits and misses so far.
func (c *resultCache) stats() (hits, misses uint64) {
	if c == nil {
		return 0, 0
	}
	return c.hits.Load(), c.misses.Load()
}

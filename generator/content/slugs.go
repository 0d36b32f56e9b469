package content

import (
	"sync"
	"sync/atomic"

	"github.com/ideas-hub/hub/internal/slug"
)

// Slugs is slug.Tag, remembered for one site's builds: a site has a few
// hundred term names over thousands of pages, and transliterating each
// again was 0.9% of a 10,000-page build's CPU. It remembers at most
// maxSlugs names, so a long preview cannot grow it without end. The zero
// value is ready to use; it is safe for concurrent use.
type Slugs struct {
	names sync.Map // term name -> slug
	count atomic.Int64
}

const maxSlugs = 1 << 16

// Of returns the slug of a term name.
func (c *Slugs) Of(name string) string {
	if s, ok := c.names.Load(name); ok {
		return s.(string)
	}
	s := slug.Tag(name)
	if c.count.Add(1) <= maxSlugs {
		c.names.Store(name, s)
	}
	return s
}

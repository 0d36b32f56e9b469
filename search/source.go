package search

import "sync/atomic"

// IndexSource gives the handler the index to answer from. Current may return
// nil while there is no index (the endpoint then answers 503).
type IndexSource interface {
	Current() *Index
}

// IndexFunc adapts a function to IndexSource.
type IndexFunc func() *Index

// Current calls f.
func (f IndexFunc) Current() *Index { return f() }

// Holder is an IndexSource whose index can be replaced at run time, as the
// live preview does after a rebuild. The zero value holds no index.
type Holder struct {
	p atomic.Pointer[Index]
}

// NewHolder returns a Holder of ix (which may be nil).
func NewHolder(ix *Index) *Holder {
	h := &Holder{}
	h.p.Store(ix)
	return h
}

// Current returns the index held, or nil.
func (h *Holder) Current() *Index { return h.p.Load() }

// Swap makes ix current and returns the index it replaces, which the caller
// should Close: Close waits for the searches still using it.
func (h *Holder) Swap(ix *Index) (old *Index) { return h.p.Swap(ix) }

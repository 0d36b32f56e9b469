package search

import (
	"context"
	"errors"
	"sync/atomic"
)

// Engine is what the endpoint needs from a search index: answers, and
// enough about itself for /healthz and for ETags. The bleve engine
// (search/bleve) is the one hub ships; another backend implements this and
// nothing else of the package changes.
//
// An Engine is safe for concurrent use. After Close, Search and DocCount
// return ErrClosed (a rebuild or a deploy closes the index it replaces once
// the searches still on it are done).
type Engine interface {
	// Search answers req with one page of hits and the facet counts. It
	// validates req against Schema and normalises it (Request.Validate,
	// Request.Normalized): bad input is a *RequestError.
	Search(ctx context.Context, req Request) (*Response, error)
	// Schema is the site's types and taxonomies, recorded in the index when
	// it was built, so that requests are checked without the site.
	Schema() Schema
	// BuildID names the build of the index; the endpoint derives ETags and
	// its cache keys from it, so it must change whenever answers may.
	BuildID() string
	// DocCount is the number of pages searched, for /healthz.
	DocCount() (uint64, error)
	Close() error
}

// ErrClosed is returned by an Engine that has been closed, for instance
// because a rebuild swapped in a newer one.
var ErrClosed = errors.New("search index is closed")

// IndexSource gives the handler the engine to answer from. Current may
// return nil while there is no index (the endpoint then answers 503).
type IndexSource interface {
	Current() Engine
}

// IndexFunc adapts a function to IndexSource.
type IndexFunc func() Engine

// Current calls f.
func (f IndexFunc) Current() Engine { return f() }

// CurrentSchema is the schema of the engine src holds, or DefaultSchema
// while it holds none, so that bad input is still told apart from a missing
// index.
func CurrentSchema(src IndexSource) Schema {
	if e := src.Current(); e != nil {
		return e.Schema()
	}
	return DefaultSchema()
}

// Holder is an IndexSource whose engine can be replaced at run time, as the
// live preview does after a rebuild and a Reloader after a deploy. The zero
// value holds none.
type Holder struct {
	p atomic.Pointer[Engine]
}

// NewHolder returns a Holder of e (which may be nil).
func NewHolder(e Engine) *Holder {
	h := &Holder{}
	h.Swap(e)
	return h
}

// Current returns the engine held, or nil.
func (h *Holder) Current() Engine {
	if p := h.p.Load(); p != nil {
		return *p
	}
	return nil
}

// Swap makes e current and returns the engine it replaces, which the
// caller should Close: Close waits for the searches still using it.
func (h *Holder) Swap(e Engine) (old Engine) {
	var p *Engine
	if e != nil {
		p = &e
	}
	if prev := h.p.Swap(p); prev != nil {
		return *prev
	}
	return nil
}

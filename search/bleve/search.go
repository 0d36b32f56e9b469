package bleveengine

import (
	"context"
	"fmt"
	"time"

	"github.com/ideas-hub/hub/search"
)

// facetTermsShown is how many of the most used terms a taxonomy's facet
// lists (the selected ones are always added, so a reader can see and undo
// their choice).
const facetTermsShown = 30

// maxOffset bounds (page-1)*size: no reader pages that far, and it keeps the
// arithmetic far from overflow.
const maxOffset = 1 << 20

// checkDoneEvery is how many matches are read between looks at ctx.
const checkDoneEvery = 1024

// Search runs req and returns one page of hits with facet counts. Invalid
// input gives a *RequestError.
//
// The text of q is planned into units (plan) and matched with bleve, soft
// AND (collectText); the filters, the facets and the sort work on columns
// held in memory (see columns and collector), in one pass over the pages
// that match the text.
func (ix *Index) Search(ctx context.Context, req search.Request) (*search.Response, error) {
	start := time.Now()
	r := req.Normalized()
	if err := r.Validate(ix.schema); err != nil {
		return nil, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return nil, search.ErrClosed
	}
	reader, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer reader.Close()

	offset := min(r.Page-1, maxOffset/r.Size) * r.Size
	k := newCollector(ix.cols, ix.schema.Types, compileFilter(ix.cols, &ix.schema, &r), r.Sort, offset+r.Size)
	var p plan
	if r.Query == "" {
		for ord := range int32(len(ix.cols.ids)) {
			k.add(ord, 0, 0)
		}
	} else {
		p = ix.plan(r.Query)
		// With no words left (only stop words or punctuation) nothing matches.
		if len(p.units) > 0 {
			if err := ix.collectText(ctx, reader, &p, r.Sort == search.SortRelevance, k); err != nil {
				return nil, err
			}
		}
	}

	resp := &search.Response{Query: r.Query, Total: k.total, Page: r.Page, Size: r.Size, Hits: []search.Hit{}, Facets: k.facets(&r, ix.schema.Taxonomies)}
	snip := newSnippeter(p.marks(ix.vocab))
	for _, c := range k.page(offset, r.Size) {
		h, err := loadHit(reader, ix.cols.urls[c.ord], ix.termFields, snip)
		if err != nil {
			return nil, fmt.Errorf("search: %s: %w", ix.cols.urls[c.ord], err)
		}
		resp.Hits = append(resp.Hits, h)
	}
	resp.TookMS = took(start)
	return resp, nil
}

// took returns the milliseconds since start, to the microsecond.
func took(start time.Time) float64 {
	return float64(time.Since(start).Microseconds()) / 1000
}

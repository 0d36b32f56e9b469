package bleveengine

import (
	"context"
	"fmt"
	"time"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

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
// The text of q is matched with bleve (see textQuery); the filters, the
// facets and the sort work on columns held in memory (see columns and
// collector), in one pass over the pages that match the text.
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
	var words []queryWord
	if r.Query == "" {
		for ord := range int32(len(ix.cols.ids)) {
			k.add(ord, 0)
		}
	} else {
		words = ix.planWords(r.Query)
		// With no words left (only stop words or punctuation) nothing matches.
		if len(words) > 0 {
			if err := ix.collectText(ctx, reader, textQuery(words), r.Sort == search.SortRelevance, k); err != nil {
				return nil, err
			}
		}
	}

	resp := &search.Response{Query: r.Query, Total: k.total, Page: r.Page, Size: r.Size, Hits: []search.Hit{}, Facets: k.facets(&r, ix.schema.Taxonomies)}
	snip := newSnippeter(words)
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

// collectText feeds every page matching q to k.
func (ix *Index) collectText(ctx context.Context, reader index.IndexReader, q query.Query, score bool, k *collector) (err error) {
	opts := bsearch.SearcherOptions{Score: "none"}
	if score {
		opts.Score = "default"
	}
	s, err := q.Searcher(ctx, reader, ix.bi.Mapping(), opts)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	defer func() {
		if cerr := s.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("search: %w", cerr)
		}
	}()
	sctx := &bsearch.SearchContext{
		DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0),
		IndexReader:       reader,
	}
	for n := 0; ; n++ {
		if n%checkDoneEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		if dm == nil {
			return nil
		}
		if ord := ix.cols.ordinal(dm.IndexInternalID); ord >= 0 {
			k.add(ord, dm.Score)
		}
		sctx.DocumentMatchPool.Put(dm)
	}
}

// planWords analyses q and finds the alternatives of rare words.
func (ix *Index) planWords(q string) []queryWord {
	words := parseWords(q)
	fuzzy := 0
	for i := range words {
		w := &words[i]
		if w.fuzziness == 0 || fuzzy == maxFuzzyWords || ix.vocab.docFreq(w.term) >= fuzzyRareDocs {
			w.fuzziness = 0
			continue
		}
		fuzzy++
		w.alts = ix.vocab.alternatives(w.term, w.fuzziness)
	}
	return words
}

// took returns the milliseconds since start, to the microsecond.
func took(start time.Time) float64 {
	return float64(time.Since(start).Microseconds()) / 1000
}

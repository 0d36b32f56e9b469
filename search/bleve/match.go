package bleveengine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/bits"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// plan analyses q: its words, the close alternatives of rare ones, its
// units (words, and phrases of the thesaurus with their synonyms) and the
// compounds adjacent units make.
func (ix *Index) plan(q string) plan {
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
	var p plan
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = w.term
	}
	for i := 0; i < len(words); {
		n, expansions := ix.thesaurus.match(terms[i:])
		n = max(n, 1)
		// A synonym with a word no page has can match nothing: leave it out.
		expansions = slices.DeleteFunc(expansions, func(e []string) bool {
			return slices.ContainsFunc(e, func(t string) bool { return ix.vocab.docFreq(t) == 0 })
		})
		p.units = append(p.units, unit{words: words[i : i+n], expansions: expansions})
		i += n
	}
	p.compounds = ix.compounds(q, p.units)
	return p
}

// compounds finds the words two adjacent one-word units make when joined
// ("co production": coproduction) that the index has, so that a page
// which writes them as one word, or with a hyphen, matches both.
func (ix *Index) compounds(q string, units []unit) []compound {
	var out []compound
	an := newTextAnalyzer(0)
	for i := 0; i+1 < len(units); i++ {
		a, b := units[i].words, units[i+1].words
		if len(a) != 1 || len(b) != 1 || !joinable(q[a[0].end:b[0].start]) {
			continue
		}
		t := an.term([]byte(a[0].raw + b[0].raw))
		if t != nil && ix.vocab.docFreq(string(t)) > 0 {
			out = append(out, compound{term: string(t), units: [2]int{i, i + 1}})
		}
	}
	return out
}

// joinable reports whether what separates two words of q lets them be one
// word written apart: a hyphen or spaces.
func joinable(between string) bool {
	hyphens := 0
	for _, c := range []byte(between) {
		switch c {
		case ' ', '\t':
		case '-':
			hyphens++
		default:
			return false
		}
	}
	return hyphens <= 1
}

// matcher reads the pages one clause of a query matches, in index order.
type matcher struct {
	s    bsearch.Searcher
	sctx *bsearch.SearchContext
	cur  *bsearch.DocumentMatch
	mask uint64 // the units the clause stands for
}

// textMatch is a page some clause matched.
type textMatch struct {
	ord   int32
	units uint64
	score float64
}

// collectText feeds the pages that match the plan to k, soft AND: a page
// counts when it matches at least minimumMatch of the units, or, when no
// page matches that many, as many as the best page does, so that a query
// with a word no page has still finds the pages with the rest (and one
// with no word any page has finds nothing). Each unit (and compound) is
// read by its own searcher and the pages merged here, in index order, to
// count the units each page matches.
func (ix *Index) collectText(ctx context.Context, reader index.IndexReader, p *plan, score bool, k *collector) (err error) {
	opts := bsearch.SearcherOptions{Score: "none"}
	if score {
		opts.Score = "default"
	}
	var ms []*matcher
	defer func() {
		for _, m := range ms {
			if cerr := m.s.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("search: %w", cerr)
			}
		}
	}()
	open := func(q query.Query, mask uint64) error {
		s, err := q.Searcher(ctx, reader, ix.bi.Mapping(), opts)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		m := &matcher{s: s, mask: mask, sctx: &bsearch.SearchContext{
			DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0),
			IndexReader:       reader,
		}}
		ms = append(ms, m)
		return m.next()
	}
	for i, u := range p.units {
		if err := open(unitQuery(u), 1<<i); err != nil {
			return err
		}
	}
	for _, c := range p.compounds {
		if err := open(wordQuery(queryWord{term: c.term}, 1), 1<<c.units[0]|1<<c.units[1]); err != nil {
			return err
		}
	}
	if len(p.units) <= 2 {
		// One or two units must all match when a page has them all: one
		// searcher (a conjunction of two skips through the rarer unit's
		// pages) usually answers, without counting units page by page.
		if found, err := ix.collectAll(ctx, reader, p, opts, k); found || err != nil || len(p.units) == 1 {
			return err
		}
	}
	want := int32(minimumMatch(len(p.units)))
	var below []textMatch // pages under want, while no page reaches it
	reached := false
	best := int32(0)
	err = mergeMatches(ctx, ms, func(dm *bsearch.DocumentMatch, units uint64, sum float64) {
		ord := ix.cols.ordinal(dm.IndexInternalID)
		if ord < 0 {
			return
		}
		n := int32(bits.OnesCount64(units))
		best = max(best, n)
		switch {
		case n >= want:
			reached = true
			below = nil
			k.add(ord, n, sum)
		case !reached:
			below = append(below, textMatch{ord, units, sum})
		}
	})
	if err != nil {
		return err
	}
	for _, m := range below {
		if n := int32(bits.OnesCount64(m.units)); n >= best {
			k.add(m.ord, n, m.score)
		}
	}
	return nil
}

// collectAll feeds k the pages that match every unit of p (or a compound
// of them), and reports whether there were any.
func (ix *Index) collectAll(ctx context.Context, reader index.IndexReader, p *plan, opts bsearch.SearcherOptions, k *collector) (found bool, err error) {
	units := make([]query.Query, 0, len(p.units))
	for _, u := range p.units {
		units = append(units, unitQuery(u))
	}
	q := conjunction(units)
	if len(p.compounds) > 0 {
		either := []query.Query{q}
		for _, c := range p.compounds {
			either = append(either, wordQuery(queryWord{term: c.term}, 1))
		}
		q = query.NewDisjunctionQuery(either)
	}
	s, err := q.Searcher(ctx, reader, ix.bi.Mapping(), opts)
	if err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	defer func() {
		if cerr := s.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("search: %w", cerr)
		}
	}()
	m := &matcher{s: s, sctx: &bsearch.SearchContext{
		DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0),
		IndexReader:       reader,
	}}
	n := int32(len(p.units))
	for i := 0; ; i++ {
		if i%checkDoneEvery == 0 {
			if err := ctx.Err(); err != nil {
				return found, err
			}
		}
		if err := m.next(); err != nil || m.cur == nil {
			return found, err
		}
		if ord := ix.cols.ordinal(m.cur.IndexInternalID); ord >= 0 {
			found = true
			k.add(ord, n, m.cur.Score)
		}
	}
}

// next moves m to its next page; cur is nil once it has none.
func (m *matcher) next() error {
	if m.cur != nil {
		m.sctx.DocumentMatchPool.Put(m.cur)
	}
	dm, err := m.s.Next(m.sctx)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	m.cur = dm
	return nil
}

// mergeMatches calls fn once for every page any matcher has, in index
// order, with the units of the matchers that have it and their summed
// score.
func mergeMatches(ctx context.Context, ms []*matcher, fn func(dm *bsearch.DocumentMatch, units uint64, score float64)) error {
	for n := 0; ; n++ {
		if n%checkDoneEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var first *matcher
		for _, m := range ms {
			if m.cur != nil && (first == nil || bytes.Compare(m.cur.IndexInternalID, first.cur.IndexInternalID) < 0) {
				first = m
			}
		}
		if first == nil {
			return nil
		}
		dm := first.cur
		var units uint64
		var score float64
		var same []*matcher
		for _, m := range ms {
			if m.cur != nil && bytes.Equal(m.cur.IndexInternalID, dm.IndexInternalID) {
				units |= m.mask
				score += m.cur.Score
				same = append(same, m)
			}
		}
		fn(dm, units, score)
		var errs []error
		for _, m := range same {
			errs = append(errs, m.next())
		}
		if err := errors.Join(errs...); err != nil {
			return err
		}
	}
}

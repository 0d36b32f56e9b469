package bleveengine

import (
	"cmp"
	"slices"

	"github.com/ideas-hub/hub/search"
)

// collector sees every page that matches the text (or every page, without
// text) once, and from that one pass takes the total, the page of hits and
// every disjunctive facet: a page counts for the type facet when it passes
// every filter but type, for a taxonomy's facet when it passes every filter
// but that taxonomy's. That is what one extra search per facet would count,
// without the extra searches.
type collector struct {
	c      *columns
	types  []string // the schema's
	f      filter
	better func(a, b candidate) bool
	keep   int         // how many best candidates to keep: (page-1)*size + size
	heap   []candidate // the worst kept candidate at [0]

	total      uint64
	typeCounts []int
	termCounts [][]int // by taxonomy, by term id
}

type candidate struct {
	ord     int32
	matched int32 // units of the query the page matches (soft AND): more rank first
	score   float64
}

func newCollector(c *columns, types []string, f filter, sortName string, keep int) *collector {
	k := &collector{
		c: c, types: types, f: f, keep: keep,
		better:     betterFunc(c, sortName),
		heap:       make([]candidate, 0, min(keep, 256)),
		typeCounts: make([]int, len(types)),
		termCounts: make([][]int, len(c.taxa)),
	}
	for j, t := range c.taxa {
		k.termCounts[j] = make([]int, len(t.names))
	}
	return k
}

// add counts page ord, which matched that many units of the query with
// that score, in the total and the facets, and keeps it if it ranks among
// the best.
func (k *collector) add(ord int32, matched int32, score float64) {
	if k.f.none || !k.f.dateOK(k.c.date[ord]) {
		return
	}
	// The one filter the page fails, if any: it counts for that filter's
	// facet only. A page that fails two counts nowhere.
	const none, typeFilter = -2, -1
	failed := none
	typ := k.c.typ[ord]
	if !k.f.typeOK(typ) {
		failed = typeFilter
	}
	for j := range k.f.terms {
		if !k.f.terms[j].ok(k.c.taxa[j].of(ord)) {
			if failed != none {
				return
			}
			failed = j
		}
	}
	if failed == none || failed == typeFilter {
		k.typeCounts[typ]++
	}
	for j, t := range k.c.taxa {
		if failed == none || failed == j {
			counts := k.termCounts[j]
			for _, id := range t.of(ord) {
				counts[id]++
			}
		}
	}
	if failed == none {
		k.total++
		k.push(candidate{ord, matched, score})
	}
}

// push keeps the best k.keep candidates in a heap whose root is the worst.
func (k *collector) push(c candidate) {
	h := k.heap
	if len(h) < k.keep {
		h = append(h, c)
		for i := len(h) - 1; i > 0; {
			p := (i - 1) / 2
			if !k.better(h[p], h[i]) {
				break
			}
			h[p], h[i] = h[i], h[p]
			i = p
		}
		k.heap = h
		return
	}
	if k.keep == 0 || !k.better(c, h[0]) {
		return
	}
	h[0] = c
	for i := 0; ; {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && k.better(h[worst], h[l]) {
			worst = l
		}
		if r < len(h) && k.better(h[worst], h[r]) {
			worst = r
		}
		if worst == i {
			break
		}
		h[i], h[worst] = h[worst], h[i]
		i = worst
	}
}

// page returns the candidates of hits [from, from+size), best first.
func (k *collector) page(from, size int) []candidate {
	slices.SortFunc(k.heap, func(a, b candidate) int {
		switch {
		case k.better(a, b):
			return -1
		case k.better(b, a):
			return 1
		}
		return 0
	})
	if from >= len(k.heap) {
		return nil
	}
	return k.heap[from:min(len(k.heap), from+size)]
}

// betterFunc returns the order of a sort. By relevance, pages that match
// more units of the query come first (soft AND: every word, then most of
// them), then higher scores. Undated pages come last both newest and
// oldest first; every order ends in title order (and URL), so results are
// stable.
func betterFunc(c *columns, sortName string) func(a, b candidate) bool {
	byDate := func(a, b candidate, desc bool) int {
		da, db := c.date[a.ord], c.date[b.ord]
		switch {
		case da == db:
			return 0
		case da == noDate:
			return 1
		case db == noDate:
			return -1
		case desc:
			return cmp.Compare(db, da)
		}
		return cmp.Compare(da, db)
	}
	byTitle := func(a, b candidate) int { return cmp.Compare(c.titleRank[a.ord], c.titleRank[b.ord]) }
	switch sortName {
	case search.SortNewest, search.SortOldest:
		desc := sortName == search.SortNewest
		return func(a, b candidate) bool { return cmp.Or(byDate(a, b, desc), byTitle(a, b)) < 0 }
	case search.SortTitle:
		return func(a, b candidate) bool { return byTitle(a, b) < 0 }
	}
	return func(a, b candidate) bool {
		return cmp.Or(cmp.Compare(b.matched, a.matched), cmp.Compare(b.score, a.score), byDate(a, b, true), byTitle(a, b)) < 0
	}
}

// facets returns the facet counts of r: every type with pages, and for
// each taxonomy the most used terms and the selected ones.
func (k *collector) facets(r *search.Request, taxa []search.Taxonomy) search.Facets {
	f := search.Facets{Type: []search.FacetCount{}}
	for i, n := range k.typeCounts {
		if n > 0 {
			f.Type = append(f.Type, search.FacetCount{Term: k.types[i], Count: n})
		}
	}
	sortFacet(f.Type)
	for j, t := range taxa {
		if t.Name == search.TagsName {
			f.Tags = k.termFacet(j, r.Tags)
			continue
		}
		if f.Terms == nil {
			f.Terms = map[string][]search.FacetCount{}
		}
		f.Terms[t.Name] = k.termFacet(j, r.Terms[t.Name])
	}
	return f
}

// termFacet returns the facet of taxonomy j: its facetTermsShown most used
// terms, and the selected ones, so that a reader can see and undo a choice.
func (k *collector) termFacet(j int, selected []string) []search.FacetCount {
	all := []search.FacetCount{}
	for id, n := range k.termCounts[j] {
		if n > 0 {
			all = append(all, search.FacetCount{Term: k.c.taxa[j].names[id], Count: n})
		}
	}
	sortFacet(all)
	shown := all
	if len(all) > facetTermsShown {
		shown = slices.Clone(all[:facetTermsShown])
	}
	for _, s := range selected {
		if slices.ContainsFunc(shown, func(c search.FacetCount) bool { return c.Term == s }) {
			continue
		}
		c := search.FacetCount{Term: s}
		if i := slices.IndexFunc(all, func(c search.FacetCount) bool { return c.Term == s }); i >= 0 {
			c.Count = all[i].Count
		}
		shown = append(shown, c)
	}
	return shown
}

// sortFacet orders counts most used first, ties by term, so the order is stable.
func sortFacet(fc []search.FacetCount) {
	slices.SortFunc(fc, func(a, b search.FacetCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Term, b.Term))
	})
}

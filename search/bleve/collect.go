package bleveengine

import (
	"cmp"
	"slices"
	"time"

	"github.com/ideas-hub/hub/search"
)

// filter is a Request's filters compiled against the columns.
type filter struct {
	types    []bool   // by index in the schema's Types; nil = any type
	tags     []uint16 // any of these; nil = any tag
	tagsNone bool     // a tag filter naming only unknown tags: nothing matches
	from, to int64    // inclusive bounds on columns.date; to < from matches nothing
	dated    bool     // a date bound is set (undated pages fail it)
}

func compileFilter(c *columns, types []string, r *search.Request) filter {
	f := filter{from: math64Min, to: math64Max}
	if len(r.Types) > 0 {
		f.types = make([]bool, len(types))
		for _, t := range r.Types {
			if i := slices.Index(types, t); i >= 0 {
				f.types[i] = true
			}
		}
	}
	if len(r.Tags) > 0 {
		f.tags = []uint16{}
		for _, t := range r.Tags {
			if id, ok := c.tagID[t]; ok {
				f.tags = append(f.tags, id)
			}
		}
		f.tagsNone = len(f.tags) == 0
	}
	if !r.From.IsZero() {
		f.dated = true
		f.from = clampNanos(r.From)
	}
	if !r.To.IsZero() {
		f.dated = true
		f.to = clampNanos(r.To.AddDate(0, 0, 1)) - 1 // the whole of the last day
	}
	return f
}

const (
	math64Min = -1 << 63
	math64Max = 1<<63 - 1
)

// clampNanos returns t in Unix nanoseconds, clamped to what int64 holds.
// Request dates are calendar days, compared with civil times (see civilTime).
func clampNanos(t time.Time) int64 {
	switch {
	case t.Year() < minYear:
		return math64Min + 1 // above noDate
	case t.Year() > maxYear:
		return math64Max
	}
	return t.UnixNano()
}

func (f *filter) typeOK(typ uint8) bool { return f.types == nil || f.types[typ] }

func (f *filter) tagsOK(tags []uint16) bool {
	if f.tags == nil {
		return true
	}
	for _, t := range tags {
		if slices.Contains(f.tags, t) {
			return true
		}
	}
	return false
}

func (f *filter) dateOK(d int64) bool {
	if !f.dated {
		return true
	}
	return d != noDate && d >= f.from && d <= f.to
}

// collector sees every page that matches the text (or every page, without
// text) once, and from that one pass takes the total, the page of hits and
// both disjunctive facets: a page counts for the type facet when it passes
// every filter but type, for the tag facet when it passes every filter but
// tag. That is what one extra search per facet would count, without the
// extra searches.
type collector struct {
	c      *columns
	types  []string // the schema's
	f      filter
	better func(a, b candidate) bool
	keep   int         // how many best candidates to keep: (page-1)*size + size
	heap   []candidate // the worst kept candidate at [0]

	total      uint64
	typeCounts []int
	tagCounts  []int
}

type candidate struct {
	ord   int32
	score float64
}

func newCollector(c *columns, types []string, f filter, sortName string, keep int) *collector {
	return &collector{
		c: c, types: types, f: f, keep: keep,
		better:     betterFunc(c, sortName),
		heap:       make([]candidate, 0, min(keep, 256)),
		typeCounts: make([]int, len(types)),
		tagCounts:  make([]int, len(c.tagNames)),
	}
}

func (k *collector) add(ord int32, score float64) {
	if k.f.tagsNone || !k.f.dateOK(k.c.date[ord]) {
		return
	}
	typ, tags := k.c.typ[ord], k.c.tags(ord)
	typeOK, tagsOK := k.f.typeOK(typ), k.f.tagsOK(tags)
	if tagsOK {
		k.typeCounts[typ]++
	}
	if typeOK {
		for _, t := range tags {
			k.tagCounts[t]++
		}
	}
	if typeOK && tagsOK {
		k.total++
		k.push(candidate{ord, score})
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

// betterFunc returns the order of a sort. Undated pages come last both
// newest and oldest first; every order ends in title order (and URL), so
// results are stable.
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
		return cmp.Or(cmp.Compare(b.score, a.score), byDate(a, b, true), byTitle(a, b)) < 0
	}
}

// facets returns the facet counts: every type with pages, the most used
// tags and the selected ones.
func (k *collector) facets(selectedTags []string) search.Facets {
	f := search.Facets{Type: []search.FacetCount{}, Tags: []search.FacetCount{}}
	for i, n := range k.typeCounts {
		if n > 0 {
			f.Type = append(f.Type, search.FacetCount{Term: k.types[i], Count: n})
		}
	}
	sortFacet(f.Type)
	for id, n := range k.tagCounts {
		if n > 0 {
			f.Tags = append(f.Tags, search.FacetCount{Term: k.c.tagNames[id], Count: n})
		}
	}
	sortFacet(f.Tags)
	all := f.Tags
	if len(all) > facetTagsShown {
		f.Tags = slices.Clone(all[:facetTagsShown])
	}
	for _, s := range selectedTags {
		if slices.ContainsFunc(f.Tags, func(c search.FacetCount) bool { return c.Term == s }) {
			continue
		}
		c := search.FacetCount{Term: s}
		if i := slices.IndexFunc(all, func(c search.FacetCount) bool { return c.Term == s }); i >= 0 {
			c.Count = all[i].Count
		}
		f.Tags = append(f.Tags, c)
	}
	return f
}

// sortFacet orders counts most used first, ties by term, so the order is stable.
func sortFacet(fc []search.FacetCount) {
	slices.SortFunc(fc, func(a, b search.FacetCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Term, b.Term))
	})
}

package generator

import (
	"cmp"
	"slices"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/taxonomy"
)

// The fast path (delta.go) for the taxonomies but tags. An edit that
// changes a page's terms of one of them takes the general path (see
// sameTerms), so here no term is made or lost: the lists of the terms an
// edited page has take its new copy, as tags' lists do, and every copied
// page points to the current terms.

// patchTermLists gives s a copy of each list of prev's terms that holds an
// edited page, with the edited pages' new copies in it; every other list
// and term is shared with prev, which nothing changes.
func patchTermLists(s, prev *Site, edited []*content.Page) {
	s.Terms = slices.Clone(prev.Terms)
	for i := range s.Terms {
		own := false // s.Terms[i] is a copy of its own
		done := map[string]bool{}
		for _, p := range edited {
			for _, slug := range p.Terms[i].Slugs {
				if slug == "" || done[slug] {
					continue
				}
				done[slug] = true
				j, found := slices.BinarySearchFunc(s.Terms[i], slug, func(t *content.Term, s string) int { return cmp.Compare(t.Slug, s) })
				if !found {
					continue // sameTerms: cannot happen
				}
				c := *s.Terms[i][j]
				c.Pages = slices.Clone(c.Pages)
				for _, q := range edited {
					if k, ok := taxonomy.RankIndex(c.Pages, q.Rank); ok {
						c.Pages[k] = q
					}
				}
				if !own {
					s.Terms[i], own = slices.Clone(s.Terms[i]), true
				}
				s.Terms[i][j] = &c
			}
		}
	}
}

// currentTerms are p's terms of the taxonomies but tags as s has them
// now, in a slice of p's own (its PageTerms may be shared with an older
// copy of p).
func currentTerms(s *Site, p *content.Page) []content.PageTerms {
	out := slices.Clone(p.Terms)
	for i := range out {
		pt := &out[i]
		pt.Terms = make([]*content.Term, 0, len(pt.Slugs))
		for _, slug := range pt.Slugs {
			if t, ok := taxonomy.Find(s.Terms[i], slug); ok && !slices.Contains(pt.Terms, t) {
				pt.Terms = append(pt.Terms, t)
			}
		}
	}
	return out
}

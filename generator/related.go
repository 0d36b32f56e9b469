package generator

import (
	"cmp"
	"slices"
)

const (
	relatedCount = 5
	// relatedTagCap bounds how many pages of one tag are considered as
	// candidates. A tag on thousands of pages says little about similarity,
	// and scanning all of them for every page is what makes naive related
	// pages quadratic. The newest pages of such a tag still take part.
	relatedTagCap = 300
)

// linkRelated gives each page up to five related pages: most shared tags
// first, then the same type, then the most recent. Candidates come from a
// tag → pages index, so the cost grows with tags per page, not with the site.
func linkRelated(pages []*Page) {
	index := make(map[*Page]int, len(pages)) // position in newest-first order
	for i, p := range pages {
		index[p] = i
	}
	type cand struct {
		page   *Page
		shared int
	}
	scores := map[*Page]int{}
	var cands []cand
	for _, p := range pages {
		clear(scores)
		for _, t := range p.Tags {
			for _, q := range t.Pages[:min(len(t.Pages), relatedTagCap)] {
				if q != p {
					scores[q]++
				}
			}
		}
		cands = cands[:0]
		for q, n := range scores {
			cands = append(cands, cand{q, n})
		}
		slices.SortFunc(cands, func(a, b cand) int {
			return cmp.Or(
				cmp.Compare(b.shared, a.shared),
				cmp.Compare(boolRank(b.page.Type == p.Type), boolRank(a.page.Type == p.Type)),
				cmp.Compare(index[a.page], index[b.page]),
			)
		})
		p.Related = make([]*Page, 0, min(relatedCount, len(cands)))
		for _, c := range cands[:min(relatedCount, len(cands))] {
			p.Related = append(p.Related, c.page)
		}
	}
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

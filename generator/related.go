package generator

import (
	"github.com/ideas-hub/hub/generator/content"

	"runtime"
	"sync"
)

const relatedCount = 5

// relatedTagCap bounds how many pages of one tag are considered as
// candidates. A tag on thousands of pages says little about similarity,
// and scanning all of them for every page is what makes naive related
// pages quadratic. The newest pages of such a tag still take part. (A
// variable so tests can make it bite on small sites.)
var relatedTagCap = 300

// linkRelated gives each page up to five related pages: most shared tags
// first, then the same type, then the most recent. Candidates come from the
// tag → pages index, so the cost grows with tags per page, not with the
// site; pages are spread over every core, each worker with its own scores.
// pages must be in newest-first order.
func linkRelated(pages []*content.Page) {
	for i, p := range pages {
		p.Rank = i
	}
	relatedFor(pages, nil)
}

// relatedFor fills the related pages of the pages at the given ranks, or
// of all pages when ranks is nil. Ranks must be set.
func relatedFor(pages []*content.Page, ranks []int) {
	chosen := chooseRelated(pages, ranks, func(p *content.Page) []*content.Tag { return p.Tags })
	for i, rel := range chosen {
		if ranks != nil {
			pages[ranks[i]].Related = rel
		} else {
			pages[i].Related = rel
		}
	}
}

// chooseRelated returns the related pages of the pages at the given ranks
// (all when nil), in that order, with tags giving each page's tags. Pages
// are spread over every core, each worker with its own scores.
func chooseRelated(pages []*content.Page, ranks []int, tags func(*content.Page) []*content.Tag) [][]*content.Page {
	n := len(pages)
	if ranks != nil {
		n = len(ranks)
	}
	chosen := make([][]*content.Page, n)
	workers := min(runtime.GOMAXPROCS(0), max(1, n/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			scores := make([]int32, len(pages)) // shared tags, by rank
			var touched []int
			for i := w; i < n; i += workers {
				p := pages[i]
				if ranks != nil {
					p = pages[ranks[i]]
				}
				chosen[i], touched = relatedOf(pages, p, tags(p), scores, touched[:0])
			}
		}()
	}
	wg.Wait()
	return chosen
}

// relatedOf chooses p's related pages from the candidates its tags lead
// to. Pages are told apart by rank: a tag's list may hold another copy of
// p from an earlier build.
func relatedOf(pages []*content.Page, p *content.Page, tags []*content.Tag, scores []int32, touched []int) ([]*content.Page, []int) {
	for _, t := range tags {
		for _, q := range t.Pages[:min(len(t.Pages), relatedTagCap)] {
			if q.Rank == p.Rank {
				continue
			}
			if scores[q.Rank] == 0 {
				touched = append(touched, q.Rank)
			}
			scores[q.Rank]++
		}
	}
	var best [relatedCount]int
	n := 0
	better := func(a, b int) bool { // is candidate a ahead of b?
		if scores[a] != scores[b] {
			return scores[a] > scores[b]
		}
		sa, sb := pages[a].Type == p.Type, pages[b].Type == p.Type
		if sa != sb {
			return sa
		}
		return a < b // newer
	}
	for _, c := range touched {
		if n == relatedCount && !better(c, best[n-1]) {
			continue
		}
		i := min(n, relatedCount-1)
		for i > 0 && better(c, best[i-1]) {
			best[i] = best[i-1]
			i--
		}
		best[i] = c
		n = min(n+1, relatedCount)
	}
	related := make([]*content.Page, n)
	for i := range n {
		related[i] = pages[best[i]]
	}
	for _, c := range touched {
		scores[c] = 0
	}
	return related, touched
}

package taxonomy

import (
	"cmp"
	"runtime"
	"slices"
	"sync"

	"github.com/ideas-hub/hub/generator/content"
)

const relatedCount = 5

// DefaultTagCap bounds how many pages of one tag are considered as
// candidates. A tag on thousands of pages says little about similarity,
// and scanning all of them for every page is what makes naive related
// pages quadratic. The newest pages of such a tag still take part.
const DefaultTagCap = 300

// Related chooses each page up to five related pages: most shared tags
// first, then the same type, then the most recent. Candidates come from
// the tag → pages index, so the cost grows with tags per page, not with
// the site. The zero value is hub's own choice.
type Related struct {
	// TagCap, when above zero, stands for DefaultTagCap: tests lower it
	// so that edits on a small site reach past the cap, as on a big one.
	TagCap int
}

func (r Related) tagCap() int { return cmp.Or(r.TagCap, DefaultTagCap) }

// Link ranks pages, which must be in newest-first order, and gives each
// its related pages.
func (r Related) Link(pages []*content.Page) {
	for i, p := range pages {
		p.Rank = i
	}
	r.For(pages, nil)
}

// For fills the related pages of the pages at the given ranks, or of all
// pages when ranks is nil. Ranks must be set.
func (r Related) For(pages []*content.Page, ranks []int) {
	chosen := r.Choose(pages, ranks, func(p *content.Page) []*content.Tag { return p.Tags })
	for i, rel := range chosen {
		if ranks != nil {
			pages[ranks[i]].Related = rel
		} else {
			pages[i].Related = rel
		}
	}
}

// Choose returns the related pages of the pages at the given ranks (all
// when nil), in that order, with tags giving each page's tags. Pages are
// spread over every core, each worker with its own scores.
func (r Related) Choose(pages []*content.Page, ranks []int, tags func(*content.Page) []*content.Tag) [][]*content.Page {
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
				chosen[i], touched = r.of(pages, p, tags(p), scores, touched[:0])
			}
		}()
	}
	wg.Wait()
	return chosen
}

// of chooses p's related pages from the candidates its tags lead to.
// Pages are told apart by rank: a tag's list may hold another copy of p
// from an earlier build.
func (r Related) of(pages []*content.Page, p *content.Page, tags []*content.Tag, scores []int32, touched []int) ([]*content.Page, []int) {
	tagCap := r.tagCap()
	for _, t := range tags {
		for _, q := range t.Pages[:min(len(t.Pages), tagCap)] {
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

// Affected lists the ranks whose related pages may differ now that the
// pages at the changed ranks have other tags: those pages, and every page
// of a tag (had or now held) whose first TagCap pages, the candidates a
// tag offers, took in or let go one of them. had gives, by rank, the tag
// slugs the related pages were last chosen with; tags are the site's
// tags now, sorted by slug.
func (r Related) Affected(pages []*content.Page, tags []*content.Tag, changed []int, had [][]string) []int {
	if len(changed) == 0 {
		return nil
	}
	tagCap := r.tagCap()
	affected := map[int]bool{}
	for _, c := range changed {
		affected[c] = true
		for _, slug := range slices.Concat(had[c], pages[c].TagSlugs) {
			t, found := Find(tags, slug)
			if !found {
				continue // no page has it now: it offered candidates only to changed pages
			}
			// Pages of t newer than c: c's place in the list, with or without c.
			before, _ := RankIndex(t.Pages, c)
			if before < tagCap {
				for _, p := range t.Pages {
					affected[p.Rank] = true
				}
			}
		}
	}
	redo := make([]int, 0, len(affected))
	for r := range affected {
		redo = append(redo, r)
	}
	slices.Sort(redo)
	return redo
}

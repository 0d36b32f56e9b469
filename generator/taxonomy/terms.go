// Package taxonomy merges the terms pages name (tags, authors, regions and
// the rest) into one term per slug, and chooses each page's related pages
// from the tags they share. It works on content's pages and terms alone:
// the generator calls it when it assembles a site and again, for the pages
// an edit touched, when the preview patches one.
package taxonomy

import (
	"cmp"
	"slices"

	"github.com/ideas-hub/hub/generator/content"
)

// Tags merges the tags of pages by slug, links each page to its tags and
// returns the tags sorted by slug. Pages must already be in newest-first
// order.
func Tags(tax *content.Taxonomy, pages []*content.Page) []*content.Tag {
	return merge(tax, pages, func(p *content.Page) ([]string, []string, *[]*content.Term) {
		return p.TagNames, p.TagSlugs, &p.Tags
	})
}

// Terms merges the terms of the i-th of the taxonomies but tags
// (Taxonomies.Others) across pages, as Tags does tags.
func Terms(tax *content.Taxonomy, i int, pages []*content.Page) []*content.Term {
	return merge(tax, pages, func(p *content.Page) ([]string, []string, *[]*content.Term) {
		pt := &p.Terms[i]
		return pt.Names, pt.Slugs, &pt.Terms
	})
}

// merge merges the values of one taxonomy across pages: spellings that
// share a slug are one term, named by the spelling most pages use. of
// gives a page's names, their slugs and where its merged terms go. Pages
// must be in newest-first order; the terms come back sorted by slug.
func merge(tax *content.Taxonomy, pages []*content.Page, of func(*content.Page) (names, slugs []string, terms *[]*content.Term)) []*content.Term {
	type tally struct {
		term      *content.Term
		spellings Spellings
	}
	bySlug := map[string]*tally{}
	var tallies []*tally
	for _, p := range pages {
		names, slugs, terms := of(p)
		*terms = make([]*content.Term, 0, len(names))
		for i, name := range names {
			s := slugs[i]
			if s == "" {
				continue
			}
			ty := bySlug[s]
			if ty == nil {
				ty = &tally{term: &content.Term{Taxonomy: tax, Slug: s, URL: tax.TermURL(s)}}
				bySlug[s] = ty
				tallies = append(tallies, ty)
			}
			if slices.Contains(*terms, ty.term) { // "Co-production" and "co-production" on one page
				continue
			}
			ty.spellings.Add(name)
			ty.term.Pages = append(ty.term.Pages, p)
			*terms = append(*terms, ty.term)
		}
	}
	out := make([]*content.Term, len(tallies))
	for i, ty := range tallies {
		ty.term.Name = ty.spellings.MostUsed()
		out[i] = ty.term
	}
	slices.SortFunc(out, func(a, b *content.Term) int { return cmp.Compare(a.Slug, b.Slug) })
	return out
}

// Find finds a term by slug in a list sorted by slug.
func Find(terms []*content.Term, slug string) (*content.Term, bool) {
	i, found := slices.BinarySearchFunc(terms, slug, func(t *content.Term, s string) int { return cmp.Compare(t.Slug, s) })
	if !found {
		return nil, false
	}
	return terms[i], true
}

// RankIndex finds the page at rank in a list in rank order (newest
// first), as a term's pages are.
func RankIndex(pages []*content.Page, rank int) (int, bool) {
	return slices.BinarySearchFunc(pages, rank, func(p *content.Page, rank int) int { return cmp.Compare(p.Rank, rank) })
}

// Popular returns up to n terms with the most pages.
func Popular(terms []*content.Term, n int) []*content.Term {
	out := slices.Clone(terms)
	slices.SortStableFunc(out, func(a, b *content.Term) int { return cmp.Compare(len(b.Pages), len(a.Pages)) })
	return out[:min(n, len(out))]
}

// Spellings counts the spellings of one term, to name it by the one most
// pages use. A term has few: a slice beats a map here. The zero value is
// empty.
type Spellings struct{ s []spelling }

type spelling struct {
	name string
	n    int
}

// Add counts one more page spelling the term name.
func (ss *Spellings) Add(name string) {
	for i := range ss.s {
		if ss.s[i].name == name {
			ss.s[i].n++
			return
		}
	}
	ss.s = append(ss.s, spelling{name, 1})
}

// MostUsed is the spelling most pages use. It breaks ties by preferring
// the spelling that sorts first, so the name does not change with the
// order files are read in.
func (ss *Spellings) MostUsed() string {
	best, bestN := "", 0
	for _, s := range ss.s {
		if s.n > bestN || (s.n == bestN && s.name < best) {
			best, bestN = s.name, s.n
		}
	}
	return best
}

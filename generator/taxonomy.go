package generator

import (
	"github.com/ideas-hub/hub/generator/content"

	"cmp"
	"slices"
)

// buildTags merges the tags of pages by slug, links each page to its tags and
// returns the tags sorted by slug. Pages must already be in newest-first order.
func buildTags(tax *content.Taxonomy, pages []*content.Page) []*content.Tag {
	return mergeTerms(tax, pages, func(p *content.Page) ([]string, []string, *[]*content.Term) {
		return p.TagNames, p.TagSlugs, &p.Tags
	})
}

// buildTerms merges the terms of the i-th of the taxonomies but tags
// (Taxonomies.Others) across pages, as buildTags does tags.
func buildTerms(tax *content.Taxonomy, i int, pages []*content.Page) []*content.Term {
	return mergeTerms(tax, pages, func(p *content.Page) ([]string, []string, *[]*content.Term) {
		pt := &p.Terms[i]
		return pt.Names, pt.Slugs, &pt.Terms
	})
}

// mergeTerms merges the values of one taxonomy across pages: spellings
// that share a slug are one term, named by the spelling most pages use.
// of gives a page's names, their slugs and where its merged terms go.
// Pages must be in newest-first order; the terms come back sorted by slug.
func mergeTerms(tax *content.Taxonomy, pages []*content.Page, of func(*content.Page) (names, slugs []string, terms *[]*content.Term)) []*content.Term {
	type tally struct {
		term      *content.Term
		spellings []spelling // few per term: a slice beats a map here
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
			ty.spellings = count(ty.spellings, name)
			ty.term.Pages = append(ty.term.Pages, p)
			*terms = append(*terms, ty.term)
		}
	}
	out := make([]*content.Term, len(tallies))
	for i, ty := range tallies {
		ty.term.Name = mostUsedSpelling(ty.spellings)
		out[i] = ty.term
	}
	slices.SortFunc(out, func(a, b *content.Term) int { return cmp.Compare(a.Slug, b.Slug) })
	return out
}

// findTag finds a term by slug in a list sorted by slug.
func findTag(tags []*content.Term, slug string) (*content.Term, bool) {
	i, found := slices.BinarySearchFunc(tags, slug, func(t *content.Term, s string) int { return cmp.Compare(t.Slug, s) })
	if !found {
		return nil, false
	}
	return tags[i], true
}

// rankIndex finds the page at rank in a list in rank order (newest first).
func rankIndex(pages []*content.Page, rank int) (int, bool) {
	return slices.BinarySearchFunc(pages, rank, func(p *content.Page, rank int) int { return cmp.Compare(p.Rank, rank) })
}

type spelling struct {
	name string
	n    int
}

func count(ss []spelling, name string) []spelling {
	for i := range ss {
		if ss[i].name == name {
			ss[i].n++
			return ss
		}
	}
	return append(ss, spelling{name, 1})
}

// mostUsedSpelling breaks ties by preferring the spelling that sorts first, so
// the name does not change with the order files are read in.
func mostUsedSpelling(ss []spelling) string {
	best, bestN := "", 0
	for _, s := range ss {
		if s.n > bestN || (s.n == bestN && s.name < best) {
			best, bestN = s.name, s.n
		}
	}
	return best
}

// popularTags returns up to n terms with the most pages.
func popularTags(tags []*content.Term, n int) []*content.Term {
	out := slices.Clone(tags)
	slices.SortStableFunc(out, func(a, b *content.Term) int { return cmp.Compare(len(b.Pages), len(a.Pages)) })
	return out[:min(n, len(out))]
}

// TermsOf returns the terms of the taxonomy called name, sorted by slug;
// nil for a name the site has no taxonomy of.
func (s *Site) TermsOf(name string) []*content.Term {
	if name == content.TagsName {
		return s.Tags
	}
	for i, t := range s.Config.Taxonomies.Others() {
		if t.Name == name && i < len(s.Terms) {
			return s.Terms[i]
		}
	}
	return nil
}

// TermBySlug returns the term of the taxonomy called name with that slug,
// or nil.
func (s *Site) TermBySlug(name, slug string) *content.Term {
	t, _ := findTag(s.TermsOf(name), slug)
	return t
}

// termLists pairs each taxonomy of the site, tags first, with its terms.
func (s *Site) termLists() []termList {
	out := []termList{{tax: s.Config.Taxonomies.Tags(), terms: s.Tags}}
	for i, t := range s.Config.Taxonomies.Others() {
		out = append(out, termList{tax: t, terms: s.Terms[i]})
	}
	return out
}

// termList is one taxonomy with its terms, sorted by slug.
type termList struct {
	tax   *content.Taxonomy
	terms []*content.Term
}

package generator

import (
	"cmp"
	"net/url"
	"slices"
	"strings"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/taxonomy"
)

// Beside a type's list (/case-studies/, /events/), each taxonomy's terms
// most used in that type, with how many of its pages have each: a link to
// the term's page, and one to search with the type and the term chosen.

// browseTerms is how many terms of each taxonomy a list shows: enough to
// browse by, few enough that the list stays the page's main content.
const browseTerms = 8

// BrowseGroup is one taxonomy's most used terms among one type's pages.
type BrowseGroup struct {
	Taxonomy *content.Taxonomy
	Terms    []BrowseTerm
}

// BrowseTerm is one term beside a type's list.
type BrowseTerm struct {
	Term   *content.Term
	Count  int    // pages of the type with the term
	Search string // the search for the type's pages with the term
}

func (g BrowseGroup) key(k *hasher) {
	k.str(g.Taxonomy.Name, g.Taxonomy.Title).num(len(g.Terms))
	for _, bt := range g.Terms {
		k.str(bt.Term.Slug, bt.Term.Name, bt.Term.URL, bt.Search).num(bt.Count)
	}
}

// browse returns the groups shown beside the list of type typ, made once
// per Site and type.
func (s *Site) browse(typ string) []BrowseGroup {
	s.browseMu.Lock()
	defer s.browseMu.Unlock()
	if g, ok := s.browsed[typ]; ok {
		return g
	}
	pages := sectionPages(s, typ)
	var groups []BrowseGroup
	for i, tl := range s.termLists() {
		counts := map[string]int{}
		for _, p := range pages {
			slugs := p.TagSlugs
			if i > 0 {
				slugs = p.Terms[i-1].Slugs
			}
			for j, slug := range slugs {
				if slug != "" && !slices.Contains(slugs[:j], slug) {
					counts[slug]++
				}
			}
		}
		if g, ok := browseGroup(tl, typ, counts); ok {
			groups = append(groups, g)
		}
	}
	if s.browsed == nil {
		s.browsed = map[string][]BrowseGroup{}
	}
	s.browsed[typ] = groups
	return groups
}

// browseGroup is the most used terms of counts, by slug: most pages
// first, then by name.
func browseGroup(tl termList, typ string, counts map[string]int) (BrowseGroup, bool) {
	g := BrowseGroup{Taxonomy: tl.tax}
	for slug, n := range counts {
		t, ok := taxonomy.Find(tl.terms, slug)
		if !ok {
			continue
		}
		search := "/search/?type=" + url.QueryEscape(typ) + "&" + url.QueryEscape(tl.tax.Param) + "=" + url.QueryEscape(slug)
		g.Terms = append(g.Terms, BrowseTerm{Term: t, Count: n, Search: search})
	}
	slices.SortFunc(g.Terms, func(a, b BrowseTerm) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(strings.ToLower(a.Term.Name), strings.ToLower(b.Term.Name)),
			cmp.Compare(a.Term.Slug, b.Term.Slug))
	})
	g.Terms = g.Terms[:min(browseTerms, len(g.Terms))]
	return g, len(g.Terms) > 0
}

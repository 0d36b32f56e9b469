package generator

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ideas-hub/hub/generator/content"
)

const (
	// tagsTaxonomy is the name of the taxonomy every site has, as the
	// search index's schema names it.
	tagsTaxonomy = "tags"
	// msgSearchHitTerms is SearchTaxonomy.TermsLabel.
	msgSearchHitTerms = "search.hit_terms"
)

// SearchTaxonomy is a taxonomy of the search index, as the search page
// shows it: a facet group, a filter of the form, a line of each hit.
type SearchTaxonomy struct {
	Name  string `json:"name"`  // its facet's key in the endpoint's JSON, and each hit's
	Param string `json:"param"` // its filter in the URL
	Title string `json:"title"` // the heading of its facet group
	// TermsLabel tells a screen reader what a hit's terms of it are
	// ("Regions:"); a sighted reader sees them beside the type and date.
	TermsLabel string `json:"terms_label"`
}

// SearchTerms are a hit's terms of one taxonomy.
type SearchTerms struct {
	Taxonomy SearchTaxonomy
	Terms    []*content.Tag
}

// SearchFacetGroup is one taxonomy's facet values, under its title.
type SearchFacetGroup struct {
	SearchTaxonomy
	Facets []SearchFacet
	// Counted is false when Facets are only the values the URL chose,
	// kept in the form beside a problem with the search, which counted
	// nothing.
	Counted bool
}

// SearchTaxonomy is the taxonomy of the index named name, filtered by
// param, as the search page shows it.
func (s *Site) SearchTaxonomy(name, param string) SearchTaxonomy {
	title := s.taxonomyTitle(name)
	return SearchTaxonomy{Name: name, Param: param, Title: title, TermsLabel: s.msgs().text(msgSearchHitTerms, "title", title)}
}

// taxonomyTitle is the heading of a taxonomy's facet group: the site's
// title of it (tags: the theme's, unless hub.toml declares another). One
// that only the index knows, built from another config, is titled as its
// name reads: "support-types" as "Support types".
func (s *Site) taxonomyTitle(name string) string {
	if t, ok := s.Config.Taxonomies.Lookup(name); ok {
		return t.Title
	}
	title := strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }), " ")
	r, n := utf8.DecodeRuneInString(title)
	return string(unicode.ToUpper(r)) + title[n:]
}

// TaxonomyFacets are the facet groups of the search's taxonomies, tags
// included, in the index's order, each with facet values to show.
func (sv *SearchView) TaxonomyFacets() []SearchFacetGroup {
	var groups []SearchFacetGroup
	for _, t := range sv.Taxonomies {
		g := SearchFacetGroup{SearchTaxonomy: t, Counted: true}
		for _, f := range sv.Facets {
			if f.Field == t.Param {
				g.Facets = append(g.Facets, f)
			}
		}
		if len(g.Facets) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// TermFilters are the form's filters of each taxonomy but tags (which has
// a field of its own, for any tag): the terms of its facet with their
// counts, the chosen ones checked. Beside a problem, which counted
// nothing, the chosen terms alone stay in the form, so that sending it
// again keeps them.
func (sv *SearchView) TermFilters() []SearchFacetGroup {
	var groups []SearchFacetGroup
	facets := sv.TaxonomyFacets()
	for _, t := range sv.Taxonomies {
		if t.Name == tagsTaxonomy {
			continue
		}
		g := SearchFacetGroup{SearchTaxonomy: t}
		for _, fg := range facets {
			if fg.Name == t.Name {
				g = fg
			}
		}
		if len(g.Facets) == 0 {
			for _, v := range sv.Terms[t.Param] {
				g.Facets = append(g.Facets, SearchFacet{Field: t.Param, Term: v, Label: v, Selected: true})
			}
		}
		if len(g.Facets) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// searchLabelTaxonomies are the taxonomies the search page's script shows
// and filters by: those of the index the server searched, tags included,
// in its order, or on the static page the site's (site). None when tags
// is the only one: the script knows tags, and the page of a site with
// only tags stays as it was.
func searchLabelTaxonomies(sv *SearchView, site []SearchTaxonomy) []SearchTaxonomy {
	taxonomies := site
	if sv != nil {
		taxonomies = sv.Taxonomies
	}
	if !slices.ContainsFunc(taxonomies, func(t SearchTaxonomy) bool { return t.Name != tagsTaxonomy }) {
		return nil
	}
	return taxonomies
}

// searchTaxonomies are the site's taxonomies as its search page shows them.
func (s *Site) searchTaxonomies() []SearchTaxonomy {
	var out []SearchTaxonomy
	for _, t := range s.Config.Taxonomies.All() {
		out = append(out, s.SearchTaxonomy(t.Name, t.Param))
	}
	return out
}

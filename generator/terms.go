package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/taxonomy"
)

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
	t, _ := taxonomy.Find(s.TermsOf(name), slug)
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

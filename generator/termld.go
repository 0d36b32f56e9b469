package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/formats"
)

// termKinds are the schema.org types of the pages of the default
// taxonomies that name someone: an author's page is about a Person, an
// organisation's about an Organization. Other terms are topics and places
// that a BreadcrumbList describes well enough.
func termKinds() map[string]string {
	return map[string]string{"authors": "Person", "organisations": "Organization"}
}

// termSubject is who a term's page is about, or nil: its description's
// title, summary, picture and website.
func termSubject(t *content.Term) *formats.Subject {
	kind, ok := termKinds()[t.Taxonomy.Name]
	if !ok {
		return nil
	}
	s := &formats.Subject{Kind: kind, Path: t.URL, Name: t.Name}
	if a := t.About; a != nil {
		if a.Title != "" {
			s.Name = a.Title
		}
		s.Description, s.Website, s.Image = a.Summary, a.Website, a.Image
	}
	return s
}

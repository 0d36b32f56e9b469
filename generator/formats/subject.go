package formats

import "strings"

// Subject is who a list of pages is about: the person on an author's
// page, the organisation on an organisation's, as schema.org names them.
type Subject struct {
	Kind        string // "Person", "Organization"
	Path        string // the page about it
	Name        string
	Description string // "" for none
	Website     string // its own address, "" for none: then the page is its url
	Image       string // a site path or an absolute URL, "" for none
}

// node is the subject's object in the graph.
func (s *Subject) node(site *Website) map[string]any {
	page := abs(site.BaseURL, s.Path)
	ld := map[string]any{"@type": s.Kind, "name": s.Name, "url": page, "mainEntityOfPage": page}
	if s.Description != "" {
		ld["description"] = s.Description
	}
	if s.Website != "" {
		ld["url"] = s.Website
	}
	switch {
	case strings.Contains(s.Image, "://"):
		ld["image"] = s.Image
	case s.Image != "":
		ld["image"] = abs(site.BaseURL, s.Image)
	}
	return ld
}

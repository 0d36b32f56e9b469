package generator

import (
	"encoding/xml"
	"time"

	"github.com/ideas-hub/hub/generator/content"
)

// Atom is written with encoding/xml rather than gorilla/feeds: its Atom
// output has no rel="self" link, one author per entry, and categories
// without the `term` attribute Atom requires. The format is small and stable.

const feedSize = 20

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Base     string      `xml:"xml:base,attr"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Gen      string      `xml:"generator"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	Content    *atomText      `xml:"content"`
}

// atom renders a feed of the newest pages; self is the feed's own URL. With
// full, entries carry the whole page; otherwise the summary (tag feeds: a
// page is in several of them, and readers follow the link).
func (s *Site) atom(title, self, alternate string, pages []*content.Page, full bool) ([]byte, error) {
	base := s.Config.BaseURL
	f := atomFeed{
		Lang: s.Config.Language, Base: base, Title: title, Subtitle: s.Config.Description,
		ID:     base + trimSlash(alternate),
		Links:  []atomLink{{Rel: "self", Type: "application/atom+xml", Href: base + trimSlash(self)}, {Rel: "alternate", Type: "text/html", Href: base + trimSlash(alternate)}},
		Author: atomPerson{Name: s.Config.Title},
		Gen:    "hub",
	}
	var updated time.Time
	for _, p := range pages[:min(feedSize, len(pages))] {
		modified := p.Modified(s.Now)
		e := atomEntry{
			Title: p.Title, ID: base + trimSlash(p.URL),
			Link:      atomLink{Rel: "alternate", Type: "text/html", Href: base + trimSlash(p.URL)},
			Published: p.SortDate().Format(time.RFC3339),
			Updated:   modified.Format(time.RFC3339),
			Summary:   atomText{Type: "text", Body: p.Summary},
		}
		if full {
			e.Content = &atomText{Type: "html", Body: string(p.Content())}
		}
		for _, a := range p.Authors {
			e.Authors = append(e.Authors, atomPerson{Name: a})
		}
		for _, t := range p.Tags[:min(len(p.Tags), maxFeedCategories)] {
			e.Categories = append(e.Categories, atomCategory{Term: t.Slug, Label: t.Name})
		}
		if modified.After(updated) {
			updated = modified
		}
		f.Entries = append(f.Entries, e)
	}
	if updated.IsZero() {
		updated = s.Now
	}
	f.Updated = updated.Format(time.RFC3339)
	out, err := xml.Marshal(f) // compact already: no minifier pass needed
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}

// feedPages are the pages a feed carries: the first feedSize of every type
// but plain pages.
func feedPages(pages []*content.Page) []*content.Page {
	var out []*content.Page
	for _, p := range pages {
		if len(out) == feedSize {
			break
		}
		if p.Type != content.Plain {
			out = append(out, p)
		}
	}
	return out
}

func trimSlash(u string) string {
	if len(u) > 0 && u[0] == '/' {
		return u[1:]
	}
	return u
}

package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/formats"
	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"

	"strings"
)

// The generator's pages become the plain values of package formats here,
// and nowhere else: what a feed, a calendar or JSON-LD says of a page is
// read in this file.

// feedSize is how many of the newest pages a feed carries.
const feedSize = 20

// atom renders a feed of the newest pages; self is the feed's own URL. With
// full, entries carry the whole page; otherwise the summary (tag feeds: a
// page is in several of them, and readers follow the link).
func (s *Site) atom(title, self, alternate string, pages []*content.Page, full bool) ([]byte, error) {
	pages = pages[:min(feedSize, len(pages))]
	f := &formats.Feed{
		BaseURL: s.Config.BaseURL, Lang: s.Config.Language,
		Title: title, Subtitle: s.Config.Description, Author: s.Config.Title,
		Path: self, PagePath: alternate, Updated: s.Now, Full: full,
		Entries: make([]formats.Entry, len(pages)),
	}
	for i, p := range pages {
		e := &f.Entries[i]
		*e = formats.Entry{Title: p.Title, Path: p.URL, Published: p.SortDate(), Updated: p.Modified(s.Now),
			Authors: p.Authors, Summary: p.Summary}
		if full {
			e.Content = string(p.Content())
		}
		for _, t := range p.Tags { // formats.Atom writes the first MaxCategories
			e.Categories = append(e.Categories, formats.Category{Term: t.Slug, Label: t.Name})
		}
	}
	return formats.Atom(f)
}

// calendar renders events as iCalendar.
func (s *Site) calendar(name string, events []*content.Page) []byte {
	c := &formats.Calendar{Product: s.Config.Title, Name: name, TimeZone: s.Config.Location().String(),
		Description: s.Config.Description, BaseURL: s.Config.BaseURL, Events: make([]formats.Event, len(events))}
	for i, p := range events {
		c.Events[i] = s.calendarEvent(p)
	}
	return formats.ICalendar(c)
}

// calendarEvent is an event as calendar apps show it: its summary, who
// runs it and where to register, then a link to its page.
func (s *Site) calendarEvent(p *content.Page) formats.Event {
	abs := s.Config.BaseURL + trimSlash(p.URL)
	m := s.msgs()
	desc := []string{p.Summary}
	if p.Organiser != "" {
		desc = append(desc, m.text(msgCalOrganiser, "name", p.Organiser))
	}
	if p.RegistrationURL != "" {
		desc = append(desc, m.text(msgCalRegister, "url", p.RegistrationURL))
	}
	desc = append(desc, abs)
	e := formats.Event{ID: p.Slug, Stamp: p.Modified(s.Now), Start: p.Start, End: p.End, AllDay: p.AllDay,
		Title: p.Title, Description: strings.Join(desc, "\n\n"), Location: p.Location, URL: abs}
	if p.AllDay { // its days are those of its own zone
		e.Start = p.Start.In(p.TimeZone)
		if !p.End.IsZero() {
			e.End = p.End.In(p.TimeZone)
		}
	}
	if p.Online {
		e.Location = m.text(msgOnline)
	}
	return e
}

// jsonLD is what the view's page says of itself to search engines.
func (s *Site) jsonLD(v *View) template.JS {
	g := formats.Graph{
		Site: formats.Website{Name: s.Config.Title, Description: s.Config.Description, BaseURL: s.Config.BaseURL},
		Home: v.Kind == "home",
	}
	if v.Page != nil {
		thing := s.jsonLDThing(v.Page)
		g.Page = &thing
	}
	if v.Term != nil {
		g.About = termSubject(v.Term)
	}
	if len(v.Breadcrumbs) > 1 {
		g.Breadcrumbs = make([]formats.Crumb, len(v.Breadcrumbs))
		for i, c := range v.Breadcrumbs {
			g.Breadcrumbs[i] = formats.Crumb{Name: c.Name, Path: c.URL}
		}
	}
	return formats.JSONLD(&g)
}

// jsonLDThing is a page in schema.org terms, of the kind its content type
// names. Every field is filled whatever the type: the kind decides which
// are read.
func (s *Site) jsonLDThing(p *content.Page) formats.Thing {
	kind := "Article"
	if typ, ok := s.Config.Types.Lookup(p.Type); ok {
		kind = typ.JSONLD
	}
	t := formats.Thing{Kind: kind, Path: p.URL, Title: p.Title, Summary: p.Summary,
		Authors: p.Authors, ImagePath: publishedImage(p), Published: p.Date, Modified: p.Updated, About: p.Organisation,
		Event: formats.EventDetails{Start: p.Start, End: p.End, AllDay: p.AllDay, Online: p.Online,
			Location: p.Location, Organiser: p.Organiser, RegistrationURL: p.RegistrationURL},
		Report: formats.Report{Title: p.ReportTitle, Author: p.ReportAuthor, Publisher: p.ReportPublisher,
			Year: p.ReportYear, URL: p.ReportURL},
	}
	if len(p.Tags) > 0 {
		t.Keywords = make([]string, len(p.Tags))
		for i, tag := range p.Tags {
			t.Keywords[i] = tag.Name
		}
	}
	return t
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

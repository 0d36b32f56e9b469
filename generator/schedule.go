package generator

import (
	"strings"

	"github.com/ideas-hub/hub/generator/content"
)

// Scheduled types (events, and a site's own types with a `start` date)
// have a calendar of their list beside each page's own: events at
// /events/calendar.ics, a site's type at /<folder>/calendar.ics.

// scheduledSections are the types whose lists have a calendar.
func scheduledSections(types *content.Types) []*content.Type {
	var out []*content.Type
	for _, sec := range types.Sections() {
		if sec.Scheduled() {
			out = append(out, sec)
		}
	}
	return out
}

// sectionCalendar is the output path of a scheduled type's calendar.
func sectionCalendar(sec *content.Type) string { return sec.Folder + "/calendar.ics" }

// addSectionCalendar adds the calendar of a scheduled type's pages.
func (r *renderer) addSectionCalendar(sec *content.Type) {
	s, m := r.site, r.site.msgs()
	name := m.text(msgCalendar, "site", s.Config.Title)
	if !sec.Builtin {
		name = m.text(msgSectionCalendar, "site", s.Config.Title, "name", strings.ToLower(sec.Plural))
	}
	r.addCalendar(sectionCalendar(sec), name, calendarPages(sectionPages(s, sec.Name)))
}

// calendarPages are the pages of a list that have a start: all of an
// events list, and those of a site's type that give one.
func calendarPages(pages []*content.Page) []*content.Page {
	for i, p := range pages {
		if !p.ByStart() {
			out := append([]*content.Page(nil), pages[:i]...)
			for _, q := range pages[i+1:] {
				if q.ByStart() {
					out = append(out, q)
				}
			}
			return out
		}
	}
	return pages
}

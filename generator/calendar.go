package generator

import (
	"github.com/ideas-hub/hub/generator/content"

	"net/url"
	"strings"

	ics "github.com/arran4/golang-ical"
)

// calendar renders events as iCalendar. Times are written in UTC, which is
// exact across time zones and daylight saving without shipping VTIMEZONE
// rules; calendar apps show them in the reader's own zone. All-day events
// use DATE values.
func (s *Site) calendar(name string, events []*content.Page) []byte {
	cal := ics.NewCalendarFor(s.Config.Title)
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(name)
	cal.SetXWRTimezone(s.Config.Location().String())
	if s.Config.Description != "" {
		cal.SetXWRCalDesc(s.Config.Description)
	}
	host := "hub"
	if u, err := url.Parse(s.Config.BaseURL); err == nil && u.Host != "" {
		host = u.Host
	}
	for _, p := range events {
		ev := cal.AddEvent(p.Slug + "@" + host)
		ev.SetDtStampTime(p.Modified(s.Now))
		if p.AllDay {
			start := p.Start.In(p.TimeZone)
			ev.SetAllDayStartAt(start)
			end := start.AddDate(0, 0, 1)
			if !p.End.IsZero() {
				end = p.End.In(p.TimeZone).AddDate(0, 0, 1) // DTEND is exclusive
			}
			ev.SetAllDayEndAt(end)
		} else {
			ev.SetStartAt(p.Start)
			if !p.End.IsZero() {
				ev.SetEndAt(p.End)
			}
		}
		ev.SetSummary(p.Title)
		abs := s.Config.BaseURL + trimSlash(p.URL)
		desc := []string{p.Summary}
		if p.Organiser != "" {
			desc = append(desc, "Organiser: "+p.Organiser)
		}
		if p.RegistrationURL != "" {
			desc = append(desc, "Register: "+p.RegistrationURL)
		}
		desc = append(desc, abs)
		ev.SetDescription(strings.Join(desc, "\n\n"))
		if p.Online {
			ev.SetLocation("Online")
		} else {
			ev.SetLocation(p.Location)
		}
		ev.SetURL(abs)
	}
	return []byte(cal.Serialize(ics.WithNewLine("\r\n"))) // RFC 5545 lines end in CRLF
}

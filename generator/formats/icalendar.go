package formats

import (
	"net/url"
	"time"

	ics "github.com/arran4/golang-ical"
)

// Calendar is an iCalendar file of events.
type Calendar struct {
	Product     string // who publishes it: the site's title
	Name        string // the calendar's name in a calendar app
	TimeZone    string // the site's zone, a hint for apps: times are in UTC
	Description string // "" for none
	BaseURL     string // the site's address: its host makes each event's UID unique
	Events      []Event
}

// Event is one event of a calendar.
type Event struct {
	ID    string    // unique within the site (a page's slug); the UID adds the site's host
	Stamp time.Time // when the event's description last changed
	// Start and End (zero: not given) are instants; with AllDay they are
	// days, read in the times' own zone, and End is the last day.
	Start, End  time.Time
	AllDay      bool
	Title       string
	Description string
	Location    string
	URL         string // the event's page
}

// ICalendar writes c as RFC 5545 text. Times are written in UTC, which is
// exact across time zones and daylight saving without shipping VTIMEZONE
// rules; calendar apps show them in the reader's own zone. All-day events
// use DATE values.
func ICalendar(c *Calendar) []byte {
	cal := ics.NewCalendarFor(c.Product)
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(c.Name)
	cal.SetXWRTimezone(c.TimeZone)
	if c.Description != "" {
		cal.SetXWRCalDesc(c.Description)
	}
	host := "hub"
	if u, err := url.Parse(c.BaseURL); err == nil && u.Host != "" {
		host = u.Host
	}
	for _, e := range c.Events {
		ev := cal.AddEvent(e.ID + "@" + host)
		ev.SetDtStampTime(e.Stamp)
		if e.AllDay {
			ev.SetAllDayStartAt(e.Start)
			last := e.Start
			if !e.End.IsZero() {
				last = e.End
			}
			ev.SetAllDayEndAt(last.AddDate(0, 0, 1)) // DTEND is exclusive
		} else {
			ev.SetStartAt(e.Start)
			if !e.End.IsZero() {
				ev.SetEndAt(e.End)
			}
		}
		ev.SetSummary(e.Title)
		ev.SetDescription(e.Description)
		ev.SetLocation(e.Location)
		ev.SetURL(e.URL)
	}
	return []byte(cal.Serialize(ics.WithNewLine("\r\n"))) // RFC 5545 lines end in CRLF
}

package formats

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
)

// icsLines unfolds an iCalendar text into its content lines, failing on
// any line not ended by CRLF or longer than RFC 5545's 75 octets.
func icsLines(t *testing.T, data []byte) []string {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatalf("does not end in CRLF: %q", data)
	}
	var lines []string
	for i, l := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if strings.HasPrefix(l, " ") && len(lines) > 0 {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

func TestICalendarEvents(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	auckland, err := time.LoadLocation("Pacific/Auckland")
	if err != nil {
		t.Fatal(err)
	}
	stamp := time.Date(2026, 12, 4, 9, 0, 0, 0, london)
	tests := []struct {
		name    string
		event   Event
		want    []string // content lines of the VEVENT, in order
		notWant []string // property names it must not have
	}{
		{"timed, in UTC across daylight saving",
			Event{ID: "roadshow", Stamp: stamp, Start: time.Date(2027, 3, 29, 18, 30, 0, 0, london), End: time.Date(2027, 3, 29, 20, 0, 0, 0, london),
				Title: "Roadshow", Description: "Come along.", Location: "Town hall", URL: "https://hub.example/events/roadshow/"},
			[]string{"UID:roadshow@hub.example", "DTSTAMP:20261204T090000Z", "DTSTART:20270329T173000Z", "DTEND:20270329T190000Z",
				"SUMMARY:Roadshow", "DESCRIPTION:Come along.", "LOCATION:Town hall", "URL:https://hub.example/events/roadshow/"}, nil},
		{"timed without an end has no DTEND",
			Event{ID: "x", Stamp: stamp, Start: time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC)},
			[]string{"DTSTART:20270101T120000Z"}, []string{"DTEND"}},
		{"all day: one day ends the next (DTEND is exclusive)",
			Event{ID: "x", Stamp: stamp, AllDay: true, Start: time.Date(2027, 3, 28, 0, 0, 0, 0, london)},
			[]string{"DTSTART;VALUE=DATE:20270328", "DTEND;VALUE=DATE:20270329"}, nil},
		{"all day: the day after the last",
			Event{ID: "x", Stamp: stamp, AllDay: true, Start: time.Date(2027, 3, 28, 0, 0, 0, 0, london), End: time.Date(2027, 3, 29, 0, 0, 0, 0, london)},
			[]string{"DTSTART;VALUE=DATE:20270328", "DTEND;VALUE=DATE:20270330"}, nil},
		{"all day: days of the event's own zone, not UTC's",
			Event{ID: "x", Stamp: stamp, AllDay: true, Start: time.Date(2027, 1, 1, 0, 0, 0, 0, auckland), End: time.Date(2027, 1, 2, 0, 0, 0, 0, auckland)},
			[]string{"DTSTART;VALUE=DATE:20270101", "DTEND;VALUE=DATE:20270103"}, nil},
		{"all day across the end of a month",
			Event{ID: "x", Stamp: stamp, AllDay: true, Start: time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC)},
			[]string{"DTSTART;VALUE=DATE:20270228", "DTEND;VALUE=DATE:20270301"}, nil},
		{"text escaped",
			Event{ID: "x", Stamp: stamp, Start: stamp, Title: `Q&A: one, two; three\four`, Description: "Para one.\n\nOrganiser: Hartlepower, Ltd",
				Location: "Room 1; floor 2"},
			[]string{`SUMMARY:Q&A: one\, two\; three\\four`, `DESCRIPTION:Para one.\n\nOrganiser: Hartlepower\, Ltd`, `LOCATION:Room 1\; floor 2`}, nil},
		{"long lines folded",
			Event{ID: "x", Stamp: stamp, Start: stamp, Description: strings.Repeat("café and a long description ", 10)},
			[]string{"DESCRIPTION:" + strings.Repeat("café and a long description ", 10)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := icsLines(t, ICalendar(&Calendar{Product: "Hub", Name: "Hub: events", TimeZone: "Europe/London",
				BaseURL: "https://hub.example/", Events: []Event{tt.event}}))
			begin, end := slices.Index(lines, "BEGIN:VEVENT"), slices.Index(lines, "END:VEVENT")
			if begin < 0 || end < begin {
				t.Fatalf("no VEVENT in %q", lines)
			}
			event := lines[begin+1 : end]
			at := 0
			for _, w := range tt.want {
				i := slices.Index(event[at:], w)
				if i < 0 {
					t.Fatalf("no %q after line %d of\n%s", w, at, strings.Join(event, "\n"))
				}
				at += i + 1
			}
			for _, name := range tt.notWant {
				for _, l := range event {
					if strings.HasPrefix(l, name+":") || strings.HasPrefix(l, name+";") {
						t.Errorf("has %q", l)
					}
				}
			}
		})
	}
}

func TestICalendarHeader(t *testing.T) {
	tests := []struct {
		name string
		cal  Calendar
		want []string
		not  string
	}{
		{"named, described, zoned", Calendar{Product: "Ideas hub", Name: "Ideas hub: events", TimeZone: "Europe/London", Description: "Good practice, shared"},
			[]string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Ideas hub//Golang ICS Library", "METHOD:PUBLISH",
				"X-WR-CALNAME:Ideas hub: events", "X-WR-TIMEZONE:Europe/London", `X-WR-CALDESC:Good practice\, shared`, "END:VCALENDAR"}, ""},
		{"no description", Calendar{Product: "Hub", Name: "Hub", TimeZone: "UTC"}, []string{"X-WR-TIMEZONE:UTC"}, "X-WR-CALDESC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := icsLines(t, ICalendar(&tt.cal))
			for _, w := range tt.want {
				if !slices.Contains(lines, w) {
					t.Errorf("no %q in\n%s", w, strings.Join(lines, "\n"))
				}
			}
			if tt.not != "" && strings.Contains(strings.Join(lines, "\n"), tt.not) {
				t.Errorf("has %s:\n%s", tt.not, strings.Join(lines, "\n"))
			}
		})
	}
}

// An event's UID is its ID at the site's host, so two hubs' calendars
// never clash in one app; a site without an address still gets one.
func TestICalendarUIDs(t *testing.T) {
	for base, want := range map[string]string{
		"https://hub.example:8443/sub/": "UID:e@hub.example:8443",
		"/":                             "UID:e@hub",
		"":                              "UID:e@hub",
	} {
		lines := icsLines(t, ICalendar(&Calendar{BaseURL: base, Events: []Event{{ID: "e", Start: time.Now()}}}))
		if !slices.Contains(lines, want) {
			t.Errorf("base %q: no %q in %q", base, want, lines)
		}
	}
}

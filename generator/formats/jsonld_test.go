package formats

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestJSONLD(t *testing.T) {
	site := Website{Name: "Ideas hub", Description: "Good practice", BaseURL: "https://hub.example/"}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	published := time.Date(2025, 5, 1, 0, 0, 0, 0, london)
	crumbs := []Crumb{{"Home", "/"}, {"Case studies", "/case-studies/"}, {"Night bus", "/case-studies/night-bus/"}}
	publisher := `"publisher":{"@type":"Organization","name":"Ideas hub","url":"https://hub.example/"}`
	tests := []struct {
		name  string
		graph Graph
		want  string // JSON, compared as data
	}{
		{"nothing to say", Graph{Breadcrumbs: crumbs[:1]}, ``},
		{"home: the site and its search; a trail of one left out", Graph{Home: true, Breadcrumbs: crumbs[:1]},
			`{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Ideas hub","url":"https://hub.example/","description":"Good practice",
			"potentialAction":{"@type":"SearchAction","target":"https://hub.example/search/?q={query}","query-input":"required name=query"}}]}`},
		{"article with breadcrumbs", Graph{Breadcrumbs: crumbs, Page: &Thing{Kind: "Article", Path: "/case-studies/night-bus/",
			Title: "Night bus", Summary: "A bus.", Authors: []string{"Immy Robinson", "Sam Ng"}, Keywords: []string{"Transport", "Wales"},
			ImagePath: "/img/bus.jpg", Published: published, Modified: published.AddDate(0, 1, 0), About: "Bws Nos",
			Event: EventDetails{Location: "ignored"}, Report: Report{Title: "ignored"}}},
			`{"@context":"https://schema.org","@graph":[
			{"@type":"Article","url":"https://hub.example/case-studies/night-bus/","description":"A bus.","headline":"Night bus",
			 "keywords":["Transport","Wales"],"image":"https://hub.example/img/bus.jpg","about":{"@type":"Organization","name":"Bws Nos"},
			 "datePublished":"2025-05-01T00:00:00+01:00","dateModified":"2025-06-01T00:00:00+01:00",
			 "author":[{"@type":"Person","name":"Immy Robinson"},{"@type":"Person","name":"Sam Ng"}],` + publisher + `},
			{"@type":"BreadcrumbList","itemListElement":[
			 {"@type":"ListItem","position":1,"name":"Home","item":"https://hub.example/"},
			 {"@type":"ListItem","position":2,"name":"Case studies","item":"https://hub.example/case-studies/"},
			 {"@type":"ListItem","position":3,"name":"Night bus","item":"https://hub.example/case-studies/night-bus/"}]}]}`},
		{"a kind a site names is a creative work", Graph{Page: &Thing{Kind: "CreativeWork", Path: "/toolkits/t/", Title: "Toolkit", Published: published}},
			`{"@context":"https://schema.org","@graph":[{"@type":"CreativeWork","url":"https://hub.example/toolkits/t/","description":"",
			 "headline":"Toolkit","datePublished":"2025-05-01T00:00:00+01:00",` + publisher + `}]}`},
		{"online all-day event: its registration page is its place", Graph{Page: &Thing{Kind: "Event", Path: "/events/e/", Title: "Webinar",
			Summary: "Talk.", Published: published, Authors: []string{"not an event's"}, About: "not an event's",
			Event: EventDetails{Start: time.Date(2027, 3, 28, 0, 0, 0, 0, london), End: time.Date(2027, 3, 29, 0, 0, 0, 0, london), AllDay: true,
				Online: true, Organiser: "Black Thrive", RegistrationURL: "https://tickets.example/e"}}},
			`{"@context":"https://schema.org","@graph":[{"@type":"Event","url":"https://hub.example/events/e/","description":"Talk.","name":"Webinar",
			 "eventStatus":"https://schema.org/EventScheduled","startDate":"2027-03-28","endDate":"2027-03-29",
			 "eventAttendanceMode":"https://schema.org/OnlineEventAttendanceMode","location":{"@type":"VirtualLocation","url":"https://tickets.example/e"},
			 "organizer":{"@type":"Organization","name":"Black Thrive"},"offers":{"@type":"Offer","url":"https://tickets.example/e"}}]}`},
		{"online event without registration: its own page is its place", Graph{Page: &Thing{Kind: "Event", Path: "/events/e/", Title: "Webinar",
			Event: EventDetails{Start: time.Date(2027, 3, 29, 18, 30, 0, 0, london), Online: true}}},
			`{"@context":"https://schema.org","@graph":[{"@type":"Event","url":"https://hub.example/events/e/","description":"","name":"Webinar",
			 "eventStatus":"https://schema.org/EventScheduled","startDate":"2027-03-29T18:30:00+01:00",
			 "eventAttendanceMode":"https://schema.org/OnlineEventAttendanceMode","location":{"@type":"VirtualLocation","url":"https://hub.example/events/e/"}}]}`},
		{"event in a place", Graph{Page: &Thing{Kind: "Event", Path: "/events/r/", Title: "Roadshow",
			Event: EventDetails{Start: time.Date(2027, 3, 27, 18, 30, 0, 0, london), End: time.Date(2027, 3, 27, 20, 0, 0, 0, london), Location: "Town hall, Hartlepool"}}},
			`{"@context":"https://schema.org","@graph":[{"@type":"Event","url":"https://hub.example/events/r/","description":"","name":"Roadshow",
			 "eventStatus":"https://schema.org/EventScheduled","startDate":"2027-03-27T18:30:00Z","endDate":"2027-03-27T20:00:00Z",
			 "eventAttendanceMode":"https://schema.org/OfflineEventAttendanceMode",
			 "location":{"@type":"Place","name":"Town hall, Hartlepool","address":"Town hall, Hartlepool"}}]}`},
		{"review of a report", Graph{Page: &Thing{Kind: "Review", Path: "/report-reviews/q/", Title: "On questions", Published: published,
			Authors: []string{"Sam Ng"}, About: "not a review's",
			Report: Report{Title: "Questions", Author: "A. Writer", Publisher: "Nesta", Year: 2019, URL: "https://nesta.example/q"}}},
			`{"@context":"https://schema.org","@graph":[{"@type":"Review","url":"https://hub.example/report-reviews/q/","description":"","name":"On questions",
			 "itemReviewed":{"@type":"Report","name":"Questions","author":{"@type":"Person","name":"A. Writer"},
			  "publisher":{"@type":"Organization","name":"Nesta"},"datePublished":"2019","url":"https://nesta.example/q"},
			 "datePublished":"2025-05-01T00:00:00+01:00","author":[{"@type":"Person","name":"Sam Ng"}],` + publisher + `}]}`},
		{"review of a report known by title and author", Graph{Page: &Thing{Kind: "Review", Path: "/report-reviews/q/", Title: "On questions", Published: published,
			Report: Report{Title: "Questions", Author: "A. Writer"}}},
			`{"@context":"https://schema.org","@graph":[{"@type":"Review","url":"https://hub.example/report-reviews/q/","description":"","name":"On questions",
			 "itemReviewed":{"@type":"Report","name":"Questions","author":{"@type":"Person","name":"A. Writer"}},
			 "datePublished":"2025-05-01T00:00:00+01:00",` + publisher + `}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.graph.Site = site
			got := string(JSONLD(&tt.graph))
			if tt.want == "" {
				if got != "" {
					t.Fatalf("got %s, want nothing", got)
				}
				return
			}
			var gotData, wantData any
			if err := json.Unmarshal([]byte(got), &gotData); err != nil {
				t.Fatalf("%v\n%s", err, got)
			}
			if err := json.Unmarshal([]byte(tt.want), &wantData); err != nil {
				t.Fatalf("the test's JSON: %v", err)
			}
			if !reflect.DeepEqual(gotData, wantData) {
				t.Errorf("got\n%s\nwant\n%s", got, strings.Join(strings.Fields(tt.want), " "))
			}
		})
	}
}

// JSON-LD sits in a <script> element: no text a page gives it can close
// the element or open a comment.
func TestJSONLDIsSafeInAScript(t *testing.T) {
	evil := "</script><script>alert(1)</script><!-- & \u2028"
	got := string(JSONLD(&Graph{Site: Website{Name: evil, BaseURL: "https://hub.example/"}, Home: true,
		Page:        &Thing{Kind: "Article", Path: "/a/", Title: evil, Keywords: []string{evil}, Authors: []string{evil}},
		Breadcrumbs: []Crumb{{"Home", "/"}, {evil, "/a/"}}}))
	if strings.ContainsAny(got, "<>&\u2028") {
		t.Errorf("unescaped: %s", got)
	}
	var read map[string]any
	if err := json.Unmarshal([]byte(got), &read); err != nil {
		t.Fatal(err)
	}
	if title := read["@graph"].([]any)[0].(map[string]any)["headline"]; title != evil {
		t.Errorf("headline reads back as %q", title)
	}
}

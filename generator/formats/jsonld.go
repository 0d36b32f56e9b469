package formats

import (
	"strconv"
	"time"

	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
)

// Website is the site as JSON-LD names it: the publisher of its pages
// and, on its home page, a WebSite with its search.
type Website struct {
	Name, Description string
	BaseURL           string // the site's address, ending in "/"
}

// Graph is what JSON-LD says of one HTML page.
type Graph struct {
	Site        Website
	Home        bool     // the site's home page: adds the WebSite
	Page        *Thing   // the content page shown, nil for lists
	About       *Subject // who a list of pages is about, nil for most
	Breadcrumbs []Crumb  // the trail to the page; a trail of one is left out
}

// Crumb is one step of a breadcrumb trail.
type Crumb struct {
	Name, Path string
}

// Thing is a content page in schema.org terms. Kind is its schema.org
// type, taken as data so that a content type names its own: "Event" and
// "Review" have shapes of their own and read Event and Report; any other
// kind ("Article", "CreativeWork", …) is a creative work with a headline,
// About and a publisher.
type Thing struct {
	Kind      string
	Path      string
	Title     string
	Summary   string
	Authors   []string // people
	Keywords  []string
	ImagePath string    // "" for none
	Published time.Time // not read for an Event
	Modified  time.Time // zero: never updated
	About     string    // the organisation a creative work is about, "" for none
	Event     EventDetails
	Report    Report
}

// EventDetails say when and where an event is, and who runs it.
type EventDetails struct {
	Start, End      time.Time // End zero: not given
	AllDay          bool      // Start and End are dates
	Online          bool
	Location        string // where, when not online
	Organiser       string
	RegistrationURL string
}

// Report is the report a Review reviews.
type Report struct {
	Title, Author, Publisher string
	Year                     int // 0: not known
	URL                      string
}

// JSONLD describes a page for search engines in schema.org terms, as a
// @graph of the page's Thing, the WebSite on the home page, and a
// BreadcrumbList. appendJSON escapes <, > and &, so the result is safe
// inside a <script> element.
func JSONLD(g *Graph) template.JS {
	base := g.Site.BaseURL
	var graph []any
	if g.Page != nil {
		graph = append(graph, g.Page.node(&g.Site))
	}
	if g.About != nil {
		graph = append(graph, g.About.node(&g.Site))
	}
	if g.Home {
		graph = append(graph, map[string]any{
			"@type": "WebSite", "name": g.Site.Name, "url": base,
			"description": g.Site.Description,
			"potentialAction": map[string]any{
				"@type":       "SearchAction",
				"target":      base + "search/?q={query}",
				"query-input": "required name=query",
			},
		})
	}
	if len(g.Breadcrumbs) > 1 {
		var items []any
		for i, c := range g.Breadcrumbs {
			items = append(items, map[string]any{"@type": "ListItem", "position": i + 1,
				"name": c.Name, "item": abs(base, c.Path)})
		}
		graph = append(graph, map[string]any{"@type": "BreadcrumbList", "itemListElement": items})
	}
	if graph == nil {
		return ""
	}
	return template.JS(appendJSON(nil, map[string]any{"@context": "https://schema.org", "@graph": graph}))
}

// node is the Thing's object in the graph.
func (t *Thing) node(site *Website) map[string]any {
	url := abs(site.BaseURL, t.Path)
	ld := map[string]any{"@type": t.Kind, "url": url, "description": t.Summary}
	if len(t.Keywords) > 0 {
		ld["keywords"] = t.Keywords
	}
	if t.ImagePath != "" {
		ld["image"] = abs(site.BaseURL, t.ImagePath)
	}
	switch t.Kind {
	case "Event":
		t.Event.describe(ld, t.Title, url)
		return ld
	case "Review":
		ld["name"] = t.Title
		ld["itemReviewed"] = t.Report.node()
	default:
		ld["headline"] = t.Title
		if t.About != "" {
			ld["about"] = map[string]any{"@type": "Organization", "name": t.About}
		}
	}
	ld["datePublished"] = t.Published.Format(time.RFC3339)
	if !t.Modified.IsZero() {
		ld["dateModified"] = t.Modified.Format(time.RFC3339)
	}
	var authors []any
	for _, a := range t.Authors {
		authors = append(authors, map[string]any{"@type": "Person", "name": a})
	}
	if authors != nil {
		ld["author"] = authors
	}
	ld["publisher"] = map[string]any{"@type": "Organization", "name": site.Name, "url": site.BaseURL}
	return ld
}

// describe adds an event's properties to ld: when, where (or online), who
// runs it. url is the event's page, its place when online and no
// registration page is given.
func (e *EventDetails) describe(ld map[string]any, name, url string) {
	ld["name"] = name
	ld["eventStatus"] = "https://schema.org/EventScheduled"
	ld["startDate"] = ldTime(e.Start, e.AllDay)
	if !e.End.IsZero() {
		ld["endDate"] = ldTime(e.End, e.AllDay)
	}
	if e.Online {
		ld["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
		loc := map[string]any{"@type": "VirtualLocation", "url": url}
		if e.RegistrationURL != "" {
			loc["url"] = e.RegistrationURL
		}
		ld["location"] = loc
	} else {
		ld["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
		ld["location"] = map[string]any{"@type": "Place", "name": e.Location, "address": e.Location}
	}
	if e.Organiser != "" {
		ld["organizer"] = map[string]any{"@type": "Organization", "name": e.Organiser}
	}
	if e.RegistrationURL != "" {
		ld["offers"] = map[string]any{"@type": "Offer", "url": e.RegistrationURL}
	}
}

func ldTime(t time.Time, allDay bool) string {
	if allDay {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

// node is the report's object in the graph.
func (r *Report) node() map[string]any {
	item := map[string]any{"@type": "Report", "name": r.Title,
		"author": map[string]any{"@type": "Person", "name": r.Author}}
	if r.Publisher != "" {
		item["publisher"] = map[string]any{"@type": "Organization", "name": r.Publisher}
	}
	if r.Year != 0 {
		item["datePublished"] = strconv.Itoa(r.Year)
	}
	if r.URL != "" {
		item["url"] = r.URL
	}
	return item
}

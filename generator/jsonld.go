package generator

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/ideas-hub/hub/generator/content"
)

// jsonLD describes a page for search engines in schema.org terms: Article for
// case studies, stories and pages, Event for events, Review for report
// reviews, WebSite on the home page; every page with breadcrumbs adds a
// BreadcrumbList. appendJSON escapes <, > and &, so the result is safe
// inside a <script> element.
func (s *Site) jsonLD(v *View) template.JS {
	var graph []any
	if v.Page != nil {
		graph = append(graph, s.pageLD(v.Page))
	}
	if v.Kind == "home" {
		graph = append(graph, map[string]any{
			"@type": "WebSite", "name": s.Config.Title, "url": s.Config.BaseURL,
			"description": s.Config.Description,
			"potentialAction": map[string]any{
				"@type":       "SearchAction",
				"target":      s.Config.BaseURL + "search/?q={query}",
				"query-input": "required name=query",
			},
		})
	}
	if len(v.Breadcrumbs) > 1 {
		var items []any
		for i, c := range v.Breadcrumbs {
			items = append(items, map[string]any{"@type": "ListItem", "position": i + 1,
				"name": c.Name, "item": s.Config.BaseURL + trimSlash(c.URL)})
		}
		graph = append(graph, map[string]any{"@type": "BreadcrumbList", "itemListElement": items})
	}
	if graph == nil {
		return ""
	}
	return template.JS(appendJSON(nil, map[string]any{"@context": "https://schema.org", "@graph": graph}))
}

// appendJSON appends v as json.Marshal writes it, for the few types JSON-LD
// is made of: maps with sorted keys, lists, text and whole numbers. It is a
// fifth of json.Marshal's cost, which reflected over every value of every
// page (0.47 s of a 10,000-page build); a test holds the two to the same
// bytes. Any other type is a mistake here, and panics.
func appendJSON(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendJSONString(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case []string:
		return appendJSONList(b, v, appendJSONString)
	case []any:
		return appendJSONList(b, v, appendJSON)
	case map[string]any:
		if v == nil {
			return append(b, "null"...)
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k)
			b = append(b, ':')
			b = appendJSON(b, v[k])
		}
		return append(b, '}')
	}
	panic(fmt.Sprintf("appendJSON: %T", v))
}

// appendJSONList appends list as a JSON array, each element by appendElem.
func appendJSONList[T any](b []byte, list []T, appendElem func([]byte, T) []byte) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, e := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendElem(b, e)
	}
	return append(b, ']')
}

// appendJSONString quotes s as json.Marshal does, escaping <, > and & too.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func (s *Site) pageLD(p *content.Page) map[string]any {
	abs := s.Config.BaseURL + trimSlash(p.URL)
	ld := map[string]any{"url": abs, "description": p.Summary}
	var authors []any
	for _, a := range p.Authors {
		authors = append(authors, map[string]any{"@type": "Person", "name": a})
	}
	var keywords []string
	for _, t := range p.Tags {
		keywords = append(keywords, t.Name)
	}
	if len(keywords) > 0 {
		ld["keywords"] = keywords
	}
	if p.Image != "" {
		ld["image"] = s.Config.BaseURL + trimSlash(p.Image)
	}
	publisher := map[string]any{"@type": "Organization", "name": s.Config.Title, "url": s.Config.BaseURL}
	switch p.Type {
	case content.Event:
		eventLD(ld, p, abs)
		return ld
	case content.ReportReview:
		reviewLD(ld, p)
	default:
		ld["@type"] = "Article"
		ld["headline"] = p.Title
		if p.Organisation != "" {
			ld["about"] = map[string]any{"@type": "Organization", "name": p.Organisation}
		}
	}
	ld["datePublished"] = p.Date.Format(time.RFC3339)
	if !p.Updated.IsZero() {
		ld["dateModified"] = p.Updated.Format(time.RFC3339)
	}
	if authors != nil {
		ld["author"] = authors
	}
	ld["publisher"] = publisher
	return ld
}

func ldTime(t time.Time, allDay bool) string {
	if allDay {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

// eventLD describes an event: when, where (or online), who runs it.
func eventLD(ld map[string]any, p *content.Page, abs string) {
	ld["@type"] = "Event"
	ld["name"] = p.Title
	ld["eventStatus"] = "https://schema.org/EventScheduled"
	ld["startDate"] = ldTime(p.Start, p.AllDay)
	if !p.End.IsZero() {
		ld["endDate"] = ldTime(p.End, p.AllDay)
	}
	if p.Online {
		ld["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
		loc := map[string]any{"@type": "VirtualLocation", "url": abs}
		if p.RegistrationURL != "" {
			loc["url"] = p.RegistrationURL
		}
		ld["location"] = loc
	} else {
		ld["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
		ld["location"] = map[string]any{"@type": "Place", "name": p.Location, "address": p.Location}
	}
	if p.Organiser != "" {
		ld["organizer"] = map[string]any{"@type": "Organization", "name": p.Organiser}
	}
	if p.RegistrationURL != "" {
		ld["offers"] = map[string]any{"@type": "Offer", "url": p.RegistrationURL}
	}
}

// reviewLD describes a report review and the report it reviews.
func reviewLD(ld map[string]any, p *content.Page) {
	ld["@type"] = "Review"
	ld["name"] = p.Title
	item := map[string]any{"@type": "Report", "name": p.ReportTitle,
		"author": map[string]any{"@type": "Person", "name": p.ReportAuthor}}
	if p.ReportPublisher != "" {
		item["publisher"] = map[string]any{"@type": "Organization", "name": p.ReportPublisher}
	}
	if p.ReportYear != 0 {
		item["datePublished"] = strconv.Itoa(p.ReportYear)
	}
	if p.ReportURL != "" {
		item["url"] = p.ReportURL
	}
	ld["itemReviewed"] = item
}

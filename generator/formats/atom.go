package formats

import (
	"encoding/xml"
	"time"
)

// Atom is written with encoding/xml rather than gorilla/feeds: its Atom
// output has no rel="self" link, one author per entry, and categories
// without the `term` attribute Atom requires. The format is small and stable.

// MaxCategories is how many categories an entry carries. A page is an
// entry in the feed of each of its tags, so with every tag in each entry
// the feeds grew with the square of its tags; as its cards do, an entry
// names the first few (the hub's pages have at most 7), and the page
// itself names them all.
const MaxCategories = 10

// Feed is an Atom feed of a site's pages.
type Feed struct {
	BaseURL  string // the site's address, ending in "/"
	Lang     string // the site's language, "" for none
	Title    string
	Subtitle string
	Author   string // who publishes the feed: the site
	Path     string // the feed's own address (its rel="self" link)
	PagePath string // the HTML page the feed follows: its id and rel="alternate" link
	// Updated is the feed's time when no entry gives one (a feed without
	// entries); otherwise the feed is as new as its newest entry.
	Updated time.Time
	Full    bool // entries carry their Content; otherwise only their Summary
	Entries []Entry
}

// Entry is one page in a feed.
type Entry struct {
	Title      string
	Path       string
	Published  time.Time
	Updated    time.Time
	Authors    []string
	Categories []Category // the first MaxCategories are written
	Summary    string     // plain text
	Content    string     // HTML, written when the feed is Full
}

// Category is a term an entry is filed under: Term is its slug, Label its
// name as readers see it.
type Category struct {
	Term, Label string
}

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

// Atom writes f as an Atom 1.0 document. Its output is compact already:
// no minifier pass needed.
func Atom(f *Feed) ([]byte, error) {
	base := f.BaseURL
	out := atomFeed{
		Lang: f.Lang, Base: base, Title: f.Title, Subtitle: f.Subtitle,
		ID: abs(base, f.PagePath),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: abs(base, f.Path)},
			{Rel: "alternate", Type: "text/html", Href: abs(base, f.PagePath)},
		},
		Author: atomPerson{Name: f.Author},
		Gen:    "hub",
	}
	var updated time.Time
	for _, e := range f.Entries {
		u := abs(base, e.Path)
		ae := atomEntry{
			Title: e.Title, ID: u,
			Link:      atomLink{Rel: "alternate", Type: "text/html", Href: u},
			Published: e.Published.Format(time.RFC3339),
			Updated:   e.Updated.Format(time.RFC3339),
			Summary:   atomText{Type: "text", Body: e.Summary},
		}
		if f.Full {
			ae.Content = &atomText{Type: "html", Body: e.Content}
		}
		for _, a := range e.Authors {
			ae.Authors = append(ae.Authors, atomPerson{Name: a})
		}
		for _, c := range e.Categories[:min(len(e.Categories), MaxCategories)] {
			ae.Categories = append(ae.Categories, atomCategory{Term: c.Term, Label: c.Label})
		}
		if e.Updated.After(updated) {
			updated = e.Updated
		}
		out.Entries = append(out.Entries, ae)
	}
	if updated.IsZero() {
		updated = f.Updated
	}
	out.Updated = updated.Format(time.RFC3339)
	data, err := xml.Marshal(out)
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), data...), nil
}

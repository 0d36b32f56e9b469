package formats

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Feeds written by hand are the bytes encoding/xml wrote, whatever the
// text holds: markup characters, quotes, white space, characters XML
// cannot hold, invalid UTF-8.
func TestAtomIsWhatEncodingXMLWrote(t *testing.T) {
	t.Parallel()
	odd := []string{"", "plain", `a<b>&"c"'d'`, "tab\tnl\ncr\r", "ctl\x00\x01\x1f\x7f", "bad\xff\xfeutf8",
		"é 日本 🙂 \ufffd \ufffe \uffff", "\u2028\u2029", strings.Repeat("long & ", 200)}
	zone := time.FixedZone("", 5*3600+1800)
	clock := time.Date(2026, 3, 1, 12, 30, 45, 123, zone)
	for i, s := range odd {
		for _, full := range []bool{false, true} {
			f := &Feed{BaseURL: "https://hub.example/" + s + "/", Lang: s, Title: s, Subtitle: s, Author: s,
				Path: "/feed" + s + ".xml", PagePath: "/p" + s + "/", Updated: clock.Add(time.Duration(i) * time.Hour), Full: full}
			for j := range i {
				cats := make([]Category, j*2)
				for k := range cats {
					cats[k] = Category{Term: fmt.Sprintf("t%d%s", k, s), Label: odd[(k+j)%len(odd)]}
				}
				f.Entries = append(f.Entries, Entry{Title: odd[j], Path: "/e/" + odd[j] + "/",
					Published: clock.AddDate(0, 0, -j), Updated: clock.AddDate(0, 0, j-3).UTC(),
					Authors: odd[:j%3], Categories: cats, Summary: odd[(j+1)%len(odd)], Content: s + odd[j]})
			}
			got, err := Atom(f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := atomByEncodingXML(f)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("%q, full %v:\n got %s\nwant %s", s, full, got, want)
			}
		}
	}
	var zero Feed
	got, _ := Atom(&zero)
	want, _ := atomByEncodingXML(&zero)
	if string(got) != string(want) {
		t.Errorf("empty feed:\n got %s\nwant %s", got, want)
	}
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

// atomByEncodingXML is Atom as it was written with encoding/xml, which
// Atom must match byte for byte.
func atomByEncodingXML(f *Feed) ([]byte, error) {
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

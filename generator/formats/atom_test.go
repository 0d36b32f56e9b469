package formats

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"
)

// readAtom is what a feed reader takes from a feed.
type readAtom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Base    string   `xml:"http://www.w3.org/XML/1998/namespace base,attr"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Title      string   `xml:"title"`
		ID         string   `xml:"id"`
		Authors    []string `xml:"author>name"`
		Categories []struct {
			Term  string `xml:"term,attr"`
			Label string `xml:"label,attr"`
		} `xml:"category"`
		Summary string  `xml:"summary"`
		Content *string `xml:"content"`
	} `xml:"entry"`
}

func parseAtom(t *testing.T, f *Feed) (string, readAtom) {
	t.Helper()
	data, err := Atom(f)
	if err != nil {
		t.Fatal(err)
	}
	var r readAtom
	if err := xml.Unmarshal(data, &r); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return string(data), r
}

func TestAtomLinksAreAbsoluteAndSelfNamesTheFeed(t *testing.T) {
	clock := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	_, r := parseAtom(t, &Feed{BaseURL: "https://hub.example/sub/", Lang: "en-GB", Title: "Hub: Wales",
		Path: "/tags/wales/feed.xml", PagePath: "/tags/wales/", Updated: clock,
		Entries: []Entry{{Title: "A", Path: "/stories/a/", Published: clock, Updated: clock}}})
	if r.Lang != "en-GB" || r.Base != "https://hub.example/sub/" || r.ID != "https://hub.example/sub/tags/wales/" {
		t.Errorf("lang %q, base %q, id %q", r.Lang, r.Base, r.ID)
	}
	links := fmt.Sprint(r.Links)
	if want := "[{self application/atom+xml https://hub.example/sub/tags/wales/feed.xml} {alternate text/html https://hub.example/sub/tags/wales/}]"; links != want {
		t.Errorf("links %s\nwant  %s", links, want)
	}
	if r.Entries[0].ID != "https://hub.example/sub/stories/a/" {
		t.Errorf("entry id %q", r.Entries[0].ID)
	}
}

func TestAtomEntries(t *testing.T) {
	clock := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	jan, feb := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), time.Date(2026, 2, 5, 9, 0, 0, 0, time.UTC)
	many := make([]Category, MaxCategories+3)
	for i := range many {
		many[i] = Category{Term: fmt.Sprintf("t%d", i), Label: fmt.Sprintf("T %d", i)}
	}
	tests := []struct {
		name  string
		feed  Feed
		check func(t *testing.T, raw string, r readAtom)
	}{
		{"no entries: the feed's own time", Feed{Updated: clock}, func(t *testing.T, raw string, r readAtom) {
			if r.Updated != "2026-03-01T12:00:00Z" || len(r.Entries) != 0 {
				t.Errorf("updated %q, %d entries", r.Updated, len(r.Entries))
			}
		}},
		{"as new as the newest entry", Feed{Updated: clock, Entries: []Entry{{Updated: jan}, {Updated: feb}, {Updated: jan}}},
			func(t *testing.T, raw string, r readAtom) {
				if r.Updated != "2026-02-05T09:00:00Z" {
					t.Errorf("updated %q", r.Updated)
				}
			}},
		{"categories capped", Feed{Entries: []Entry{{Categories: many}}}, func(t *testing.T, raw string, r readAtom) {
			got := r.Entries[0].Categories
			if len(got) != MaxCategories || got[0].Term != "t0" || got[MaxCategories-1].Label != fmt.Sprintf("T %d", MaxCategories-1) {
				t.Errorf("categories %v", got)
			}
		}},
		{"one author element each", Feed{Entries: []Entry{{Authors: []string{"Immy Robinson", "Sam Ng"}}, {}}},
			func(t *testing.T, raw string, r readAtom) {
				if fmt.Sprint(r.Entries[0].Authors) != "[Immy Robinson Sam Ng]" || r.Entries[1].Authors != nil {
					t.Errorf("authors %q, %q", r.Entries[0].Authors, r.Entries[1].Authors)
				}
			}},
		{"summary feed has no content", Feed{Entries: []Entry{{Summary: "s", Content: "<p>body</p>"}}},
			func(t *testing.T, raw string, r readAtom) {
				if r.Entries[0].Content != nil || strings.Contains(raw, "body") {
					t.Errorf("content written: %s", raw)
				}
			}},
		{"full feed has content, even empty", Feed{Full: true, Entries: []Entry{{Content: "<p>body</p>"}, {}}},
			func(t *testing.T, raw string, r readAtom) {
				if c := r.Entries[0].Content; c == nil || *c != "<p>body</p>" {
					t.Errorf("content %v", c)
				}
				if c := r.Entries[1].Content; c == nil || *c != "" {
					t.Errorf("empty body: content %v", c)
				}
				if !strings.Contains(raw, `<content type="html">&lt;p&gt;body&lt;/p&gt;</content>`) {
					t.Errorf("HTML is not escaped as text: %s", raw)
				}
			}},
		{"text escaped", Feed{Title: `Q&A <"hub">`, Entries: []Entry{{Title: "Tom & Jerry's <b>", Summary: "1 < 2 & 3"}}},
			func(t *testing.T, raw string, r readAtom) {
				if r.Title != `Q&A <"hub">` || r.Entries[0].Title != "Tom & Jerry's <b>" || r.Entries[0].Summary != "1 < 2 & 3" {
					t.Errorf("read back %q, %q, %q", r.Title, r.Entries[0].Title, r.Entries[0].Summary)
				}
				if strings.Contains(raw, "<b>") {
					t.Errorf("markup leaked: %s", raw)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.feed.BaseURL = "https://hub.example/"
			raw, r := parseAtom(t, &tt.feed)
			tt.check(t, raw, r)
		})
	}
}

package formats

import (
	"encoding/xml"
	"time"
	"unicode/utf8"
)

// Atom is written here rather than with gorilla/feeds: its Atom output has
// no rel="self" link, one author per entry, and categories without the
// `term` attribute Atom requires. The format is small and stable.

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

// Atom writes f as an Atom 1.0 document, byte for byte what encoding/xml
// made of it (atom_test.go compares the two), but by hand: a site has a
// feed for each tag, and encoding/xml's reflection over 10,000 pages'
// entries was most of the time the feeds took. Its output is compact
// already: no minifier pass needed.
func Atom(f *Feed) ([]byte, error) {
	base := f.BaseURL
	size := 512 + len(base) + len(f.Title) + len(f.Subtitle) + len(f.Author) + 2*len(f.PagePath) + len(f.Path)
	for _, e := range f.Entries {
		size += 320 + 2*(len(base)+len(e.Path)) + len(e.Title) + len(e.Summary)
		if f.Full {
			size += len(e.Content) + len(e.Content)/8
		}
	}
	b := make([]byte, 0, size)
	b = append(b, xml.Header...)
	b = append(b, `<feed xmlns="http://www.w3.org/2005/Atom"`...)
	if f.Lang != "" {
		b = attr(b, "xml:lang", f.Lang)
	}
	b = attr(b, "xml:base", base)
	b = append(b, '>')
	b = element(b, "title", f.Title)
	if f.Subtitle != "" {
		b = element(b, "subtitle", f.Subtitle)
	}
	b = element(b, "id", abs(base, f.PagePath))
	var updated time.Time
	for _, e := range f.Entries {
		if e.Updated.After(updated) {
			updated = e.Updated
		}
	}
	if updated.IsZero() {
		updated = f.Updated
	}
	b = stamp(b, "updated", updated)
	b = link(b, "self", "application/atom+xml", abs(base, f.Path))
	b = link(b, "alternate", "text/html", abs(base, f.PagePath))
	b = append(b, "<author>"...)
	b = element(b, "name", f.Author)
	b = append(b, "</author><generator>hub</generator>"...)
	for i := range f.Entries {
		b = entry(b, base, &f.Entries[i], f.Full)
	}
	return append(b, "</feed>"...), nil
}

// entry writes one <entry>.
func entry(b []byte, base string, e *Entry, full bool) []byte {
	u := abs(base, e.Path)
	b = append(b, "<entry>"...)
	b = element(b, "title", e.Title)
	b = element(b, "id", u)
	b = link(b, "alternate", "text/html", u)
	b = stamp(b, "published", e.Published)
	b = stamp(b, "updated", e.Updated)
	for _, a := range e.Authors {
		b = append(b, "<author>"...)
		b = element(b, "name", a)
		b = append(b, "</author>"...)
	}
	for _, c := range e.Categories[:min(len(e.Categories), MaxCategories)] {
		b = append(b, "<category"...)
		b = attr(b, "term", c.Term)
		if c.Label != "" {
			b = attr(b, "label", c.Label)
		}
		b = append(b, "></category>"...)
	}
	b = append(b, `<summary type="text">`...)
	b = escapeXML(b, e.Summary)
	b = append(b, "</summary>"...)
	if full {
		b = append(b, `<content type="html">`...)
		b = escapeXML(b, e.Content)
		b = append(b, "</content>"...)
	}
	return append(b, "</entry>"...)
}

// element writes <name>text</name>; encoding/xml never shortens an empty one.
func element(b []byte, name, text string) []byte {
	b = append(append(append(b, '<'), name...), '>')
	b = escapeXML(b, text)
	return append(append(append(b, "</"...), name...), '>')
}

// attr writes ` name="value"`.
func attr(b []byte, name, value string) []byte {
	b = append(append(append(b, ' '), name...), `="`...)
	return append(escapeXML(b, value), '"')
}

// link writes an Atom link with its relation and media type.
func link(b []byte, rel, typ, href string) []byte {
	b = append(b, "<link"...)
	b = attr(b, "rel", rel)
	b = attr(b, "type", typ)
	b = attr(b, "href", href)
	return append(b, "></link>"...)
}

// stamp writes t as an RFC 3339 element.
func stamp(b []byte, name string, t time.Time) []byte {
	b = append(append(append(b, '<'), name...), '>')
	b = t.AppendFormat(b, time.RFC3339)
	return append(append(append(b, "</"...), name...), '>')
}

// escapeXML appends s escaped as encoding/xml escapes text and attribute
// values: the five markup characters, tab, newline and carriage return as
// references, and what XML cannot hold (invalid UTF-8 included) as U+FFFD.
func escapeXML(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\'' && c != '&' && c != '<' && c != '>' {
			i++ // the common case, plain ASCII
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !inXMLRange(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
				break
			}
			i += width
			continue
		}
		b = append(append(b, s[last:i]...), esc...)
		i += width
		last = i
	}
	return append(b, s[last:]...)
}

// inXMLRange reports whether XML 1.0 allows the character r.
func inXMLRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

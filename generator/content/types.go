// Package content is the content model's data: the content types a site
// publishes, declared once, and what the rest of hub reads of them.
package content

import (
	"slices"
	"strings"
)

// Kind is what a front matter key's value must be.
type Kind string

// The kinds a key can have; hub.toml names them as these strings.
const (
	KindText   Kind = "text"
	KindList   Kind = "list"   // of text
	KindDate   Kind = "date"   // RFC 3339, "2006-01-02 15:04" or "2006-01-02"
	KindURL    Kind = "url"    // absolute http(s)
	KindYear   Kind = "year"   // a whole number
	KindBool   Kind = "bool"   // true or false
	KindNumber Kind = "number" // any number
)

// Kinds lists every kind, in the order messages suggest them.
func Kinds() []Kind {
	return []Kind{KindText, KindList, KindDate, KindURL, KindYear, KindBool, KindNumber}
}

// Key is one front matter key a type takes beyond the keys every type takes.
type Key struct {
	Name string
	Kind Kind
	// Missing follows "missing required key `name`" in the error for a
	// required key that is not there: what to write.
	Missing string
	// Example is what `hub new` writes for it: the placeholder text of a
	// key it asks for, the commented-out example value of another; "" leaves
	// the key out. {date} stands for a date a month after today, {year} for
	// this year.
	Example string
	// Ask makes `hub new` write the key with a placeholder the editor must
	// replace (`hub check` reports it until then).
	Ask bool
}

// Type is one kind of content: its folder under content/, its names, its
// keys and how other formats see it. The built-in types and a site's own
// are the same data.
type Type struct {
	Name     string // "case-study": front matter, search filters, layouts/<name>.html
	Folder   string // "case-studies": under content/ and the first URL segment; "" for plain pages
	Singular string // "Case study"
	Plural   string // "Case studies", for headings
	JSONLD   string // schema.org type of its pages
	// Description says what its list holds, under the list's heading; the
	// built-in types' are the theme's.
	Description string
	Keys        []Key // its own keys, in the order `hub new` writes them
	Required    []string
	// Search lists the keys whose text its search documents carry beside
	// title, summary and body, so a reader finds a case study by its place.
	Search []string
	// Builtin marks the four types hub ships; their keys fill typed fields
	// of the page, a site's own types' keys fill Page.Fields.
	Builtin bool
}

// Key returns t's own key of that name.
func (t *Type) Key(name string) (Key, bool) {
	for _, k := range t.Keys {
		if k.Name == name {
			return k, true
		}
	}
	return Key{}, false
}

// MissingText follows "missing required key `name`" in the error for a
// required key of t that a page leaves out.
func (t *Type) MissingText(name string) string {
	if k, ok := t.Key(name); ok {
		return k.Missing
	}
	if name == "date" {
		return dateMissing
	}
	return ""
}

// Requires reports whether name is one of t's required keys.
func (t *Type) Requires(name string) bool { return slices.Contains(t.Required, name) }

// The built-in type names.
const (
	CaseStudy    = "case-study"
	ReportReview = "report-review"
	Event        = "event"
	Story        = "story"
	Plain        = "page" // a file outside the typed folders
)

// CommonKeys are the front matter keys every type takes.
func CommonKeys() []string {
	return []string{"title", "date", "updated", "summary", "tags", "authors",
		"draft", "slug", "aliases", "image", "image_alt", "image_credit", "image_caption"}
}

const dateMissing = ", e.g. date: 2025-04-14"

func builtin() []*Type {
	return []*Type{
		{
			Name: CaseStudy, Folder: "case-studies", Singular: "Case study", Plural: "Case studies",
			JSONLD: "Article", Builtin: true, Required: []string{"date"},
			Keys: []Key{
				{Name: "organisation", Kind: KindText, Example: "who did it"},
				{Name: "place", Kind: KindText, Example: "town or area"},
				{Name: "region", Kind: KindText, Example: "e.g. Wales"},
				{Name: "website", Kind: KindURL, Example: "https://…"},
				{Name: "outcomes", Kind: KindList, Example: "[what changed, in a few words each]"},
			},
			Search: []string{"organisation", "place", "region", "outcomes"},
		},
		{
			Name: ReportReview, Folder: "report-reviews", Singular: "Report review", Plural: "Report reviews",
			JSONLD: "Review", Builtin: true, Required: []string{"date", "report_title", "report_author"},
			Keys: []Key{
				{Name: "report_title", Kind: KindText, Missing: ": the title of the report under review", Example: "the title of the report", Ask: true},
				{Name: "report_author", Kind: KindText, Missing: ": who wrote the report", Example: "who wrote the report", Ask: true},
				{Name: "report_publisher", Kind: KindText, Example: "who published it"},
				{Name: "report_year", Kind: KindYear, Example: "{year}"},
				{Name: "report_url", Kind: KindURL, Example: "https://… where to read it"},
			},
			Search: []string{"report_title", "report_author", "report_publisher"},
		},
		{
			Name: Event, Folder: "events", Singular: "Event", Plural: "Events",
			JSONLD: "Event", Builtin: true, Required: []string{"start"},
			Keys: []Key{
				{Name: "start", Kind: KindDate, Missing: ", e.g. start: 2027-03-18 14:00", Example: "when it starts, e.g. {date} 14:00", Ask: true},
				{Name: "end", Kind: KindDate, Example: "{date} 16:00"},
				{Name: "timezone", Kind: KindText},
				{Name: "location", Kind: KindText, Example: "where it happens (for an online event, delete this line and write online: true)", Ask: true},
				{Name: "online", Kind: KindBool},
				{Name: "registration_url", Kind: KindURL, Example: "https://…"},
				{Name: "organiser", Kind: KindText, Example: "who runs it"},
				{Name: "featured", Kind: KindList, Example: "[organisations taking part]"},
			},
			Search: []string{"organiser", "location", "featured"},
		},
		{
			Name: Story, Folder: "stories", Singular: "Story", Plural: "Stories",
			JSONLD: "Article", Builtin: true, Required: []string{"date"},
		},
		// A plain page (About) has always been an Article in hub's JSON-LD;
		// WebPage would change every one of them.
		{Name: Plain, Singular: "Page", Plural: "Pages", JSONLD: "Article", Builtin: true},
	}
}

// Types is the registry of a site's content types: the built-in ones and,
// in the order hub.toml declares them, the site's own.
type Types struct {
	all   []*Type
	known []string // KnownKeys, made once: every page's keys are checked against it
}

// Builtin returns a registry of hub's own types.
func Builtin() *Types { return newTypes(builtin()) }

func newTypes(all []*Type) *Types {
	ts := &Types{all: all}
	ts.known = CommonKeys()
	for _, t := range all {
		for _, k := range t.Keys {
			if !slices.Contains(ts.known, k.Name) {
				ts.known = append(ts.known, k.Name)
			}
		}
	}
	slices.Sort(ts.known)
	return ts
}

// All returns every type, those with a folder first in the order the site
// presents them, plain pages last.
func (ts *Types) All() []*Type {
	out := make([]*Type, 0, len(ts.all))
	for _, t := range ts.all {
		if t.Folder != "" {
			out = append(out, t)
		}
	}
	for _, t := range ts.all {
		if t.Folder == "" {
			out = append(out, t)
		}
	}
	return out
}

// Sections returns the types with a folder, in the order the site presents
// them: lists, menus, facets.
func (ts *Types) Sections() []*Type {
	var out []*Type
	for _, t := range ts.all {
		if t.Folder != "" {
			out = append(out, t)
		}
	}
	return out
}

// Names returns every type's name, in the order of All.
func (ts *Types) Names() []string {
	var names []string
	for _, t := range ts.All() {
		names = append(names, t.Name)
	}
	return names
}

// Lookup returns the type called name.
func (ts *Types) Lookup(name string) (*Type, bool) {
	for _, t := range ts.all {
		if t.Name == name {
			return t, true
		}
	}
	return nil, false
}

// Singular is the name of one page of type name: "Case study"; "Page"
// for a name no type has.
func (ts *Types) Singular(name string) string {
	if t, ok := ts.Lookup(name); ok {
		return t.Singular
	}
	return "Page"
}

// Plural is the heading of type name's pages: "Case studies"; "Pages" for
// a name no type has.
func (ts *Types) Plural(name string) string {
	if t, ok := ts.Lookup(name); ok {
		return t.Plural
	}
	return "Pages"
}

// URL is the list of type name's pages: "/case-studies/"; the home page
// for plain pages, which have no list.
func (ts *Types) URL(name string) string {
	if t, ok := ts.Lookup(name); ok && t.Folder != "" {
		return "/" + t.Folder + "/"
	}
	return "/"
}

// InFolder returns the type whose folder is dir.
func (ts *Types) InFolder(dir string) (*Type, bool) {
	for _, t := range ts.all {
		if t.Folder != "" && t.Folder == dir {
			return t, true
		}
	}
	return nil, false
}

// Of returns the type of a file's first folder under content/: the typed
// folder's type, else plain pages.
func (ts *Types) Of(dir string) *Type {
	if t, ok := ts.InFolder(dir); ok {
		return t
	}
	t, _ := ts.Lookup(Plain)
	return t
}

// KnownKeys returns every key any type takes, sorted: a key spelled close
// to one of them is a typo worth a "did you mean".
func (ts *Types) KnownKeys() []string { return slices.Clone(ts.known) }

// IsKnownKey reports whether any type takes the key.
func (ts *Types) IsKnownKey(name string) bool {
	_, found := slices.BinarySearch(ts.known, name)
	return found
}

// NameList is the type names joined for a message: "case-study, event, page".
func (ts *Types) NameList() string { return strings.Join(ts.Names(), ", ") }

// SuggestKey returns the known key that k is probably a misspelling of.
// Short keys allow one edit, longer ones two; a different case is one too.
func (ts *Types) SuggestKey(k string) (string, bool) {
	if ts.IsKnownKey(k) {
		return "", false
	}
	return Closest(k, ts.known)
}

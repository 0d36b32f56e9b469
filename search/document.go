package search

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Document is one published page, as the generator hands it over.
type Document struct {
	URL     string // "/case-studies/blaengarw-timebank/": unique, the document ID
	Title   string
	Summary string
	// Body is the plain text of the page body, taken from the markdown
	// AST, with a line break after each block (heading, paragraph, list
	// item): snippets read a break as the end of a sentence.
	Body    string
	Type    string    // one of the schema's Types
	Tags    []string  // tag slugs, e.g. "co-production"
	Date    time.Time // zero = undated; for events the start
	Authors []string
	// Extra is the type-specific text: organisation, place, region, report
	// title, author and publisher, organiser, featured organisations.
	Extra []string
	// Terms are the page's terms of each taxonomy but tags, by taxonomy
	// name ({"regions": ["wales"]}): slugs or any spelling of them.
	Terms map[string][]string
}

// DayLayout is how dates travel in requests and hits.
const DayLayout = "2006-01-02"

// Check reports what makes d unfit for an index of schema s: no URL, a
// type s does not have, or terms of a taxonomy s does not have.
func (d *Document) Check(s Schema) error {
	switch {
	case d.URL == "":
		return fmt.Errorf("document %q has no URL", d.Title)
	case !s.ValidType(d.Type):
		return fmt.Errorf("%s: unknown type %q (want one of %s)", d.URL, d.Type, strings.Join(s.Types, ", "))
	}
	for name := range d.Terms {
		if !slices.ContainsFunc(s.Extra(), func(t Taxonomy) bool { return t.Name == name }) {
			return fmt.Errorf("%s: terms of unknown taxonomy %q (want one of %s)", d.URL, name, strings.Join(taxonomyNames(s.Extra()), ", "))
		}
	}
	return nil
}

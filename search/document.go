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
	Type    string    // one of Types
	Tags    []string  // tag slugs, e.g. "co-production"
	Date    time.Time // zero = undated; for events the start
	Authors []string
	// Extra is the type-specific text: organisation, place, region, report
	// title, author and publisher, organiser, featured organisations.
	Extra []string
}

// The page types of the contract. Types lists them in the order facets and
// help texts show them.
const (
	TypeCaseStudy    = "case-study"
	TypeReportReview = "report-review"
	TypeEvent        = "event"
	TypeStory        = "story"
	TypePage         = "page"
)

// Types is every valid value of Document.Type and of the endpoint's type filter.
// It is a function rather than a variable so that no caller can change it.
func Types() []string {
	return []string{TypeCaseStudy, TypeReportReview, TypeEvent, TypeStory, TypePage}
}

// ValidType reports whether t is one of Types.
func ValidType(t string) bool { return slices.Contains(Types(), t) }

// dayLayout is how dates travel in requests and hits.
const dayLayout = "2006-01-02"

// civilTime returns the wall-clock reading of t as if it were UTC. The index
// stores dates this way so that a page dated 2024-05-01 in the site's time zone
// is inside from=2024-05-01 whatever that zone's offset, while pages of one day
// still sort by their time.
func civilTime(t time.Time) time.Time {
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, m, d, h, mi, s, t.Nanosecond(), time.UTC)
}

// validate reports what makes d unindexable.
func (d *Document) validate() error {
	switch {
	case d.URL == "":
		return fmt.Errorf("document %q has no URL", d.Title)
	case !ValidType(d.Type):
		return fmt.Errorf("%s: unknown type %q (want one of %s)", d.URL, d.Type, strings.Join(Types(), ", "))
	case !d.Date.IsZero() && (d.Date.Year() < minYear || d.Date.Year() > maxYear):
		return fmt.Errorf("%s: date %s is outside %d–%d", d.URL, d.Date.Format(dayLayout), minYear, maxYear)
	}
	return nil
}

// bleve keeps dates as int64 nanoseconds since 1970, so only these years fit.
const (
	minYear = 1678
	maxYear = 2261
)

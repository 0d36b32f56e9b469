package content

import (
	"slices"

	"github.com/ideas-hub/hub/generator/diag"
	"github.com/ideas-hub/hub/generator/imageproc"

	"time"
)

// Page is one published content file with everything the layouts show.
type Page struct {
	Path    string // relative to the site: "content/events/x.md"
	Type    string
	Section string // first folder under content/, "" for top-level pages
	Slug    string
	URL     string // site-relative: "/events/x/"

	Title    string
	Summary  string
	Date     time.Time // events: the start, unless the front matter gives a date
	Updated  time.Time
	Dated    bool // the front matter gives a date: an event's start is no edit
	Authors  []string
	Draft    bool
	Aliases  []string
	AliasPos []diag.Pos // where each alias is written, for errors
	Image    string
	ImageAlt string
	// ImageCredit says who made the picture ("Photo by …"), ImageCaption
	// what it shows; both go in its figcaption.
	ImageCredit, ImageCaption string
	// Picture is the front matter's image as processed (nil when there is
	// none, or it is not the site's own); Pictures is every picture the
	// page shows, its lead and its body's, whose files a build publishes.
	Picture  *imageproc.Placed
	Pictures []*imageproc.Placed
	TagNames []string // as written in front matter, trimmed; Tags holds the merged tags
	Params   map[string]any

	// case-study
	Organisation, Place, Region, Website string
	Outcomes                             []string
	// report-review
	ReportTitle, ReportAuthor, ReportPublisher, ReportURL string
	ReportYear                                            int
	// event
	Start, End      time.Time
	AllDay          bool
	TimeZone        *time.Location // the event's own zone; display uses the site's
	Location        string
	Online          bool
	RegistrationURL string
	Organiser       string
	Featured        []string

	// Scheduled: the page's type has a `start` date (events, and a site's
	// own types that declare one), so it is listed and published by it.
	Scheduled bool
	// Fields holds the values of a site-defined type's own keys, in the
	// order the type declares them (see Field).
	Fields []Field

	Body      Packed // rendered body (HTML): Content()
	Plain     Packed // body as plain text, for search: PlainText()
	WordCount int

	Tags []*Tag
	// Terms are the page's terms of every taxonomy but tags, in the order
	// of the site's Taxonomies.Others.
	Terms   []PageTerms
	Related []*Page
	Source  *Source
	Rank    int // position in the site's newest-first order

	// Computed once when the file is read, so rebuilds need not redo them.
	TagSlugs []string // slug of each of TagNames
	OwnKey   uint64   // hash of the front matter fields and summary
	BodyKey  uint64   // hash of Content

	MetaKey uint64 // set on the Site's copy: ownKey and the tags' names
}

// IsUpcoming reports whether an event (or another scheduled page) has
// not yet ended at now.
func (p *Page) IsUpcoming(now time.Time) bool {
	return p.ByStart() && !p.EventEnd().Before(now)
}

// ByStart reports whether the page is dated by its start: a scheduled
// page that gives one (an event always does).
func (p *Page) ByStart() bool { return p.Scheduled && !p.Start.IsZero() }

// EventEnd is when an event is over: its end, else its start, or the end of
// its day when it lasts all day.
func (p *Page) EventEnd() time.Time {
	end := p.End
	if end.IsZero() {
		end = p.Start
		if p.AllDay {
			end = end.AddDate(0, 0, 1)
		}
	}
	return end
}

// SortDate is the date lists and feeds order by: an event's start, else its date.
func (p *Page) SortDate() time.Time {
	if p.ByStart() {
		return p.Start
	}
	return p.Date
}

// Modified is when the page last changed, as feeds, the sitemap and
// calendar stamps say: its `updated`, else its `date`; never later than
// now, so an event dated ahead of the clock, or known only by its start,
// is not stamped in the future. Of `updated` and a later `date` (a slip),
// the later is taken. A page with neither, or dated ahead of the clock, is
// stamped with the start of the clock's day: the preview's clock moves
// with every rebuild, and a stamp that moved with it would rewrite every
// feed and calendar of undated pages on each save.
func (p *Page) Modified(now time.Time) time.Time {
	t := p.Updated
	if p.Dated && p.Date.After(t) {
		t = p.Date
	}
	if t.IsZero() || t.After(now) {
		y, m, d := now.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	}
	return t
}

// AliasAt is where p's i-th alias is written.
func (p *Page) AliasAt(i int) diag.Pos {
	if i < len(p.AliasPos) {
		return p.AliasPos[i]
	}
	return diag.Pos{}
}

// Spelling is how p spells the tag with slug, the first time it does:
// the Spelling that counts towards the tag's name.
func (p *Page) Spelling(slug string) string {
	i := slices.Index(p.TagSlugs, slug)
	if i < 0 {
		return ""
	}
	return p.TagNames[i]
}

package generator

import (
	"strings"
	"time"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/i18n"
	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
)

// View is the data every layout receives. Kind says which fields are set:
//
//	home     Home
//	section  Section, Pages, Pager (one type's list; events upcoming first), Browse
//	page     Page (single content page; its template is named for its type)
//	taxonomy Taxonomy, Terms (every term, sorted by name)
//	term     Taxonomy, Term, TypeCounts, Pages, Pager
//	search   Search (nil in the static build: the page then explains search needs the endpoint),
//	         Tags (every tag, sorted by slug: see SearchLabels)
//	404      nothing more
type View struct {
	Site        *SiteInfo
	Kind        string
	Title       string // the page's heading
	DocTitle    string // the <title>: "Heading · Site"
	Description string // meta description: the summary or the site description
	URL         string // site-relative URL of this page
	Permalink   string // absolute URL, for canonical and Open Graph
	Breadcrumbs []Crumb
	Feed        string // site-relative URL of the Atom feed that fits this page
	JSONLD      template.JS
	Now         time.Time

	Page *content.Page
	// Body and ReadingMinutes are the page's own body (kind "page"). A
	// layout showing them is re-rendered when the body changes; one naming
	// Content, PlainText, WordCount or readingMinutes anywhere makes every
	// list follow every body edit, since it may show other pages' bodies.
	Body           template.HTML
	ReadingMinutes int // 0 for an empty body

	Section *content.Type
	Pages   []*content.Page
	Pager   *Pager
	// Browse is, beside a type's list, each taxonomy's terms most used in
	// the type (see browse.go).
	Browse     []BrowseGroup
	Taxonomy   *content.Taxonomy
	Term       *content.Term
	Terms      []*content.Term
	TypeCounts []TypeCount
	Tags       []*content.Tag // search: every tag, sorted by slug
	Home       *Home
	Search     *SearchView
}

// SiteInfo is what every page knows of the site.
type SiteInfo struct {
	Title       string
	Description string
	BaseURL     string // with a trailing slash
	Language    string
	Menu        []MenuItem
	Sections    []*content.Type
	// Taxonomies are the taxonomies but tags that some page has terms of:
	// the footer links their indexes.
	Taxonomies []*content.Taxonomy
	// searchTaxonomies are every taxonomy, tags first, as the static
	// search page's script filters by them.
	searchTaxonomies []SearchTaxonomy
	SearchEndpoint   string // "" when the endpoint is on the same origin
	types            *content.Types
	assets           map[string]string
	messages         *i18n.Catalog
}

// Crumb is one step of a breadcrumb trail; the last is the current page.
type Crumb struct {
	Name string
	URL  string
}

// Home is the data of the home page.
type Home struct {
	Latest   []SectionPages  // latest pieces of each type
	Upcoming []*content.Page // upcoming events, soonest first
	Popular  []*content.Tag  // most used tags
}

// SectionPages is a few pages of one section.
type SectionPages struct {
	Section *content.Type
	Pages   []*content.Page
}

// Pager describes one page of a paginated list.
type Pager struct {
	Number int // 1-based
	Total  int // number of pages, at least 1
	Items  int // items across all pages
	Prev   string
	Next   string
	Links  []PageLink
}

// PageLink is a link to one page of a list.
type PageLink struct {
	Number    int
	URL       string
	Current   bool
	GapBefore bool // numbers were skipped before this link: show an ellipsis
}

// SearchView is the data of a server-rendered search results page.
type SearchView struct {
	Query    string
	Types    []string
	Tags     []string
	From, To string
	Sort     string
	Error    string // a problem with the query, shown to the reader
	Total    uint64
	Page     int
	Size     int
	Hits     []SearchHit
	Facets   []SearchFacet
	Pager    *Pager
	Suggest  string // a corrected spelling to try, if any
	// Terms are the values chosen for each taxonomy but tags, by its
	// param, as the URL gives them.
	Terms map[string][]string
	// Taxonomies are those of the index searched, tags included, in the
	// order of its schema: a facet group each.
	Taxonomies []SearchTaxonomy
}

// SearchHit is one result as the search page shows it.
type SearchHit struct {
	URL, Title, Type, Summary string
	Date                      string    // YYYY-MM-DD or ""
	Time                      time.Time // the same date, for the date funcs; zero when undated
	Tags                      []*content.Tag
	Snippet                   template.HTML // escaped text with <mark> only
	// Terms are the hit's terms of each taxonomy but tags that it has any
	// of, in the schema's order.
	Terms []SearchTerms
}

// SearchFacet is one facet value with the link that toggles it.
type SearchFacet struct {
	Field    string // the URL parameter it sets: "type", "tag" or another taxonomy's param
	Term     string
	Label    string
	Count    int
	Selected bool
	URL      string
}

// IsUpcoming reports whether an event is upcoming at the build clock, so an
// events list can head its upcoming and past parts.
func (v *View) IsUpcoming(p *content.Page) bool { return p.IsUpcoming(v.Now) }

// CurrentIn says how this page stands to a link to url, for aria-current:
// "page" when it is that page, "true" when it lies below it (a case study
// under /case-studies/), else "". The home page lies below nothing.
func (v *View) CurrentIn(url string) string {
	switch {
	case url == v.URL:
		return "page"
	case url != "/" && strings.HasPrefix(v.URL, url):
		return "true"
	}
	return ""
}

// MenuState is CurrentIn for the home page and each menu link, one letter
// each: what a site header shows differently from page to page, and so the
// variant to cache it under ({{partialCached "partials/header.html" .
// .Kind .MenuState}}).
func (v *View) MenuState() string {
	var b strings.Builder
	letter := func(url string) { // "page", "true" or ""
		if c := v.CurrentIn(url); c != "" {
			b.WriteByte(c[0])
		} else {
			b.WriteByte('-')
		}
	}
	letter("/")
	if v.Site != nil {
		for _, m := range v.Site.Menu {
			letter(m.URL)
		}
	}
	return b.String()
}

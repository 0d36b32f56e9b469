package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/formats"

	"cmp"
	"slices"
	"strings"
)

// The outputs of the taxonomies: for each, its index /<name>/ listing
// every term with its count, and for each term the pages of its list
// (/<name>/<slug>/, /<name>/<slug>/page/N/), the redirect from
// page/1/ and its Atom feed. Tags are one taxonomy among them, with the
// words of their own the theme has for them (tag.*, tags.*).

// TypeCount is how many pages of one type a term's list holds.
type TypeCount struct {
	Type  *content.Type
	Count int
}

// addTaxonomies adds every taxonomy's outputs, tags first, and their
// entries in the sitemap, which termEntries marks (see addChanges).
func (r *renderer) addTaxonomies() {
	r.termEntries[0] = len(r.sitemap)
	for _, tl := range r.site.termLists() {
		r.addTermsIndex(tl)
		for _, t := range tl.terms {
			r.addTerm(t)
		}
	}
	r.sitemap = r.appendTermEntries(r.sitemap)
	r.termEntries[1] = len(r.sitemap)
}

// termTexts are the messages a taxonomy's pages are written with.
type termTexts struct{ title, desc, feed string }

func textsOf(t *content.Taxonomy) termTexts {
	if t.IsTags() {
		return termTexts{msgTagTitle, msgTagDesc, msgTagFeed}
	}
	return termTexts{msgTermTitle, msgTermDesc, msgTermFeed}
}

func taxonomyCrumb(t *content.Taxonomy) Crumb { return Crumb{Name: t.Title, URL: t.URL()} }

// addTermsIndex adds the page listing every term of a taxonomy.
func (r *renderer) addTermsIndex(tl termList) {
	byName := slices.Clone(tl.terms)
	slices.SortFunc(byName, func(a, b *content.Term) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Slug, b.Slug))
	})
	m := r.site.msgs()
	r.addPage("taxonomy", &View{Kind: "taxonomy", URL: tl.tax.URL(), Title: tl.tax.Title, Taxonomy: tl.tax, Terms: byName,
		Breadcrumbs: []Crumb{homeCrumb(m), taxonomyCrumb(tl.tax)}})
}

// addTerm adds the outputs of one term: the pages of its list, the alias
// of its first page and its feed. termFiles names the same files.
func (r *renderer) addTerm(t *content.Term) {
	counts := r.typeCounts(t)
	for _, pp := range paginate(t.Pages, r.site.Config.PageSize, t.URL) {
		r.addTermPage(t, pp, counts)
	}
	r.addAlias(t.URL+"page/1/", t.URL, t.Name)
	r.addTermFeed(t)
}

// typeCounts counts a term's pages by type, in the order of the types.
func (r *renderer) typeCounts(t *content.Term) []TypeCount {
	n := map[string]int{}
	for _, p := range t.Pages {
		n[p.Type]++
	}
	var out []TypeCount
	for _, typ := range r.site.Config.Types.All() {
		if n[typ.Name] > 0 {
			out = append(out, TypeCount{Type: typ, Count: n[typ.Name]})
		}
	}
	return out
}

// termFiles lists the files addTerm writes for t.
func termFiles(t *content.Term, pageSize int) []string {
	files := []string{indexFile(t.URL + "page/1/"), termFeed(t)}
	for _, u := range termPageURLs(t, pageSize) {
		files = append(files, indexFile(u))
	}
	return files
}

// termPageURLs lists the URLs of the pages of t's list.
func termPageURLs(t *content.Term, pageSize int) []string {
	urls := []string{t.URL}
	for n := 2; n <= pageCount(len(t.Pages), pageSize); n++ {
		urls = append(urls, pageURL(t.URL, n))
	}
	return urls
}

// appendTermEntries appends the sitemap's entries for every taxonomy's
// index and its terms' list pages.
func (r *renderer) appendTermEntries(entries []formats.URL) []formats.URL {
	for _, tl := range r.site.termLists() {
		entries = append(entries, formats.URL{Path: tl.tax.URL()})
		for _, t := range tl.terms {
			for _, u := range termPageURLs(t, r.site.Config.PageSize) {
				entries = append(entries, formats.URL{Path: u})
			}
		}
	}
	return entries
}

// termTitle is the heading of a term's page: its description's title,
// else the theme's words for it.
func (r *renderer) termTitle(t *content.Term) string {
	if t.About != nil && t.About.Title != "" {
		return t.About.Title
	}
	return r.site.msgs().text(textsOf(t.Taxonomy).title, "name", t.Name)
}

// addTermPage adds one page of a term's list.
func (r *renderer) addTermPage(t *content.Term, pp pagerPage, counts []TypeCount) {
	s, m := r.site, r.site.msgs()
	texts := textsOf(t.Taxonomy)
	title := r.termTitle(t)
	desc := m.text(texts.desc, "site", s.Config.Title, "name", t.Name)
	if t.About != nil && t.About.Summary != "" {
		desc = t.About.Summary
	}
	r.addPage("term", &View{Kind: "term", URL: pageURL(t.URL, pp.Pager.Number), Title: title,
		DocTitle:    m.docTitle(m.pagedTitle(title, pp.Pager), s.Config.Title),
		Description: desc, Taxonomy: t.Taxonomy, Term: t, TypeCounts: counts,
		Pages: pp.Pages, Pager: pp.Pager, Feed: t.URL + "feed.xml",
		Breadcrumbs: []Crumb{homeCrumb(m), taxonomyCrumb(t.Taxonomy), {Name: t.Name, URL: t.URL}}})
}

func (r *renderer) addTermFeed(t *content.Term) {
	title := r.site.msgs().text(textsOf(t.Taxonomy).feed, "site", r.site.Config.Title, "name", t.Name)
	r.addFeed(termFeed(t), title, "/"+termFeed(t), t.URL, feedPages(t.Pages), false)
}

func termFeed(t *content.Term) string { return strings.TrimPrefix(t.URL, "/") + "feed.xml" }

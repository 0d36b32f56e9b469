package generator

import (
	"maps"
	"slices"
	"time"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/formats"
)

// addChanges adds every output that may show a page of the delta: the pages
// themselves, the pages whose related lists show them, the list pages and
// feeds they are on, the home page, calendars and the sitemap.
func (r *renderer) addChanges(last *renderer) {
	s, d := r.site, r.site.delta
	r.addChangedSitemap(last)
	clocked := clockedPages(s, d.prev.Now)
	r.stampSitemap(clocked)

	for _, p := range d.replaced {
		r.addSingle(p)
	}
	edited := map[*content.Page]bool{}
	terms := map[*content.Term]bool{} // of every taxonomy: the terms an edited page has
	sections := map[string]bool{}
	calendars := map[string]bool{} // the scheduled types whose calendar shows an edited page
	for _, p := range d.pages {
		edited[p] = true
		r.addAliases(p)
		if p.ByStart() {
			r.addCalendar(eventCalendar(p), p.Title, []*content.Page{p})
			calendars[p.Type] = true
		}
		sections[p.Type] = true
		for _, t := range p.Tags {
			terms[t] = true
		}
		for _, pt := range p.Terms {
			for _, t := range pt.Terms {
				terms[t] = true
			}
		}
	}
	shown := func(p *content.Page) bool { return edited[p] }
	for _, sec := range s.Config.Types.Sections() {
		if !sections[sec.Name] {
			continue
		}
		// The terms beside the list may count otherwise: then every page
		// of it shows them.
		if d.retermed != nil && !sameBrowse(d.prev.browse(sec.Name), s.browse(sec.Name)) {
			for _, pp := range r.sectionPagers(sec) {
				r.addSectionPage(sec, pp)
			}
			continue
		}
		for _, pp := range pagerPagesShowing(sectionPages(s, sec.Name), s.Config.PageSize, "/"+sec.Folder+"/", shown) {
			r.addSectionPage(sec, pp)
		}
	}
	for i, tl := range s.termLists() {
		for _, t := range tl.terms {
			if d.retermedAt(i, t.Slug) || !terms[t] {
				continue
			}
			counts := r.typeCounts(t)
			for _, pp := range pagerPagesShowing(t.Pages, s.Config.PageSize, t.URL, shown) {
				r.addTermPage(t, pp, counts)
			}
			r.addTermFeed(t)
		}
	}
	r.addRetermed()
	r.addHome()
	r.addSiteFeed()

	r.addClockedStamps(clocked, edited, terms, calendars)
	for _, sec := range scheduledSections(s.Config.Types) {
		if calendars[sec.Name] {
			r.addSectionCalendar(sec)
		}
	}
}

// sameBrowse reports whether two lists' browse boxes show the same.
func sameBrowse(a, b []BrowseGroup) bool {
	ka, kb := newHasher(), newHasher()
	for _, g := range a {
		g.key(ka)
	}
	for _, g := range b {
		g.key(kb)
	}
	return len(a) == len(b) && ka.sum() == kb.sum()
}

// addChangedSitemap shares the last sitemap's entries, or makes its
// taxonomies' part again when a term took in or let go of a page. The
// sitemap goes first: the largest file, it takes a worker of its own.
func (r *renderer) addChangedSitemap(last *renderer) {
	r.sitemap, r.termEntries = last.sitemap, last.termEntries
	if r.site.delta.retermed == nil {
		return
	}
	from, to := last.termEntries[0], last.termEntries[1]
	r.sitemap = r.appendTermEntries(append(make([]formats.URL, 0, len(last.sitemap)+64), last.sitemap[:from]...))
	r.termEntries[1] = len(r.sitemap)
	r.sitemap = append(r.sitemap, last.sitemap[to:]...)
	r.sitemapChanged = true
}

// stampSitemap brings the last changes of the edited and clocked pages
// up to date in the sitemap, and adds it when anything in it changed.
// Most edits leave it as it was: then it is shared, and not keyed.
func (r *renderer) stampSitemap(clocked map[string]*content.Page) {
	s, d := r.site, r.site.delta
	for i, e := range r.sitemap {
		p := d.byURL(e.Path)
		if p == nil {
			p = clocked[e.Path]
		}
		if p != nil && p.Modified(s.Now) != e.LastMod {
			if !r.sitemapChanged {
				r.sitemap, r.sitemapChanged = slices.Clone(r.sitemap), true
			}
			r.sitemap[i].LastMod = p.Modified(s.Now)
		}
	}
	if r.sitemapChanged {
		r.addSitemap()
	}
}

// addRetermed plans anew the files of each term that took in or let go
// of a page: it may have more or fewer pages of its list, or be new or
// gone. Its taxonomy's index and the search page, which name every term
// with its count, follow. A term with a new description shows it on each
// page of its list.
func (r *renderer) addRetermed() {
	s, d := r.site, r.site.delta
	lists := s.termLists()
	for i, changes := range d.retermed {
		if changes == nil {
			continue
		}
		for _, slug := range slices.Sorted(maps.Keys(changes)) {
			if old := changes[slug].old; old != nil {
				for _, f := range termFiles(old, s.Config.PageSize) {
					if key, ok := r.next[f]; ok {
						r.dropped[f] = key
						delete(r.next, f)
					}
				}
			}
			if t := changes[slug].new; t != nil {
				r.addTerm(t)
			}
		}
		r.addTermsIndex(lists[i])
	}
	if d.retermed != nil {
		r.addPage("search", searchView(s, nil)) // it names every term
	}
	for _, t := range d.described {
		r.addTerm(t)
	}
}

// clockedPages are the pages, by URL, whose last change (Modified) is not
// what it was at the last build's clock: those with a date missing or
// ahead of the clock, stamped with the clock, move when it moves.
func clockedPages(s *Site, lastNow time.Time) map[string]*content.Page {
	clocked := map[string]*content.Page{}
	if s.Now.Equal(lastNow) {
		return clocked
	}
	for _, p := range s.Pages {
		if p.Modified(lastNow) != p.Modified(s.Now) {
			clocked[p.URL] = p
		}
	}
	return clocked
}

// addClockedStamps adds the term feeds and event calendars of the clocked
// pages that the delta's own changes did not add. A feed is keyed by its
// entries' times, so only one that shows such a page is written again.
// It adds to calendars the types of the scheduled pages among them.
func (r *renderer) addClockedStamps(clocked map[string]*content.Page, edited map[*content.Page]bool, added map[*content.Term]bool, calendars map[string]bool) {
	s, d := r.site, r.site.delta
	// A page's terms may be older copies (see patch): the site's are current.
	lists := s.termLists()
	slugs := make([]map[string]bool, len(lists)) // by taxonomy, as lists
	for i := range slugs {
		slugs[i] = map[string]bool{}
	}
	for _, p := range s.Pages {
		if clocked[p.URL] != p {
			continue
		}
		for _, slug := range p.TagSlugs {
			slugs[0][slug] = true
		}
		for i, pt := range p.Terms {
			for _, slug := range pt.Slugs {
				slugs[i+1][slug] = true
			}
		}
		if p.ByStart() && !edited[p] {
			r.addCalendar(eventCalendar(p), p.Title, []*content.Page{p})
			calendars[p.Type] = true
		}
	}
	for i, tl := range lists {
		for _, t := range tl.terms {
			if slugs[i][t.Slug] && !d.retermedAt(i, t.Slug) && !added[t] {
				r.addTermFeed(t)
			}
		}
	}
}

// byURL finds an edited page by URL; there are few.
func (d *delta) byURL(url string) *content.Page {
	for _, p := range d.pages {
		if p.URL == url {
			return p
		}
	}
	return nil
}

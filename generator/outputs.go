package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/formats"
	"github.com/ideas-hub/hub/generator/publish"
	"github.com/ideas-hub/hub/generator/taxonomy"

	"bytes"
	"cmp"
	"fmt"
	"slices"
)

// addSite lists every page of the site but the aliases, which
// placeAliases adds once every other output is known.
func (r *renderer) addSite() {
	s := r.site
	r.addHome()
	r.addSiteCard()
	r.sitemap = append(r.sitemap, formats.URL{Path: "/"})

	for _, sec := range s.Config.Types.Sections() {
		for _, pp := range r.sectionPagers(sec) {
			r.addSectionPage(sec, pp)
			r.sitemap = append(r.sitemap, formats.URL{Path: pageURL("/"+sec.Folder+"/", pp.Pager.Number)})
		}
		r.addAlias("/"+sec.Folder+"/page/1/", "/"+sec.Folder+"/", sec.Plural)
	}

	for _, p := range s.Pages {
		r.addSingle(p)
		r.sitemap = append(r.sitemap, formats.URL{Path: p.URL, LastMod: p.Modified(s.Now)})
		if p.ByStart() {
			r.addCalendar(eventCalendar(p), p.Title, []*content.Page{p})
		}
	}

	r.addTaxonomies()

	r.addSiteFeed()
	m := s.msgs()
	for _, sec := range scheduledSections(s.Config.Types) {
		r.addSectionCalendar(sec)
	}
	r.addPage("search", searchView(s, nil))
	r.sitemap = append(r.sitemap, formats.URL{Path: "/search/"})
	r.addPage("404", &View{Kind: "404", URL: "/404.html", Title: m.text(msgNotFound)})
	robots := formats.Robots(s.Config.BaseURL)
	r.addBytes("robots.txt", "", hashBytes(robots), robots)
	r.addSitemap()
}

func homeCrumb(m messages) Crumb { return Crumb{Name: m.text(msgHome), URL: "/"} }

func (r *renderer) addHome() {
	s := r.site
	r.addPage("home", &View{Kind: "home", URL: "/", Title: s.Config.Title, DocTitle: s.Config.Title, Home: r.home(), Feed: "/feed.xml"})
}

func (r *renderer) sectionPagers(sec *content.Type) []pagerPage {
	return paginate(sectionPages(r.site, sec.Name), r.site.Config.PageSize, "/"+sec.Folder+"/")
}

// addSectionPage adds one page of a section's list.
func (r *renderer) addSectionPage(sec *content.Type, pp pagerPage) {
	s, m := r.site, r.site.msgs()
	base := "/" + sec.Folder + "/"
	r.addPage("section", &View{Kind: "section", URL: pageURL(base, pp.Pager.Number), Title: sec.Plural,
		DocTitle: m.docTitle(m.pagedTitle(sec.Plural, pp.Pager), s.Config.Title),
		Section:  sec, Pages: pp.Pages, Pager: pp.Pager, Feed: "/feed.xml", Browse: s.browse(sec.Name),
		Breadcrumbs: []Crumb{homeCrumb(m), {Name: sec.Plural, URL: base}}})
}

func (r *renderer) addAliases(p *content.Page) {
	for _, a := range p.Aliases {
		r.addAlias(normaliseAlias(a), p.URL, p.Title)
	}
}

func (r *renderer) addSiteFeed() {
	s := r.site
	r.addFeed("feed.xml", s.Config.Title, "/feed.xml", "/", feedPages(s.Pages), true)
}

func (r *renderer) addSitemap() {
	s, entries := r.site, r.sitemap
	k := newHasher().str(s.Config.BaseURL)
	for _, e := range entries {
		k.str(e.Path).time(e.LastMod)
	}
	if r.sitemapBuf == nil {
		r.sitemapBuf = new(bytes.Buffer)
	}
	r.addJob(publish.Job{Rel: "sitemap.xml", Key: k.sum(), Buf: r.sitemapBuf, Render: func(b *bytes.Buffer) error {
		return formats.WriteSitemap(b, s.Config.BaseURL, entries)
	}})
}

// addSingle adds a content page. Its key comes from the page itself, so
// the view is only made for a page that must be rendered again.
func (r *renderer) addSingle(p *content.Page) {
	r.addPictures(p)
	k := newHasher().u64(r.siteKey, r.ts.hashes[p.Type], r.keys.full(p))
	for _, q := range p.Related {
		k.u64(r.keys.card(q))
	}
	rel := indexFile(p.URL)
	if r.unchanged(rel, k.sum()) {
		return
	}
	drop := r.keepContent != nil && !r.keepContent[p]
	done := func() {} // lets the minified body go once the file is written
	// The view is made when the file is written, so the queue of 10,000s
	// of jobs holds no views, and nothing holds a view once written.
	r.queue = append(r.queue, publish.Job{Rel: rel, Media: "text/html", Key: r.next[rel], Done: func() { done() }, Render: func(b *bytes.Buffer) error {
		crumbs := []Crumb{homeCrumb(r.site.msgs())}
		if sec, ok := r.site.Config.Types.Lookup(p.Type); ok && sec.Folder != "" {
			crumbs = append(crumbs, Crumb{Name: sec.Plural, URL: "/" + sec.Folder + "/"})
		}
		crumbs = append(crumbs, Crumb{Name: p.Title, URL: p.URL})
		// The layout copies the body (or its token) into b; nothing holds
		// the view after.
		text, release := p.Body.Borrow()
		defer release()
		body, bodyDone, err := r.cards.body(text)
		if err != nil {
			return fmt.Errorf("minifying the body of %s: %w", p.Path, err)
		}
		done = bodyDone
		v := &View{Kind: "page", URL: p.URL, Title: p.Title, Description: p.Summary,
			Page: p, Body: body, Breadcrumbs: crumbs, Feed: "/feed.xml"}
		if p.WordCount > 0 {
			v.ReadingMinutes = max(1, (p.WordCount+199)/200)
		}
		r.prepare(v)
		v.JSONLD = r.site.jsonLD(v)
		err = r.ts.execute(b, p.Type, v)
		if drop {
			p.Body = nil
		}
		return err
	}})
}

func (r *renderer) addFeed(rel, title, self, alternate string, pages []*content.Page, full bool) {
	pages = pages[:min(feedSize, len(pages))]
	// The build clock stands in for the dates a page lacks or has ahead
	// of it, so each entry's time is keyed, and the clock for no entries.
	k := newHasher().u64(r.siteKey).str(title, self, alternate).num(boolRank(full))
	if len(pages) == 0 {
		k.time(r.site.Now)
	}
	for _, p := range pages {
		k.time(p.Modified(r.site.Now))
		if full {
			k.u64(r.keys.full(p))
		} else {
			k.u64(r.keys.card(p))
		}
	}
	r.add(rel, "", k.sum(), func(b *bytes.Buffer) error {
		data, err := r.site.atom(title, self, alternate, pages, full)
		b.Write(data)
		return err
	})
}

// eventCalendar is the output path of an event's own calendar file.
func eventCalendar(p *content.Page) string { return trimSlash(p.URL) + "event.ics" }

func (r *renderer) addCalendar(rel, name string, events []*content.Page) {
	k := newHasher().u64(r.siteKey).str(name)
	for _, p := range events {
		k.u64(r.keys.card(p)).time(p.Modified(r.site.Now))
	}
	r.add(rel, "", k.sum(), func(b *bytes.Buffer) error {
		b.Write(r.site.calendar(name, events))
		return nil
	})
}

// addAlias writes a page at from that sends readers on to target.
func (r *renderer) addAlias(from, target, title string) {
	v := &View{Site: r.info, Kind: "alias", URL: target, Title: title,
		Permalink: r.site.Config.BaseURL + trimSlash(target)}
	key := newHasher().u64(r.siteKey, r.ts.hashes["alias"]).str(target, title).sum()
	r.add(indexFile(from), "text/html", key, func(b *bytes.Buffer) error { return r.ts.alias.ExecuteTemplate(b, "alias.html", v) })
}

// sectionPages lists the published pages of one type in list order: newest
// first, except events: upcoming soonest first, then past most recent first.
// The lists are made once per Site; callers must not change them.
func sectionPages(s *Site, typ string) []*content.Page {
	s.sectionsOnce.Do(func() {
		s.sections = map[string][]*content.Page{}
		for _, p := range s.Pages {
			s.sections[p.Type] = append(s.sections[p.Type], p)
		}
		for _, sec := range scheduledSections(s.Config.Types) {
			slices.SortStableFunc(s.sections[sec.Name], func(a, b *content.Page) int {
				au, bu := a.IsUpcoming(s.Now), b.IsUpcoming(s.Now)
				switch {
				case au && bu:
					return cmp.Or(a.SortDate().Compare(b.SortDate()), cmp.Compare(a.URL, b.URL))
				case au != bu:
					return cmp.Compare(boolRank(bu), boolRank(au))
				}
				return cmp.Or(b.SortDate().Compare(a.SortDate()), cmp.Compare(a.URL, b.URL))
			})
		}
	})
	return s.sections[typ]
}

func (r *renderer) home() *Home {
	s := r.site
	h := &Home{Popular: taxonomy.Popular(s.Tags, 12)}
	for _, sec := range s.Config.Types.Sections() {
		if sec.Name == content.Event {
			continue
		}
		pages := sectionPages(s, sec.Name)
		h.Latest = append(h.Latest, SectionPages{Section: sec, Pages: pages[:min(3, len(pages))]})
	}
	for _, p := range sectionPages(s, content.Event) {
		if !p.IsUpcoming(s.Now) || len(h.Upcoming) == 4 {
			break
		}
		h.Upcoming = append(h.Upcoming, p)
	}
	return h
}

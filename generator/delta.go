package generator

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"time"
)

// The fast path of a rebuild. Most edits in a preview change the text of a
// few pages and nothing that places them: not their URL, type, dates, tags,
// aliases or whether they are published. Then the order of pages, the tags
// and the related pages all stay as they were, and a rebuild need only
// patch the last Site and key again the outputs that show the edited pages.
// Anything else takes the general path, which recomputes everything (and
// skips rendering what did not change). Both give the same output; the
// randomised TestIncrementalEqualsFull checks it.

// delta says how a Site was patched from the previous one.
type delta struct {
	prev     *Site
	pages    []*Page // copies of the pages read again
	replaced []*Page // those and the pages whose related lists show them
}

// sameShape reports whether b sits in the site exactly where a did: same
// URL, place in every list, tags, aliases and publishing.
func sameShape(a, b *Page) bool {
	return a.Path == b.Path && a.URL == b.URL && a.Type == b.Type && a.Draft == b.Draft &&
		a.Date.Equal(b.Date) && a.Start.Equal(b.Start) && a.End.Equal(b.End) && a.AllDay == b.AllDay &&
		slices.Equal(a.TagNames, b.TagNames) && slices.Equal(a.Aliases, b.Aliases)
}

// nextFlip is the first moment after now at which some page's publishing
// or an event's being upcoming changes, or the year turns (the footer
// shows it): until then a rebuild of unchanged files gives the same site.
func (l *loader) nextFlip(now time.Time) time.Time {
	loc := l.cfg.Location()
	flip := time.Date(now.In(loc).Year()+1, 1, 1, 0, 0, 0, 0, loc)
	for _, e := range l.entries {
		p := e.page
		if p == nil {
			continue
		}
		at := time.Time{}
		switch {
		case p.Type == TypeEvent && p.IsUpcoming(now):
			at = p.eventEnd().Add(time.Nanosecond)
		case p.Type != TypeEvent && !l.opts.Future && p.Date.After(now):
			at = p.Date
		}
		if !at.IsZero() && at.Before(flip) {
			flip = at
		}
	}
	return flip
}

// fastLoad patches the last Site when every changed file is a published
// page read again into the same shape. ok is false when the general path
// must run; nothing of the loader has changed then.
func (l *loader) fastLoad(ctx context.Context, changed []string, now time.Time) (site *Site, ok bool) {
	prev := l.site
	if prev == nil || len(changed) == 0 || now.Before(prev.Now) || !now.Before(l.flipAt) {
		return nil, false
	}
	changed = slices.Compact(slices.Sorted(slices.Values(changed)))
	for _, c := range changed {
		if e := l.entries[c]; e == nil || e.page == nil || !e.published || !isContentFile(c) {
			return nil, false
		}
	}
	fresh, err := l.readEntries(ctx, changed)
	if err != nil {
		return nil, false // a file gone or unreadable: the general path says so
	}
	for i, c := range changed {
		n := fresh[i]
		if n.page == nil || len(n.fmDiags) > 0 || !sameShape(l.entries[c].page, n.page) || !isPublished(n.page, now, l.opts) {
			return nil, false
		}
		n.published, n.rank = true, l.entries[c].rank
	}
	// Links resolve as before: no URL and no publishing changed.
	pending := map[string]*entry{}
	for i, c := range changed {
		pending[c] = fresh[i]
	}
	if err := l.renderBodies(ctx, pending, l.byPath, l.pubMap); err != nil {
		return nil, false
	}
	for _, n := range fresh {
		if len(n.bodyDiags) > 0 {
			return nil, false
		}
	}
	for i, c := range changed {
		l.entries[c] = fresh[i]
		l.byPath[c] = fresh[i].page
		l.published[c] = publishedPage{page: fresh[i].page, url: fresh[i].page.URL}
	}
	site = l.patch(prev, now, fresh)
	l.site = site
	return site, true
}

// patch makes a Site like prev with the pages of fresh entries in place of
// their old copies. The pages whose related lists, and the tags whose
// lists, hold an old copy get new copies pointing at the new one; every
// other page and tag is shared with prev, which nothing changes. A shared
// page may keep pointers to older copies of its tags and of the pages its
// related list shows: they differ from the current ones only in which
// copies of pages they point to, and a card or a list never shows more.
func (l *loader) patch(prev *Site, now time.Time, fresh []*entry) *Site {
	s := &Site{Config: prev.Config, Now: now, opts: l.opts, Pages: slices.Clone(prev.Pages)}
	repl := map[int]*Page{} // by rank
	var edited []*Page
	for _, e := range fresh {
		old := prev.Pages[e.rank]
		cp := *e.page
		cp.rank, cp.Tags, cp.Related = old.rank, old.Tags, old.Related
		repl[cp.rank] = &cp
		edited = append(edited, &cp)
	}
	for _, p := range edited {
		if p.rank < len(l.rev) {
			for _, a := range l.rev[p.rank] {
				if repl[int(a)] == nil {
					cp := *prev.Pages[a]
					repl[int(a)] = &cp
				}
			}
		}
	}
	swap := func(pages []*Page) []*Page {
		out := slices.Clone(pages)
		for i, p := range out {
			if q := repl[p.rank]; q != nil {
				out[i] = q
			}
		}
		return out
	}
	// A page's own tag pointers may be older than the site's (tags shared
	// with pages patched before are copied, the page's are not), so tags
	// are found by slug in the site's list, which is always current.
	tags := map[string]*Tag{} // by slug: the new copies
	current := func(t *Tag) *Tag {
		if nt := tags[t.Slug]; nt != nil {
			return nt
		}
		i, _ := slices.BinarySearchFunc(prev.Tags, t.Slug, func(t *Tag, slug string) int { return cmp.Compare(t.Slug, slug) })
		nt := *prev.Tags[i]
		nt.Pages = swap(nt.Pages)
		tags[t.Slug] = &nt
		return &nt
	}
	d := &delta{prev: prev, pages: edited}
	for rank, p := range repl {
		p.Related = swap(p.Related)
		p.Tags = slices.Clone(p.Tags)
		for i, t := range p.Tags {
			p.Tags[i] = current(t)
		}
		s.Pages[rank] = p
		d.replaced = append(d.replaced, p)
	}
	sortNewestFirst(d.replaced)
	for _, p := range edited {
		p.metaKey = metaKeyOf(p)
	}
	s.Tags = slices.Clone(prev.Tags)
	for i, t := range s.Tags {
		if nt := tags[t.Slug]; nt != nil {
			s.Tags[i] = nt
		}
	}
	s.Changed = slices.Clone(edited)
	sortNewestFirst(s.Changed)
	s.delta = d
	return s
}

// renderDelta keys again the outputs that show the patched pages and
// renders those whose keys changed, in place.
func (s *Site) renderDelta(ctx context.Context, dir string, minify bool, last *renderer, prev manifest) (Stats, manifest, error) {
	return s.renderWith(ctx, dir, minify, prev, func(o *output) (*renderer, error) {
		r := &renderer{site: s, info: last.info, ts: last.ts, min: o.min, cards: last.cards, siteKey: last.siteKey,
			keys: &pageKeys{now: s.Now, cardsShowBody: last.keys.cardsShowBody},
			prev: prev, next: maps.Clone(prev), patch: true}
		r.cards.newBuild()
		for _, p := range s.delta.replaced {
			r.cards.forget(s.delta.prev.Pages[p.rank])
		}
		r.addChanges(last)
		return r, nil
	})
}

// addChanges adds every output that may show a page of the delta: the pages
// themselves, the pages whose related lists show them, the list pages and
// feeds they are on, the home page, calendars and the sitemap.
func (r *renderer) addChanges(last *renderer) {
	s, d := r.site, r.site.delta
	for _, p := range d.replaced {
		r.addSingle(p)
	}
	edited := map[*Page]bool{}
	tags := map[*Tag]bool{}
	sections := map[string]bool{}
	calendar := false
	for _, p := range d.pages {
		edited[p] = true
		r.addAliases(p)
		if p.Type == TypeEvent {
			r.addCalendar(p.URL+"event.ics", p.Title, []*Page{p})
			calendar = true
		}
		sections[p.Type] = true
		for _, t := range p.Tags {
			tags[t] = true
		}
	}
	shows := func(pages []*Page) bool { return slices.ContainsFunc(pages, func(p *Page) bool { return edited[p] }) }
	for i := range Sections {
		if sec := &Sections[i]; sections[sec.Type] {
			for _, pp := range r.sectionPagers(sec) {
				if shows(pp.Pages) {
					r.addSectionPage(sec, pp)
				}
			}
		}
	}
	for _, t := range s.Tags {
		if tags[t] {
			for _, pp := range paginate(t.Pages, s.Config.PageSize, t.URL) {
				if shows(pp.Pages) {
					r.addTagPage(t, pp)
				}
			}
			r.addTagFeed(t)
		}
	}
	r.addHome()
	r.addSiteFeed()

	// An event's calendar stamp is its last edit, but never later than the
	// build clock: those still ahead of the clock move with it.
	if lastNow := d.prev.Now; !s.Now.Equal(lastNow) {
		for _, p := range s.Pages {
			if p.Type == TypeEvent && p.Lastmod().After(lastNow) && !edited[p] {
				r.addCalendar(p.URL+"event.ics", p.Title, []*Page{p})
				calendar = true
			}
		}
	}
	if calendar {
		r.addCalendar("events/calendar.ics", s.Config.Title+": events", sectionPages(s, TypeEvent))
	}

	r.sitemap = slices.Clone(last.sitemap)
	for i, e := range r.sitemap {
		if p := d.byURL(e.url); p != nil {
			r.sitemap[i].lastmod = p.Lastmod()
		}
	}
	r.addSitemap()
}

// byURL finds an edited page by URL; there are few.
func (d *delta) byURL(url string) *Page {
	for _, p := range d.pages {
		if p.URL == url {
			return p
		}
	}
	return nil
}

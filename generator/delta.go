package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/publish"
	"github.com/ideas-hub/hub/generator/taxonomy"

	"context"
	"slices"
	"time"
)

// The fast path of a rebuild. Most edits in a preview change the text or
// the terms (tags, authors, organisations, regions...) of a few pages and
// nothing that places them: not their URL, type, dates, aliases or
// whether they are published; or they rewrite a term's description file.
// Then the order of pages stays as it was, and a rebuild need only patch
// the last Site: the terms the edited pages had or have get new page
// lists, the pages whose related lists those tags lead to choose again
// (see taxonomy.Related.Affected), a described term takes its new
// description, and only the outputs that show any of these are keyed
// again. Anything else, or a term edit that would rename a term every
// page of it shows or give a taxonomy its first term or take its last
// (the footer of every page names it), takes the general path, which
// recomputes everything (and skips rendering what did not change). Both
// give the same output; the randomised TestIncrementalEqualsFull checks it.

// delta says how a Site was patched from the previous one.
type delta struct {
	prev     *Site
	pages    []*content.Page // copies of the pages read again
	replaced []*content.Page // those, the pages whose related lists show them or chose again
	// retermed holds, for each taxonomy (as termLists: tags first), each
	// term whose list an edit changed, by slug: the term before and after
	// (nil: none); nil when no term's list changed.
	retermed []map[string]termChange
	// described are the terms, as the site has them now, whose
	// description file was written, rewritten or removed.
	described []*content.Term
}

// retermedAt reports whether the term of the i-th taxonomy with slug
// took in or let go of a page.
func (d *delta) retermedAt(i int, slug string) bool {
	if i >= len(d.retermed) {
		return false
	}
	_, re := d.retermed[i][slug]
	return re
}

// samePlace reports whether b sits in the site's order exactly where a
// did: same URL, type, dates, aliases and publishing.
func samePlace(a, b *content.Page) bool {
	return a.Path == b.Path && a.URL == b.URL && a.Type == b.Type && a.Draft == b.Draft &&
		a.Date.Equal(b.Date) && a.Start.Equal(b.Start) && a.End.Equal(b.End) && a.AllDay == b.AllDay &&
		slices.Equal(a.Aliases, b.Aliases)
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
		case p.IsUpcoming(now):
			at = p.EventEnd().Add(time.Nanosecond)
		case !p.ByStart() && !l.opts.Future && p.Date.After(now):
			at = p.Date
		}
		if !at.IsZero() && at.Before(flip) {
			flip = at
		}
	}
	return flip
}

// fastLoad patches the last Site when every changed file is a published
// page read again into the same place, or a term's description file (see
// deltadesc.go). ok is false when the general path must run; nothing of
// the loader has changed then.
func (l *loader) fastLoad(ctx context.Context, changed []string, now time.Time) (site *Site, ok bool) {
	prev := l.site
	if prev == nil || len(changed) == 0 || now.Before(prev.Now) || !now.Before(l.flipAt) {
		return nil, false
	}
	changed = slices.Compact(slices.Sorted(slices.Values(changed)))
	var files, descFiles []string // pages; description files
	for _, c := range changed {
		if _, ok := descriptionTaxonomy(l.cfg.Taxonomies, c); ok && isContentFile(c) {
			descFiles = append(descFiles, c)
			continue
		}
		if e := l.entries[c]; e == nil || e.page == nil || !e.published || !isContentFile(c) {
			return nil, false
		}
		files = append(files, c)
	}
	descs, ok := l.readDescriptions(ctx, descFiles)
	if !ok {
		return nil, false
	}
	fresh, ok := l.readPagesAgain(ctx, files, now)
	if !ok {
		return nil, false
	}
	edits, ok := reterm(prev, fresh, l.aboutOf)
	if !ok || aliasUnderEdits(prev, edits) {
		return nil, false // a term's pages may meet an alias: placeAliases checks
	}
	// The edited pages' links, and links to their headings from pages
	// nobody edited, are checked with the fresh entries in place.
	old := make([]*entry, len(files))
	for i, c := range files {
		old[i], l.entries[c] = l.entries[c], fresh[i]
	}
	undo := descs.swap(l.entries)
	if l.targets != nil {
		l.targets.reterm(prev.termLists(), edits) // no URL, alias or publishing changed: only terms
	}
	warnings := l.checkLinks(l.pubMap, l.linkPub)
	if warnings.HasErrors() {
		for i, c := range files {
			l.entries[c] = old[i]
		}
		undo()
		l.targets = nil // the general path lists them again
		return nil, false
	}
	for _, e := range l.entries {
		warnings = append(warnings, e.fmDiags...)
		warnings = append(warnings, e.bodyDiags...)
	}
	for i, c := range files {
		l.byPath[c] = fresh[i].page
		l.published[c] = publishedPage{page: fresh[i].page, url: fresh[i].page.URL}
	}
	site = l.patch(prev, now, fresh, edits, descs)
	warnings = append(warnings, l.undescribed(l.pubMap)...)
	site.Warnings = warnings.Sorted()
	l.site = site
	return site, true
}

// readPagesAgain reads and renders the published pages of files again,
// for the fast path: ok is false when one moved (see samePlace), is no
// longer published, shows a new picture or has an error, which the
// general path reports.
func (l *loader) readPagesAgain(ctx context.Context, files []string, now time.Time) (fresh []*entry, ok bool) {
	fresh, err := l.readEntries(ctx, files)
	if err != nil {
		return nil, false // a file gone or unreadable: the general path says so
	}
	for i, c := range files {
		n := fresh[i]
		if n.page == nil || n.fmDiags.HasErrors() || !samePlace(l.entries[c].page, n.page) || !isPublished(n.page, now, l.opts) {
			return nil, false
		}
		n.published, n.rank = true, l.entries[c].rank
	}
	// Links resolve as before: no URL and no publishing changed.
	pending := map[string]*entry{}
	for i, c := range files {
		pending[c] = fresh[i]
	}
	if err := l.renderBodies(ctx, pending, l.byPath, l.pubMap, l.linkPub); err != nil {
		return nil, false
	}
	for i, n := range fresh {
		// New pictures have files to publish: the general path plans them.
		if n.bodyDiags.HasErrors() || !samePictures(l.entries[files[i]].page, n.page) {
			return nil, false
		}
	}
	return fresh, true
}

// patch makes a Site like prev with the pages of fresh entries in place of
// their old copies, the terms reterm worked out in place of theirs and the
// described terms with their new descriptions. The pages whose related
// lists show an edited page, or that chose other related pages, get new
// copies, as do the terms that list an edited page; every other page and
// term is shared with prev, which nothing changes.
//
// So a page or a term's list may point to an older copy of a page: one
// that differs from the current copy only in its related pages, which no
// card shows, or in its terms' pointers. And a page that is not copied may
// point to older copies of its terms: they differ from the current ones
// only in the copies they list, their lists or their descriptions, which
// no page shows. Related pages are chosen by rank, from the site's
// current tags.
func (l *loader) patch(prev *Site, now time.Time, fresh []*entry, edits termEdits, descs descChanges) *Site {
	s := &Site{Config: prev.Config, Now: now, opts: l.opts, messages: prev.messages, Pages: slices.Clone(prev.Pages),
		Tags: prev.Tags, Terms: slices.Clone(prev.Terms)}
	d := &delta{prev: prev}
	copied := map[int]bool{}             // ranks whose page is a new copy
	edited := make([]bool, len(s.Pages)) // by rank
	for _, e := range fresh {
		cp := *e.page
		cp.Rank, cp.Related = e.rank, prev.Pages[e.rank].Related
		s.Pages[e.rank], copied[e.rank], edited[e.rank] = &cp, true, true
		d.pages = append(d.pages, &cp)
	}
	cp := func(rank int) *content.Page {
		if !copied[rank] {
			p := *prev.Pages[rank]
			s.Pages[rank], copied[rank] = &p, true
		}
		return s.Pages[rank]
	}
	lists := prev.termLists()
	for i := range lists {
		if m := edits.at(i); m != nil {
			s.setListAt(i, applyTermEdits(s.listAt(i), m))
		}
	}
	if edits.at(0) != nil {
		l.relateAgain(s, d.pages, cp, copied)
	}
	for _, r := range l.showing(edited) {
		cp(r)
	}
	// The lists of the terms an edited page has now show its new copy.
	for i := range lists {
		s.setListAt(i, showEdited(s.listAt(i), i, d.pages, edits.at(i)))
	}
	d.described = describeAgain(s, descs)
	for rank := range copied {
		p := s.Pages[rank]
		p.Tags = currentTags(s, p)
		p.Terms = currentTerms(s, p)
		related := make([]*content.Page, len(p.Related))
		for i, q := range p.Related {
			related[i] = s.Pages[q.Rank]
		}
		p.Related = related
		d.replaced = append(d.replaced, p)
	}
	d.retermed = termChanges(prev, s, edits)
	sortNewestFirst(d.replaced)
	for _, p := range d.pages {
		p.MetaKey = metaKeyOf(p)
	}
	patchSections(s, prev)
	s.Changed = slices.Clone(d.pages)
	sortNewestFirst(s.Changed)
	s.delta = d
	return s
}

// relateAgain chooses again the related pages of the pages whose tags'
// candidates an edit changed, copying (cp) those whose choice differs.
// Only ranks are read of the tags' lists here.
func (l *loader) relateAgain(s *Site, edited []*content.Page, cp func(int) *content.Page, copied map[int]bool) {
	var changed []int
	for _, p := range edited {
		if !slices.Equal(p.TagSlugs, l.relatedTags[p.Rank]) {
			changed = append(changed, p.Rank)
		}
	}
	redo := l.relate().Affected(s.Pages, s.Tags, changed, l.relatedTags)
	chosen := l.relate().Choose(s.Pages, redo, func(p *content.Page) []*content.Tag { return currentTags(s, p) })
	for i, r := range redo {
		if !slices.EqualFunc(chosen[i], s.Pages[r].Related, func(a, b *content.Page) bool { return a.Rank == b.Rank }) {
			cp(r).Related = chosen[i]
		}
	}
	for _, r := range redo {
		l.relatedTags[r] = s.Pages[r].TagSlugs // the rest as they were
	}
	l.keepRelated(s.Pages, slices.DeleteFunc(redo, func(r int) bool { return !copied[r] }))
}

// currentTags are a page's tags as s has them now.
func currentTags(s *Site, p *content.Page) []*content.Tag {
	tags := make([]*content.Tag, 0, len(p.TagSlugs))
	for i, slug := range p.TagSlugs {
		if slug != "" && !slices.Contains(p.TagSlugs[:i], slug) {
			t, _ := taxonomy.Find(s.Tags, slug)
			tags = append(tags, t)
		}
	}
	return tags
}

// patchSections gives s prev's section lists with s's copies of the
// pages. No page moved and no event stopped being upcoming (fastLoad
// checks both), so every section lists its pages in the order it did.
func patchSections(s, prev *Site) {
	sectionPages(prev, content.Event) // makes prev's lists if its render did not
	s.sectionsOnce.Do(func() {
		s.sections = make(map[string][]*content.Page, len(prev.sections))
		for typ, list := range prev.sections {
			now := make([]*content.Page, len(list))
			for i, p := range list {
				now[i] = s.Pages[p.Rank]
			}
			s.sections[typ] = now
		}
	})
}

// renderDelta keys again the outputs that show the patched pages and
// renders those whose keys changed, in place.
func (s *Site) renderDelta(ctx context.Context, dir string, minify bool, last *renderer, prev publish.Manifest) (Stats, publish.Manifest, error) {
	return s.renderWith(ctx, &publish.Output{Dir: dir}, minify, prev, func(o *publish.Output) (*renderer, error) {
		r := &renderer{site: s, info: last.info, ts: last.ts, min: o.Min, cards: last.cards, siteKey: last.siteKey, sitemapBuf: last.sitemapBuf,
			keys: &pageKeys{now: s.Now, cardsShowBody: last.keys.cardsShowBody},
			prev: prev, next: prev, patch: true, dropped: publish.Manifest{}, pics: last.pics.again(s.opts.Images)}
		r.cards.newBuild()
		for _, p := range s.delta.replaced {
			r.cards.forget(s.delta.prev.Pages[p.Rank])
		}
		r.addChanges(last)
		return r, nil
	})
}

package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/publish"
	"github.com/ideas-hub/hub/generator/taxonomy"

	"cmp"
	"context"
	"maps"
	"slices"
	"time"
)

// The fast path of a rebuild. Most edits in a preview change the text or
// the tags of a few pages and nothing that places them: not their URL,
// type, dates, aliases or whether they are published. Then the order of
// pages stays as it was, and a rebuild need only patch the last Site: the
// tags the edited pages had or have get new page lists, the pages whose
// related lists those tags lead to choose again (see
// taxonomy.Related.Affected), and only the outputs that show any of these are keyed again. Anything else,
// or a tag edit that would rename a tag every page of it shows, takes the
// general path, which recomputes everything (and skips rendering what did
// not change). Both give the same output; the randomised
// TestIncrementalEqualsFull checks it.

// delta says how a Site was patched from the previous one.
type delta struct {
	prev     *Site
	pages    []*content.Page // copies of the pages read again
	replaced []*content.Page // those, the pages whose related lists show them or chose again
	// retagged holds, by slug, each tag an edited page had or has when
	// some page's tags changed: the tag before and after (nil: none).
	retagged map[string]tagChange
}

type tagChange struct{ old, new *content.Tag }

// samePlace reports whether b sits in the site's order exactly where a
// did: same URL, type, dates, aliases and publishing.
func samePlace(a, b *content.Page) bool {
	return a.Path == b.Path && a.URL == b.URL && a.Type == b.Type && a.Draft == b.Draft &&
		a.Date.Equal(b.Date) && a.Start.Equal(b.Start) && a.End.Equal(b.End) && a.AllDay == b.AllDay &&
		slices.Equal(a.Aliases, b.Aliases)
}

// sameTerms reports whether b names the terms of every taxonomy but tags
// exactly as a did. Tags are patched (see retag); an edit to another
// taxonomy's terms takes the general path, which works out every term,
// list and facet again and renders only what changed.
func sameTerms(a, b *content.Page) bool {
	return slices.EqualFunc(a.Terms, b.Terms, func(x, y content.PageTerms) bool {
		return slices.Equal(x.Names, y.Names) && slices.Equal(x.Keys, y.Keys)
	})
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
		if n.page == nil || n.fmDiags.HasErrors() || !samePlace(l.entries[c].page, n.page) || !isPublished(n.page, now, l.opts) ||
			!sameTerms(l.entries[c].page, n.page) {
			return nil, false
		}
		n.published, n.rank = true, l.entries[c].rank
	}
	retagged, ok := retag(prev, fresh, l.aboutOf)
	if !ok || (retagged != nil && aliasUnderTags(prev)) {
		return nil, false // a tag's pages may meet an alias: placeAliases checks
	}
	// Links resolve as before: no URL and no publishing changed.
	pending := map[string]*entry{}
	for i, c := range changed {
		pending[c] = fresh[i]
	}
	if err := l.renderBodies(ctx, pending, l.byPath, l.pubMap, l.linkPub); err != nil {
		return nil, false
	}
	for i, n := range fresh {
		// New pictures have files to publish: the general path plans them.
		if n.bodyDiags.HasErrors() || !samePictures(l.entries[changed[i]].page, n.page) {
			return nil, false
		}
	}
	// The edited pages' links, and links to their headings from pages
	// nobody edited, are checked with the fresh entries in place.
	old := make([]*entry, len(changed))
	for i, c := range changed {
		old[i], l.entries[c] = l.entries[c], fresh[i]
	}
	if l.targets != nil && retagged != nil {
		l.targets.retag(retagged) // no URL, alias or publishing changed: only tags
	}
	warnings := l.checkLinks(l.pubMap, l.linkPub)
	if warnings.HasErrors() {
		for i, c := range changed {
			l.entries[c] = old[i]
		}
		return nil, false
	}
	for _, e := range l.entries {
		warnings = append(warnings, e.fmDiags...)
		warnings = append(warnings, e.bodyDiags...)
	}
	for i, c := range changed {
		l.byPath[c] = fresh[i].page
		l.published[c] = publishedPage{page: fresh[i].page, url: fresh[i].page.URL}
	}
	site = l.patch(prev, now, fresh, retagged)
	warnings = append(warnings, l.undescribed(l.pubMap)...)
	site.Warnings = warnings.Sorted()
	l.site = site
	return site, true
}

// retag works out, when the fresh pages' tags differ from their old
// copies', each tag one of them had or has as it will be: its pages,
// newest first, and its name; nil for a tag no page has any more. A page
// read again stands in the lists as its old copy, so every list may be
// mapped to the new Site by rank. ok is false when a tag that stays would
// take another name: every page and list showing it changes then, which
// is the general path's work.
func retag(prev *Site, fresh []*entry, about func(*content.Taxonomy, string) *content.TermInfo) (tags map[string]*content.Tag, ok bool) {
	edited := map[int]*content.Page{} // by rank: the pages whose tags changed
	slugs := map[string]bool{}
	for _, e := range fresh {
		old := prev.Pages[e.rank]
		if slices.Equal(e.page.TagNames, old.TagNames) {
			continue
		}
		edited[e.rank] = e.page
		for _, s := range slices.Concat(old.TagSlugs, e.page.TagSlugs) {
			if s != "" {
				slugs[s] = true
			}
		}
	}
	if len(edited) == 0 {
		return nil, true
	}
	defer func() {
		if ok && len(tags) == 0 {
			tags = nil // new spellings, but the same names and pages
		}
	}()
	ranks := slices.Sorted(maps.Keys(edited))
	tags = map[string]*content.Tag{}
	for slug := range slugs {
		var add []int // ranks of the edited pages that have it now
		moved, respelt := false, false
		for _, r := range ranks {
			had, has := slices.Contains(prev.Pages[r].TagSlugs, slug), slices.Contains(edited[r].TagSlugs, slug)
			if has {
				add = append(add, r)
			}
			moved = moved || had != has
			respelt = respelt || (had && has && prev.Pages[r].Spelling(slug) != edited[r].Spelling(slug))
		}
		if !moved && !respelt {
			continue // the same pages, spelling it as before
		}
		var was []*content.Page
		old, found := taxonomy.Find(prev.Tags, slug)
		if found {
			was = old.Pages
		}
		tax := prev.Config.Taxonomies.Tags()
		t := &content.Tag{Taxonomy: tax, Slug: slug, URL: tax.TermURL(slug), About: about(tax, slug), Pages: make([]*content.Page, 0, len(was)+len(add))}
		for _, p := range was {
			for len(add) > 0 && add[0] < p.Rank {
				t.Pages, add = append(t.Pages, prev.Pages[add[0]]), add[1:]
			}
			if edited[p.Rank] == nil {
				t.Pages = append(t.Pages, p)
			}
		}
		for _, r := range add {
			t.Pages = append(t.Pages, prev.Pages[r])
		}
		if len(t.Pages) == 0 {
			tags[slug] = nil
			continue
		}
		var spellings taxonomy.Spellings
		for _, p := range t.Pages {
			if e := edited[p.Rank]; e != nil {
				p = e
			}
			spellings.Add(p.Spelling(slug))
		}
		t.Name = spellings.MostUsed()
		if found && t.Name != old.Name {
			return nil, false
		}
		if moved {
			tags[slug] = t
		}
	}
	return tags, true
}

// patch makes a Site like prev with the pages of fresh entries in place of
// their old copies, and the tags retag worked out in place of theirs. The
// pages whose related lists show an edited page, or that chose other
// related pages, get new copies, as do the tags that list an edited page;
// every other page and tag is shared with prev, which nothing changes.
//
// So a page or a tag's list may point to an older copy of a page: one that
// differs from the current copy only in its related pages, which no card
// shows, or in its tags' pointers. And a page that is not copied may point
// to older copies of its tags: they differ from the current ones only in
// the copies they list, or in their lists, which no page shows. Related
// pages are chosen by rank, from the site's current tags.
func (l *loader) patch(prev *Site, now time.Time, fresh []*entry, retagged map[string]*content.Tag) *Site {
	s := &Site{Config: prev.Config, Now: now, opts: l.opts, messages: prev.messages, Pages: slices.Clone(prev.Pages), Tags: slices.Clone(prev.Tags)}
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
	// currentTags are a page's tags as the site has them now.
	currentTags := func(p *content.Page) []*content.Tag {
		tags := make([]*content.Tag, 0, len(p.TagSlugs))
		for i, slug := range p.TagSlugs {
			if slug != "" && !slices.Contains(p.TagSlugs[:i], slug) {
				t, _ := taxonomy.Find(s.Tags, slug)
				tags = append(tags, t)
			}
		}
		return tags
	}

	if retagged != nil {
		s.Tags = slices.DeleteFunc(s.Tags, func(t *content.Tag) bool { _, re := retagged[t.Slug]; return re })
		for _, nt := range retagged {
			if nt != nil {
				s.Tags = append(s.Tags, nt)
			}
		}
		slices.SortFunc(s.Tags, func(a, b *content.Tag) int { return cmp.Compare(a.Slug, b.Slug) })
		var changed []int
		for _, p := range d.pages {
			if !slices.Equal(p.TagSlugs, l.relatedTags[p.Rank]) {
				changed = append(changed, p.Rank)
			}
		}
		// Only ranks are read of the tags' lists here.
		redo := l.relate().Affected(s.Pages, s.Tags, changed, l.relatedTags)
		chosen := l.relate().Choose(s.Pages, redo, currentTags)
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
	for _, r := range l.showing(edited) {
		cp(r)
	}

	// The lists of the tags an edited page has now show its new copy.
	tags := map[string]*content.Tag{} // by slug: the copies made here
	for _, p := range d.pages {
		for _, slug := range p.TagSlugs {
			if slug == "" || tags[slug] != nil {
				continue
			}
			t, _ := taxonomy.Find(s.Tags, slug)
			if retagged[slug] == nil { // retag's lists are this build's own
				c := *t
				t = &c
			}
			t.Pages = slices.Clone(t.Pages)
			for _, q := range d.pages {
				if i, found := taxonomy.RankIndex(t.Pages, q.Rank); found {
					t.Pages[i] = q
				}
			}
			tags[slug] = t
		}
	}
	for i, t := range s.Tags {
		if nt := tags[t.Slug]; nt != nil {
			s.Tags[i] = nt
		}
	}
	patchTermLists(s, prev, d.pages)
	for rank := range copied {
		p := s.Pages[rank]
		p.Tags = currentTags(p)
		p.Terms = currentTerms(s, p)
		related := make([]*content.Page, len(p.Related))
		for i, q := range p.Related {
			related[i] = s.Pages[q.Rank]
		}
		p.Related = related
		d.replaced = append(d.replaced, p)
	}
	if retagged != nil {
		d.retagged = map[string]tagChange{}
		for slug := range retagged {
			old, _ := taxonomy.Find(prev.Tags, slug)
			nt, _ := taxonomy.Find(s.Tags, slug)
			d.retagged[slug] = tagChange{old: old, new: nt}
		}
	}
	sortNewestFirst(d.replaced)
	for _, p := range d.pages {
		p.MetaKey = metaKeyOf(p)
	}
	// No page moved and no event stopped being upcoming (fastLoad checks
	// both), so every section lists its pages in the order it did. (The
	// call makes prev's lists if its render did not.)
	sectionPages(prev, content.Event)
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
	s.Changed = slices.Clone(d.pages)
	sortNewestFirst(s.Changed)
	s.delta = d
	return s
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

package generator

import (
	"maps"
	"slices"
	"strings"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/taxonomy"
)

// The fast path (delta.go) for the terms of every taxonomy, tags among
// them. An edit that gives a page other authors, organisations, regions
// or tags patches the lists of the terms it had or has: a term may take
// in or let go of the page, be new or be gone. Every other term and list
// is shared with the last Site. The taxonomies are counted as termLists
// has them: tags at 0, then Taxonomies.Others.

// termEdits holds, for each taxonomy (as termLists), the terms whose
// lists an edit changed, by slug, as they will be (nil: no page has it
// any more); nil for a taxonomy whose terms all stay as they were.
type termEdits []map[string]*content.Term

// at is the edits of the i-th taxonomy, nil for none.
func (te termEdits) at(i int) map[string]*content.Term {
	if i < len(te) {
		return te[i]
	}
	return nil
}

// termChange is one term an edit changed, before and after (nil: none).
type termChange struct{ old, new *content.Term }

// termChanges pairs each edited term as prev had it with the term as s
// has it; nil without edits.
func termChanges(prev, s *Site, edits termEdits) []map[string]termChange {
	if edits == nil {
		return nil
	}
	changes := make([]map[string]termChange, len(edits))
	for i, m := range edits {
		for slug := range m {
			if changes[i] == nil {
				changes[i] = map[string]termChange{}
			}
			old, _ := taxonomy.Find(prev.listAt(i), slug)
			nt, _ := taxonomy.Find(s.listAt(i), slug)
			changes[i][slug] = termChange{old: old, new: nt}
		}
	}
	return changes
}

// slugsAt are p's term slugs of the i-th taxonomy, as written.
func slugsAt(p *content.Page, i int) []string {
	if i == 0 {
		return p.TagSlugs
	}
	return p.Terms[i-1].Slugs
}

// spellingAt is how p first writes its term of the i-th taxonomy with
// the slug, "" when it has none: merge counts it once a page.
func spellingAt(p *content.Page, i int, slug string) string {
	if i == 0 {
		return p.Spelling(slug)
	}
	pt := p.Terms[i-1]
	if j := slices.Index(pt.Slugs, slug); j >= 0 {
		return pt.Names[j]
	}
	return ""
}

// listAt is the site's terms of the i-th taxonomy, sorted by slug.
func (s *Site) listAt(i int) []*content.Term {
	if i == 0 {
		return s.Tags
	}
	return s.Terms[i-1]
}

func (s *Site) setListAt(i int, terms []*content.Term) {
	if i == 0 {
		s.Tags = terms
	} else {
		s.Terms[i-1] = terms
	}
}

// reterm works out, for each taxonomy, each term an edited page had or
// has whose pages are no longer the same (see retermOne). ok is false
// when the general path must run: a term that stays would take another
// name, which every page and list showing it would change with, or a
// taxonomy would gain its first term or lose its last, which the footer
// of every page shows.
func reterm(prev *Site, fresh []*entry, about func(*content.Taxonomy, string) *content.TermInfo) (edits termEdits, ok bool) {
	lists := prev.termLists()
	any := false
	edits = make(termEdits, len(lists))
	for i, tl := range lists {
		m, ok := retermOne(prev, fresh, i, tl, about)
		if !ok {
			return nil, false
		}
		if i > 0 && m != nil && (len(tl.terms) > 0) != (termCountAfter(tl.terms, m) > 0) {
			return nil, false
		}
		edits[i], any = m, any || m != nil
	}
	if !any {
		return nil, true
	}
	return edits, true
}

// termCountAfter is how many terms the list has once edits apply.
func termCountAfter(terms []*content.Term, edits map[string]*content.Term) int {
	n := len(terms)
	for slug, t := range edits {
		_, found := taxonomy.Find(terms, slug)
		switch {
		case found && t == nil:
			n--
		case !found && t != nil:
			n++
		}
	}
	return n
}

// retermOne works out the terms of one taxonomy (i, as termLists) that
// an edited page took or gave up: each with its pages, newest first, and
// its name; nil for a term no page has any more. A page read again stands
// in the lists as its old copy, so every list may be mapped to the new
// Site by rank. ok is false when a term that stays would take another
// name.
func retermOne(prev *Site, fresh []*entry, i int, tl termList, about func(*content.Taxonomy, string) *content.TermInfo) (terms map[string]*content.Term, ok bool) {
	edited := map[int]*content.Page{} // by rank: the pages whose terms of the taxonomy changed
	slugs := map[string]bool{}
	for _, e := range fresh {
		old := prev.Pages[e.rank]
		if sameSpellings(old, e.page, i) { // and so the same slugs
			continue
		}
		edited[e.rank] = e.page
		for _, s := range slices.Concat(slugsAt(old, i), slugsAt(e.page, i)) {
			if s != "" {
				slugs[s] = true
			}
		}
	}
	if len(edited) == 0 {
		return nil, true
	}
	ranks := slices.Sorted(maps.Keys(edited))
	terms = map[string]*content.Term{}
	for _, slug := range slices.Sorted(maps.Keys(slugs)) {
		var add []int // ranks of the edited pages that have it now
		moved, respelt := false, false
		for _, r := range ranks {
			had, has := slices.Contains(slugsAt(prev.Pages[r], i), slug), slices.Contains(slugsAt(edited[r], i), slug)
			if has {
				add = append(add, r)
			}
			moved = moved || had != has
			respelt = respelt || (had && has && spellingAt(prev.Pages[r], i, slug) != spellingAt(edited[r], i, slug))
		}
		if !moved && !respelt {
			continue // the same pages, spelling it as before
		}
		old, found := taxonomy.Find(tl.terms, slug)
		t := relist(prev, old, slug, tl.tax, add, edited)
		if len(t.Pages) == 0 {
			terms[slug] = nil
			continue
		}
		var spellings taxonomy.Spellings
		for _, p := range t.Pages {
			if e := edited[p.Rank]; e != nil {
				p = e
			}
			spellings.Add(spellingAt(p, i, slug))
		}
		t.Name = spellings.MostUsed()
		if found && t.Name != old.Name {
			return nil, false
		}
		if moved {
			t.About = about(tl.tax, slug)
			terms[slug] = t
		}
	}
	if len(terms) == 0 {
		return nil, true // new spellings, but the same names and pages
	}
	return terms, true
}

// sameSpellings reports whether b writes its terms of the i-th taxonomy
// as a does.
func sameSpellings(a, b *content.Page, i int) bool {
	if i == 0 {
		return slices.Equal(a.TagNames, b.TagNames)
	}
	return slices.Equal(a.Terms[i-1].Names, b.Terms[i-1].Names)
}

// relist makes the term of slug anew with the pages of old (nil: a new
// term) but the edited pages, and the ranks in add, in rank order. The
// pages are the last Site's copies: patch puts the new ones in.
func relist(prev *Site, old *content.Term, slug string, tax *content.Taxonomy, add []int, edited map[int]*content.Page) *content.Term {
	var was []*content.Page
	if old != nil {
		was = old.Pages
	}
	t := &content.Term{Taxonomy: tax, Slug: slug, URL: tax.TermURL(slug), Pages: make([]*content.Page, 0, len(was)+len(add))}
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
	return t
}

// applyTermEdits returns terms, sorted by slug, with the edited terms in
// place of theirs, new ones added and gone ones left out.
func applyTermEdits(terms []*content.Term, edits map[string]*content.Term) []*content.Term {
	out := make([]*content.Term, 0, len(terms)+len(edits))
	for _, t := range terms {
		if _, re := edits[t.Slug]; !re {
			out = append(out, t)
		}
	}
	for _, t := range edits {
		if t != nil {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b *content.Term) int { return strings.Compare(a.Slug, b.Slug) })
	return out
}

// showEdited returns terms (of the i-th taxonomy) with a copy of each
// term an edited page has now whose list holds the edited pages' new
// copies; every other term, and terms itself when no term changes, is
// shared. own are terms this build made (see reterm), whose lists it may
// change in place.
func showEdited(terms []*content.Term, i int, edited []*content.Page, own map[string]*content.Term) []*content.Term {
	cloned := false
	done := map[string]bool{}
	for _, p := range edited {
		for _, slug := range slugsAt(p, i) {
			if slug == "" || done[slug] {
				continue
			}
			done[slug] = true
			j, found := slices.BinarySearchFunc(terms, slug, func(t *content.Term, s string) int { return strings.Compare(t.Slug, s) })
			if !found {
				continue // cannot be: the edits made every term an edited page has
			}
			t := terms[j]
			if own[slug] == nil {
				c := *t
				c.Pages = slices.Clone(c.Pages)
				t = &c
			}
			for _, q := range edited {
				if k, ok := taxonomy.RankIndex(t.Pages, q.Rank); ok {
					t.Pages[k] = q
				}
			}
			if !cloned {
				terms, cloned = slices.Clone(terms), true
			}
			terms[j] = t
		}
	}
	return terms
}

// currentTerms are p's terms of the taxonomies but tags as s has them
// now, in a slice of p's own (its PageTerms may be shared with an older
// copy of p).
func currentTerms(s *Site, p *content.Page) []content.PageTerms {
	out := slices.Clone(p.Terms)
	for i := range out {
		pt := &out[i]
		pt.Terms = make([]*content.Term, 0, len(pt.Slugs))
		for _, slug := range pt.Slugs {
			if t, ok := taxonomy.Find(s.Terms[i], slug); ok && !slices.Contains(pt.Terms, t) {
				pt.Terms = append(pt.Terms, t)
			}
		}
	}
	return out
}

// aliasUnderEdits reports whether an alias of s is under the URL of a
// taxonomy with edited terms, where a term a page newly takes could make
// a page of the site's own (placeAliases checks that on the general path).
func aliasUnderEdits(s *Site, edits termEdits) bool {
	var prefixes []string
	for i, tl := range s.termLists() {
		if edits.at(i) != nil {
			prefixes = append(prefixes, tl.tax.URL())
		}
	}
	if len(prefixes) == 0 {
		return false
	}
	for _, p := range s.Pages {
		for _, a := range p.Aliases {
			u := normaliseAlias(a)
			if slices.ContainsFunc(prefixes, func(pre string) bool { return strings.HasPrefix(u, pre) }) {
				return true
			}
		}
	}
	return false
}

package generator

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/ideas-hub/hub/internal/slug"
)

// Tag is one tag of the site's single taxonomy. Spellings that share a slug
// are one tag; its display name is the spelling most pages use.
type Tag struct {
	Slug  string
	Name  string
	URL   string
	Pages []*Page // newest first
}

// Count is the number of published pages with the tag.
func (t *Tag) Count() int { return len(t.Pages) }

// buildTags merges the tags of pages by slug, links each page to its tags and
// returns the tags sorted by slug. Pages must already be in newest-first order.
func buildTags(pages []*Page) []*Tag {
	type tally struct {
		tag       *Tag
		spellings []spelling // few per tag: a slice beats a map here
	}
	bySlug := map[string]*tally{}
	var tallies []*tally
	for _, p := range pages {
		p.Tags = make([]*Tag, 0, len(p.TagNames))
		for i, name := range p.TagNames {
			s := p.tagSlugs[i]
			if s == "" {
				continue
			}
			ty := bySlug[s]
			if ty == nil {
				ty = &tally{tag: &Tag{Slug: s, URL: tagURL(s)}}
				bySlug[s] = ty
				tallies = append(tallies, ty)
			}
			if slices.Contains(p.Tags, ty.tag) { // "Co-production" and "co-production" on one page
				continue
			}
			ty.spellings = count(ty.spellings, name)
			ty.tag.Pages = append(ty.tag.Pages, p)
			p.Tags = append(p.Tags, ty.tag)
		}
	}
	tags := make([]*Tag, len(tallies))
	for i, ty := range tallies {
		ty.tag.Name = mostUsedSpelling(ty.spellings)
		tags[i] = ty.tag
	}
	slices.SortFunc(tags, func(a, b *Tag) int { return cmp.Compare(a.Slug, b.Slug) })
	return tags
}

func tagURL(slug string) string { return "/tags/" + slug + "/" }

// findTag finds a tag by slug in a list sorted by slug.
func findTag(tags []*Tag, slug string) (*Tag, bool) {
	i, found := slices.BinarySearchFunc(tags, slug, func(t *Tag, s string) int { return cmp.Compare(t.Slug, s) })
	if !found {
		return nil, false
	}
	return tags[i], true
}

// rankIndex finds the page at rank in a list in rank order (newest first).
func rankIndex(pages []*Page, rank int) (int, bool) {
	return slices.BinarySearchFunc(pages, rank, func(p *Page, rank int) int { return cmp.Compare(p.rank, rank) })
}

// spelling is how p spells the tag with slug, the first time it does:
// the spelling that counts towards the tag's name.
func (p *Page) spelling(slug string) string {
	i := slices.Index(p.tagSlugs, slug)
	if i < 0 {
		return ""
	}
	return p.TagNames[i]
}

type spelling struct {
	name string
	n    int
}

func count(ss []spelling, name string) []spelling {
	for i := range ss {
		if ss[i].name == name {
			ss[i].n++
			return ss
		}
	}
	return append(ss, spelling{name, 1})
}

// mostUsedSpelling breaks ties by preferring the spelling that sorts first, so
// the name does not change with the order files are read in.
func mostUsedSpelling(ss []spelling) string {
	best, bestN := "", 0
	for _, s := range ss {
		if s.n > bestN || (s.n == bestN && s.name < best) {
			best, bestN = s.name, s.n
		}
	}
	return best
}

// popularTags returns up to n tags with the most pages.
func popularTags(tags []*Tag, n int) []*Tag {
	out := slices.Clone(tags)
	slices.SortStableFunc(out, func(a, b *Tag) int { return cmp.Compare(len(b.Pages), len(a.Pages)) })
	return out[:min(n, len(out))]
}

// tagSlug is slug.Tag, remembered: a site has a few hundred tag names over
// thousands of pages, and transliterating each again was 0.9% of a
// 10,000-page build's CPU. It remembers at most maxTagSlugs names, so a
// long preview cannot grow it without end.
func tagSlug(name string) string {
	if s, ok := tagSlugs.Load(name); ok {
		return s.(string)
	}
	s := slug.Tag(name)
	if tagSlugCount.Add(1) <= maxTagSlugs {
		tagSlugs.Store(name, s)
	}
	return s
}

var (
	tagSlugs     sync.Map // tag name -> slug
	tagSlugCount atomic.Int64
)

const maxTagSlugs = 1 << 16

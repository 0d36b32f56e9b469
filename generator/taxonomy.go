package generator

import (
	"github.com/ideas-hub/hub/generator/content"

	"cmp"
	"slices"
)

// buildTags merges the tags of pages by slug, links each page to its tags and
// returns the tags sorted by slug. Pages must already be in newest-first order.
func buildTags(pages []*content.Page) []*content.Tag {
	type tally struct {
		tag       *content.Tag
		spellings []spelling // few per tag: a slice beats a map here
	}
	bySlug := map[string]*tally{}
	var tallies []*tally
	for _, p := range pages {
		p.Tags = make([]*content.Tag, 0, len(p.TagNames))
		for i, name := range p.TagNames {
			s := p.TagSlugs[i]
			if s == "" {
				continue
			}
			ty := bySlug[s]
			if ty == nil {
				ty = &tally{tag: &content.Tag{Slug: s, URL: tagURL(s)}}
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
	tags := make([]*content.Tag, len(tallies))
	for i, ty := range tallies {
		ty.tag.Name = mostUsedSpelling(ty.spellings)
		tags[i] = ty.tag
	}
	slices.SortFunc(tags, func(a, b *content.Tag) int { return cmp.Compare(a.Slug, b.Slug) })
	return tags
}

func tagURL(slug string) string { return "/tags/" + slug + "/" }

// findTag finds a tag by slug in a list sorted by slug.
func findTag(tags []*content.Tag, slug string) (*content.Tag, bool) {
	i, found := slices.BinarySearchFunc(tags, slug, func(t *content.Tag, s string) int { return cmp.Compare(t.Slug, s) })
	if !found {
		return nil, false
	}
	return tags[i], true
}

// rankIndex finds the page at rank in a list in rank order (newest first).
func rankIndex(pages []*content.Page, rank int) (int, bool) {
	return slices.BinarySearchFunc(pages, rank, func(p *content.Page, rank int) int { return cmp.Compare(p.Rank, rank) })
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
func popularTags(tags []*content.Tag, n int) []*content.Tag {
	out := slices.Clone(tags)
	slices.SortStableFunc(out, func(a, b *content.Tag) int { return cmp.Compare(len(b.Pages), len(a.Pages)) })
	return out[:min(n, len(out))]
}

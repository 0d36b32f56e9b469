package generator

import (
	"cmp"
	"slices"
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
	bySlug := map[string]*Tag{}
	spellings := map[string]map[string]int{}
	var tags []*Tag
	for _, p := range pages {
		p.Tags = p.Tags[:0]
		for i, name := range p.TagNames {
			s := p.tagSlugs[i]
			if s == "" {
				continue
			}
			t := bySlug[s]
			if t == nil {
				t = &Tag{Slug: s, URL: "/tags/" + s + "/"}
				bySlug[s] = t
				spellings[s] = map[string]int{}
				tags = append(tags, t)
			}
			if slices.Contains(p.Tags, t) { // "Co-production" and "co-production" on one page
				continue
			}
			spellings[s][name]++
			t.Pages = append(t.Pages, p)
			p.Tags = append(p.Tags, t)
		}
	}
	for _, t := range tags {
		t.Name = mostUsedSpelling(spellings[t.Slug])
	}
	slices.SortFunc(tags, func(a, b *Tag) int { return cmp.Compare(a.Slug, b.Slug) })
	return tags
}

// mostUsedSpelling breaks ties by preferring the spelling that sorts first, so
// the name does not change with the order files are read in.
func mostUsedSpelling(counts map[string]int) string {
	best, bestN := "", 0
	for name, n := range counts {
		if n > bestN || (n == bestN && name < best) {
			best, bestN = name, n
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

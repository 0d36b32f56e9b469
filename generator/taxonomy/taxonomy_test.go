package taxonomy

import (
	"slices"
	"testing"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/internal/slug"
)

// pages makes pages in newest-first order, each with the tags given.
func pages(tags ...[]string) []*content.Page {
	out := make([]*content.Page, len(tags))
	for i, names := range tags {
		p := &content.Page{Type: "story", Path: string(rune('a' + i)), TagNames: names}
		for _, n := range names {
			p.TagSlugs = append(p.TagSlugs, slug.Tag(n))
		}
		out[i] = p
	}
	return out
}

func ranks(ps []*content.Page) []int {
	var out []int
	for _, p := range ps {
		out = append(out, p.Rank)
	}
	return out
}

// Spellings of one slug are one term, named by the spelling most pages
// use (ties: the one that sorts first), listed once on a page that spells
// it twice; the terms come sorted by slug with their pages newest first.
func TestTagsMergeSpellingsByMostUsed(t *testing.T) {
	ps := pages([]string{"co-production", "Wales"}, []string{"Co-production", "co-production"}, []string{"Co-production"}, []string{"wales"})
	tags := Tags(content.Defaults().Tags(), ps)
	if len(tags) != 2 || tags[0].Slug != "co-production" || tags[1].Slug != "wales" {
		t.Fatalf("tags %v, want co-production and wales", tags)
	}
	if tags[0].Name != "Co-production" {
		t.Errorf("co-production is named %q, want the spelling two pages use", tags[0].Name)
	}
	if tags[1].Name != "Wales" {
		t.Errorf("wales is named %q, want Wales: one page each, and it sorts first", tags[1].Name)
	}
	if !slices.Equal(tags[0].Pages, ps[:3]) || len(ps[1].Tags) != 1 {
		t.Errorf("co-production lists %d pages, the page spelling it twice has %d tags", len(tags[0].Pages), len(ps[1].Tags))
	}
	if tags[0].URL != "/tags/co-production/" {
		t.Errorf("URL %q", tags[0].URL)
	}
	if got, ok := Find(tags, "wales"); !ok || got != tags[1] {
		t.Error("Find does not find wales")
	}
	if _, ok := Find(tags, "care"); ok {
		t.Error("Find finds a tag no page has")
	}
}

// A tag offers as candidates only its first TagCap pages, the newest; the
// zero value offers DefaultTagCap.
func TestRelatedTakesCandidatesWithinTheTagCap(t *testing.T) {
	ps := pages([]string{"a"}, []string{"a"}, []string{"a"}, []string{"a"}, []string{"a"})
	Tags(content.Defaults().Tags(), ps)
	Related{}.Link(ps)
	if got := ranks(ps[4].Related); !slices.Equal(got, []int{0, 1, 2, 3}) {
		t.Errorf("without a cap the oldest page relates to %v, want every other page newest first", got)
	}
	Related{TagCap: 2}.Link(ps)
	if got := ranks(ps[4].Related); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("with a cap of 2 the oldest page relates to %v, want the tag's two newest", got)
	}
	if got := ranks(ps[0].Related); !slices.Equal(got, []int{1}) {
		t.Errorf("with a cap of 2 the newest page relates to %v, want the other of the two", got)
	}
	// A page retagged in the tag's first two places changes what every
	// page of the tag may choose; past them, only its own.
	had := [][]string{{"a"}, {"a"}, {"a"}, {"a"}, {"a"}}
	if got := (Related{TagCap: 2}).Affected(ps, ps[0].Tags, []int{1}, had); !slices.Equal(got, []int{0, 1, 2, 3, 4}) {
		t.Errorf("a change within the cap affects %v, want every page of the tag", got)
	}
	if got := (Related{TagCap: 2}).Affected(ps, ps[0].Tags, []int{3}, had); !slices.Equal(got, []int{3}) {
		t.Errorf("a change past the cap affects %v, want the page alone", got)
	}
}

package bleveengine

import (
	"testing"

	"github.com/blevesearch/bleve/v2/numeric"

	"github.com/ideas-hub/hub/internal/slug"
)

// The index keeps one term per dated page in the date field, the civil time
// columns read back: the coarser precisions bleve's date field adds were a
// sixth of a build's allocations, for range queries hub never runs. Dates,
// filters and sorts by date still come out as before (the contract tests).
func TestDateFieldHasOneTermPerDate(t *testing.T) {
	ix := fixtureIndex(t)
	dates := map[int64]bool{}
	for _, d := range fixtureDocs() {
		if !d.Date.IsZero() {
			dates[civilTime(d.Date).UnixNano()] = true
		}
	}
	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	terms := map[int64]bool{}
	if err := visitTerms(r, fieldDate, func(term string, _ uint64) {
		pc := numeric.PrefixCoded(term)
		shift, err := pc.Shift()
		v, err2 := pc.Int64()
		if err != nil || err2 != nil || shift != 0 {
			t.Errorf("date term %x: shift %d (%v, %v), want one full-precision term per date", term, shift, err, err2)
			return
		}
		terms[v] = true
	}); err != nil {
		t.Fatal(err)
	}
	if len(terms) != len(dates) {
		t.Errorf("%d date terms, want %d (one per distinct date)", len(terms), len(dates))
	}
	for v := range dates {
		if !terms[v] {
			t.Errorf("no date term for %d", v)
		}
	}
}

// A spelling that is a slug already is its own slug: tagSlugs takes it as
// it is rather than running slug.Tag's regular expressions over it, and
// agrees with slug.Tag on every spelling.
func TestTagSlugsTakesSlugsAsTheyAre(t *testing.T) {
	spellings := []string{
		"co-production", "wales", "mental-health", "a1", "2024", "x-1-y",
		"Co-production", " co-production ", "co--production", "-wales", "wales-",
		"time_banking", "café", "Men's Sheds", "a&b", "---", "", "carers-uk-",
		"über-hub", "ONE", "one two",
	}
	for _, s := range spellings {
		if isSlug(s) && slug.Tag(s) != s {
			t.Errorf("isSlug(%q), but its slug is %q", s, slug.Tag(s))
		}
		got := tagSlugs([]string{s})
		if want := slug.Tag(s); want == "" && len(got) != 0 || want != "" && (len(got) != 1 || got[0] != want) {
			t.Errorf("tagSlugs(%q) = %q, want %q", s, got, want)
		}
	}
	slugs := []string{"co-production", "wales", "mental-health", "carers"}
	if n := testing.AllocsPerRun(100, func() { tagSlugs(slugs) }); n > 1 {
		t.Errorf("tagSlugs of slugs: %v allocations, want only its result", n)
	}
}

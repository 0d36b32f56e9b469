package bleveengine

import (
	"testing"

	"github.com/blevesearch/bleve/v2/numeric"
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

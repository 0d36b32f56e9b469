package bleveengine

import (
	"errors"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/search"
)

func TestSearchValidatesGoRequests(t *testing.T) {
	ix := fixtureIndex(t)
	for _, r := range []search.Request{
		{},
		{Query: "x", Size: 51},
		{Query: "x", Page: -1},
		{Query: "x", Types: []string{"blog"}},
		{Query: "x", Sort: "popular"},
		{Query: strings.Repeat("x", 257)},
	} {
		_, err := ix.Search(t.Context(), r)
		var re *search.RequestError
		if !errors.As(err, &re) {
			t.Errorf("%+v: error %v, want *search.RequestError", r, err)
		}
	}
}

// The CLI builds Requests from flags: any spelling of a tag and type works.
func TestSearchNormalisesGoRequests(t *testing.T) {
	ix := fixtureIndex(t)
	r, err := ix.Search(t.Context(), search.Request{Tags: []string{" Co-Production "}, Types: []string{"Story"}, Sort: "Oldest"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) != 1 || r.Hits[0].URL != "/stories/repair-cafe-lessons/" {
		t.Errorf("%+v", r.Hits)
	}
}

package sitesearch

import (
	"testing"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/generator/content"
)

func TestSpeller(t *testing.T) {
	site := &generator.Site{
		Pages: []*content.Page{
			{Title: "A timebank rebuilds a valley community", Summary: "Timebanking in Blaengarw."},
			{Title: "Community transport at night", Summary: "A volunteer night bus."},
			{Title: "Communal gardens", Summary: "Growing together."},
		},
		Tags: []*content.Tag{{Slug: "co-production", Name: "Co-production"}},
	}
	sp := newSpeller(site)
	tests := []struct {
		query, want string
		changed     bool
	}{
		{"comunity", "community", true}, // one edit; "communal" is two
		{"timebnak", "timebank", true},  // a swap counts as two here, within the limit for long words
		{"volunter night", "volunteer night", true},
		{"community", "community", false}, // known words stay
		{"bus", "bus", false},             // short words are left alone
		{"zzzzzz", "zzzzzz", false},       // nothing close
		{"co-prodution", "co-production", true},
	}
	for _, tt := range tests {
		got, changed := sp.correct(tt.query)
		if got != tt.want || changed != tt.changed {
			t.Errorf("correct(%q) = %q, %v; want %q, %v", tt.query, got, changed, tt.want, tt.changed)
		}
	}
}

package bleveengine

import (
	"slices"
	"testing"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"timebank", "timebank", 2, 0},
		{"timebnak", "timebank", 2, 1}, // a swap is one edit
		{"care", "card", 1, 1},
		{"care", "career", 2, 2},
		{"care", "careers", 2, 3}, // over the limit: limit+1
		{"cafe", "caef", 1, 1},
		{"café", "cafe", 1, 1},
		{"", "ab", 2, 2},
		{"abcdef", "ghijkl", 2, 3},
	}
	var ed editDistancer
	for _, tt := range tests {
		if got := ed.distance([]rune(tt.a), tt.b, tt.limit); got != tt.want {
			t.Errorf("distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func TestAlternatives(t *testing.T) {
	ix := fixtureIndex(t)
	tests := []struct {
		term     string
		distance int
		want     []string // must be among the alternatives
		not      []string
	}{
		{"timebnak", 2, []string{"timebank"}, nil},
		{"repiar", 2, []string{"repair"}, nil},
		{"career", 2, []string{"carer", "care"}, []string{"career"}},
		{"imebank", 2, nil, []string{"timebank"}}, // the first letter is kept
	}
	for _, tt := range tests {
		var got []string
		for _, a := range ix.vocab.alternatives(tt.term, tt.distance) {
			got = append(got, a.term)
			if a.fields == 0 || a.distance < 1 || a.distance > tt.distance {
				t.Errorf("%s: alternative %+v", tt.term, a)
			}
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("alternatives of %q: %q lack %q", tt.term, got, w)
			}
		}
		for _, w := range tt.not {
			if slices.Contains(got, w) {
				t.Errorf("alternatives of %q: %q have %q", tt.term, got, w)
			}
		}
	}
	if n := ix.vocab.docFreq("timebank"); n < 3 {
		t.Errorf("docFreq(timebank) = %d", n)
	}
}

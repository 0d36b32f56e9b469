package eval

import (
	"math"
	"strings"
	"testing"
)

func TestScore(t *testing.T) {
	grades := map[string]int{"/a/": 2, "/b/": 1, "/c/": 2}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	ideal := 3 + 3/math.Log2(3) + 1/math.Log2(4)
	for _, tc := range []struct {
		name string
		urls []string
		want Scores
	}{
		{"ideal order", []string{"/a/", "/c/", "/b/"}, Scores{1, 1, 1}},
		{"nothing found", nil, Scores{0, 0, 0}},
		{"relevant second", []string{"/x/", "/b/"}, Scores{(1 / math.Log2(3)) / ideal, 0.5, 1.0 / 3}},
		{"beyond the cutoff", []string{"/1/", "/2/", "/3/", "/4/", "/5/", "/6/", "/7/", "/8/", "/9/", "/10/", "/a/"}, Scores{0, 0, 0}},
	} {
		got := score(tc.urls, grades)
		if !near(got.NDCG, tc.want.NDCG) || !near(got.MRR, tc.want.MRR) || !near(got.Recall, tc.want.Recall) {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
	// A query that should find nothing scores 1 when it does, 0 when it does not.
	if s := score(nil, nil); s != (Scores{1, 1, 1}) {
		t.Errorf("empty answer to a nothing query: %+v", s)
	}
	if s := score([]string{"/a/"}, map[string]int{"/a/": 0}); s != (Scores{}) {
		t.Errorf("a hit for a nothing query: %+v", s)
	}
}

func TestSetChecks(t *testing.T) {
	bad := &Set{Queries: []Query{
		{ID: "a", Corpus: "hub", Kind: "exact", Q: "x", Grades: map[string]int{"/p/": 3}},
		{ID: "a", Corpus: "hub", Kind: "nothing", Q: "y", Grades: map[string]int{"/p/": 1}},
		{ID: "b", Corpus: "", Kind: "odd", Q: "z"},
	}}
	err := bad.check()
	if err == nil {
		t.Fatal("a set with bad grades, a repeated id, a relevant page for a nothing query and an unknown kind passed")
	}
	for _, want := range []string{"graded 3", "id used twice", `a "nothing" query has 1 relevant`, `kind "odd"`, "no corpus"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

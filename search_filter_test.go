package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ideas-hub/hub/search"
	bleveengine "github.com/ideas-hub/hub/search/bleve"
)

// regionsIndex is the index of a site with a regions taxonomy beside tags,
// its regions spelt as editors spell them.
func regionsIndex(t *testing.T) string {
	t.Helper()
	schema := search.DefaultSchema()
	schema.Taxonomies = []search.Taxonomy{{Name: search.TagsName, Param: search.TagsParam}, {Name: "regions", Param: "region"}}
	day := func(s string) time.Time { d, _ := time.Parse(search.DayLayout, s); return d }
	docs := []search.Document{
		{URL: "/case-studies/valley-timebank/", Title: "A valley timebank", Body: "Hours traded for lifts and gardening.",
			Type: "case-study", Tags: []string{"timebanking"}, Date: day("2025-03-01"), Terms: map[string][]string{"regions": {"Wales"}}},
		{URL: "/stories/harbour-timebank/", Title: "A harbour timebank", Body: "Hours traded for repairs.",
			Type: "story", Tags: []string{"timebanking"}, Date: day("2024-06-10"), Terms: map[string][]string{"regions": {"Wales", "South West"}}},
		{URL: "/stories/moor-timebank/", Title: "A timebank on the moor", Body: "Hours traded for shopping.",
			Type: "story", Tags: []string{"timebanking", "rural"}, Date: day("2023-01-20"), Terms: map[string][]string{"regions": {"yorkshire"}}},
		{URL: "/about/", Title: "About the hub", Body: "Who keeps the timebank stories.", Type: "page"},
	}
	dir := filepath.Join(t.TempDir(), "index")
	if err := bleveengine.Build(context.Background(), dir, "regions-1", schema, docs); err != nil {
		t.Fatal(err)
	}
	return dir
}

// `hub search --filter` filters by any taxonomy of the index, as the
// endpoint's parameter of the same name does, and --json prints the
// endpoint's object with each taxonomy's facet and each hit's terms.
func TestSearchFilterByTaxonomy(t *testing.T) {
	t.Parallel()
	index := regionsIndex(t)
	code, stdout, stderr := hub(t, "search", "--index", index, "--filter", "region=wales", "--json", "timebank")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			URL     string   `json:"url"`
			Regions []string `json:"regions"`
		} `json:"hits"`
		Facets map[string][]search.FacetCount `json:"facets"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	var urls []string
	for _, h := range res.Hits {
		urls = append(urls, h.URL)
		if !slices.Contains(h.Regions, "wales") {
			t.Errorf("%s: regions %v, want wales among them", h.URL, h.Regions)
		}
	}
	if want := []string{"/case-studies/valley-timebank/", "/stories/harbour-timebank/"}; res.Total != 2 || !slices.Equal(urls, want) {
		t.Errorf("--filter region=wales: %d hits %v, want %v", res.Total, urls, want)
	}
	// The regions facet is counted without its own filter: every region
	// of the timebanks, so another can be added.
	wantRegions := []search.FacetCount{{Term: "wales", Count: 2}, {Term: "south-west", Count: 1}, {Term: "yorkshire", Count: 1}}
	if got := res.Facets["regions"]; !slices.Equal(got, wantRegions) {
		t.Errorf("regions facet %v, want %v", got, wantRegions)
	}
	if !strings.Contains(stdout, `"regions":["wales","south-west"]`) {
		t.Errorf("the harbour's hit does not list its regions as the endpoint does:\n%s", stdout)
	}

	// Any spelling, several values (any matches), --tag as the short form
	// of --filter tag=, and the same filter twice, as the endpoint takes them.
	for _, args := range [][]string{
		{"--filter", "region=South West", "--filter", "region=YORKSHIRE"},
		{"--filter", "region=south-west", "--filter", "region=yorkshire", "--filter", "tag=timebanking"},
		{"--filter", "region=south-west", "--filter", "region=yorkshire", "--tag", "Timebanking"},
	} {
		args = append([]string{"search", "--index", index, "--json"}, append(args, "timebank")...)
		code, stdout, stderr := hub(t, args...)
		if code != 0 || strings.Count(stdout, `"url":`) != 2 || !strings.Contains(stdout, "/stories/moor-timebank/") || !strings.Contains(stdout, "/stories/harbour-timebank/") {
			t.Errorf("%v: exit %d, want the harbour and the moor\n%s%s", args[3:], code, stdout, stderr)
		}
	}
	code, stdout, _ = hub(t, "search", "--index", index, "--filter", "tag=rural", "--json", "timebank")
	if code != 0 || strings.Count(stdout, `"url":`) != 1 || !strings.Contains(stdout, "/stories/moor-timebank/") {
		t.Errorf("--filter tag=rural: exit %d\n%s", code, stdout)
	}
}

// A --filter the index has no filter of is bad usage (exit 2) that names
// the filters there are; so is one that is not PARAM=VALUE.
func TestSearchFilterUsage(t *testing.T) {
	t.Parallel()
	index := regionsIndex(t)
	for _, tt := range []struct {
		filter string
		says   []string
	}{
		{"nope=x", []string{`unknown filter "nope"`, "type, tag, region, from, to", "usage: hub search"}},
		{"q=timebank", []string{`unknown filter "q"`}}, // a parameter of the endpoint, but no filter
		{"wales", []string{"PARAM=VALUE"}},
		{"region=", []string{"no value"}},
		{"=wales", []string{"PARAM=VALUE"}},
	} {
		code, stdout, stderr := hub(t, "search", "--index", index, "--filter", tt.filter, "timebank")
		if code != 2 || stdout != "" {
			t.Errorf("--filter %s: exit %d, want 2\n%s%s", tt.filter, code, stdout, stderr)
		}
		for _, s := range tt.says {
			if !strings.Contains(stderr, s) {
				t.Errorf("--filter %s: stderr lacks %q:\n%s", tt.filter, s, stderr)
			}
		}
	}
	// Without an index, the site's own filters are unknown to hub: the
	// missing index is the problem to report.
	code, _, stderr := hub(t, "search", "--index", filepath.Join(t.TempDir(), "none"), "--filter", "region=wales", "x")
	if code != 1 || !strings.Contains(stderr, "run hub build first") {
		t.Errorf("--filter without an index: exit %d\n%s", code, stderr)
	}
}

package bleveengine

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/search"
)

// tagsSchema is the default types with tags alone, as a site that
// declares only tags has.
func tagsSchema() search.Schema {
	s := search.DefaultSchema()
	s.Taxonomies = []search.Taxonomy{{Name: search.TagsName, Param: search.TagsParam}}
	return s
}

// termsSchema is tags and two more taxonomies, as a site that declares
// authors and regions has.
func termsSchema() search.Schema {
	s := tagsSchema()
	s.Taxonomies = append(s.Taxonomies,
		search.Taxonomy{Name: "authors", Param: "author"},
		search.Taxonomy{Name: "regions", Param: "region"})
	return s
}

// termDocs are the fixtures with their authors and regions as terms, in
// any spelling, as front matter has them.
func termDocs() []search.Document {
	terms := map[string]map[string][]string{
		"/case-studies/blaengarw-timebank/":    {"authors": {"Ceri Evans"}, "regions": {"Wales"}},
		"/stories/night-bus-to-the-ward/":      {"regions": {"North East"}},
		"/case-studies/care-home-gardens/":     {"authors": {"Priya Shah"}, "regions": {"Yorkshire"}},
		"/report-reviews/valuing-timebanking/": {"authors": {"Tom Reid"}},
		"/events/timebank-gathering-2025/":     {"regions": {" wales "}},
		"/stories/repair-cafe-lessons/":        {"authors": {"Priya Shah", "Tom Reid"}, "regions": {"yorkshire"}},
	}
	docs := fixtureDocs()
	for i := range docs {
		docs[i].Terms = terms[docs[i].URL]
	}
	return docs
}

func termsServer(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	if err := Build(context.Background(), dir, "terms-1", termsSchema(), termDocs()); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return httptestServer(t, search.NewHandler(search.NewHolder(ix), search.HandlerOptions{})).URL
}

func TestTaxonomyFilters(t *testing.T) {
	base := termsServer(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"region=wales", []string{"/events/timebank-gathering-2025/", "/case-studies/blaengarw-timebank/"}},
		{"region=Wales&region=YORKSHIRE&sort=oldest", []string{"/case-studies/care-home-gardens/", "/case-studies/blaengarw-timebank/",
			"/stories/repair-cafe-lessons/", "/events/timebank-gathering-2025/"}},
		{"author=priya-shah&region=wales", nil},
		{"author=Tom+Reid&q=repair", []string{"/stories/repair-cafe-lessons/"}},
		{"author=tom-reid&tag=timebanking", []string{"/report-reviews/valuing-timebanking/"}},
		{"region=nowhere", nil},
	}
	for _, tt := range tests {
		if got := urls(searchOK(t, base, tt.query)); !slices.Equal(got, tt.want) {
			t.Errorf("?%s: %v, want %v", tt.query, got, tt.want)
		}
	}
}

// Each taxonomy's facet is counted with every filter but its own, as the
// type and tag facets are.
func TestTaxonomyFacets(t *testing.T) {
	base := termsServer(t)
	r := searchOK(t, base, "region=wales&author=ceri-evans")
	if got := urls(r); !slices.Equal(got, []string{"/case-studies/blaengarw-timebank/"}) {
		t.Fatalf("hits %v", got)
	}
	want := map[string]map[string]int{
		"regions": {"wales": 1},                                       // pages by ceri-evans, any region
		"authors": {"ceri-evans": 1},                                  // pages in wales, any author
		"tags":    {"timebanking": 1, "co-production": 1, "wales": 1}, // pages in wales by ceri-evans
	}
	got := map[string]map[string]int{"regions": facet(r.Facets.Terms["regions"]), "authors": facet(r.Facets.Terms["authors"]), "tags": facet(r.Facets.Tags)}
	for name := range want {
		if !maps.Equal(got[name], want[name]) {
			t.Errorf("facet %s: %v, want %v", name, got[name], want[name])
		}
	}
	r = searchOK(t, base, "region=yorkshire")
	if got := facet(r.Facets.Terms["regions"]); !maps.Equal(got, map[string]int{"wales": 2, "yorkshire": 2, "north-east": 1}) {
		t.Errorf("regions facet under its own filter: %v", got)
	}
	if got := facet(r.Facets.Terms["authors"]); !maps.Equal(got, map[string]int{"priya-shah": 2, "tom-reid": 1}) {
		t.Errorf("authors facet under the region filter: %v", got)
	}
	// A chosen term stays in its facet with its count even when nothing else matches it.
	r = searchOK(t, base, "q=ledger&region=yorkshire")
	if got := facet(r.Facets.Terms["regions"]); !maps.Equal(got, map[string]int{"wales": 2, "yorkshire": 0}) {
		t.Errorf("regions facet with a chosen region of no match: %v", got)
	}
}

// Each hit has a list of term slugs for every taxonomy but tags, [] when it
// has none, and the JSON has a key for each.
func TestTaxonomyTermsInHits(t *testing.T) {
	base := termsServer(t)
	res, body := hubtest.Request(t, http.MethodGet, base+search.SearchPath+"?q=repair+cafe", nil)
	if res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	for _, want := range []string{`"authors":["priya-shah","tom-reid"],"regions":["yorkshire"]}`, `"facets":{"type":[`, `"authors":[{"term":`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("body lacks %s:\n%s", want, body)
		}
	}
	r := searchOK(t, base, "type=page")
	if len(r.Hits) != 1 || r.Hits[0].Terms["regions"] == nil || len(r.Hits[0].Terms["regions"]) != 0 || len(r.Hits[0].Terms["authors"]) != 0 {
		t.Errorf("a page without terms: %+v", r.Hits)
	}
	var raw struct{ Hits []map[string]json.RawMessage }
	_, body = hubtest.Request(t, http.MethodGet, base+search.SearchPath+"?type=page", nil)
	if err := json.Unmarshal(body, &raw); err != nil || string(raw.Hits[0]["regions"]) != "[]" {
		t.Errorf("regions of a page without terms: %s (%v)", raw.Hits[0]["regions"], err)
	}
}

func TestTaxonomyBadRequests(t *testing.T) {
	base := termsServer(t)
	for _, q := range []string{"q=timebank&organisation=nef", "regions=wales", "q=timebank&Region=wales"} {
		res, body := hubtest.Request(t, http.MethodGet, base+search.SearchPath+"?"+q, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "unknown parameter") {
			t.Errorf("?%s: %d %s", q, res.StatusCode, body)
		}
	}
	// A site of tags alone has no regions: the filter is unknown there.
	dir := filepath.Join(t.TempDir(), "tags-only")
	if err := Build(context.Background(), dir, "tags-only", tagsSchema(), fixtureDocs()); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	srv := httptestServer(t, search.NewHandler(search.NewHolder(ix), search.HandlerOptions{}))
	if res, body := hubtest.Request(t, http.MethodGet, srv.URL+search.SearchPath+"?q=timebank&region=wales", nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("region on an index of tags alone: %d %s", res.StatusCode, body)
	}
	// Nor may a document carry terms the schema has not got.
	docs := []search.Document{{URL: "/x/", Title: "X", Type: "page", Terms: map[string][]string{"regions": {"wales"}}}}
	if err := Build(context.Background(), filepath.Join(t.TempDir(), "index"), "x", tagsSchema(), docs); err == nil || !strings.Contains(err.Error(), `unknown taxonomy "regions"`) {
		t.Errorf("Build of terms outside the schema: %v", err)
	}
}

// The preview's live index keeps a site's taxonomies across updates.
func TestLiveUpdatesKeepTerms(t *testing.T) {
	ctx := context.Background()
	holder := search.NewHolder(nil)
	live := NewLive(filepath.Join(t.TempDir(), "index"), holder)
	defer func() {
		if ix := holder.Swap(nil); ix != nil {
			ix.Close()
		}
	}()
	if err := live.Reset(ctx, "b1", termsSchema(), termDocs()); err != nil {
		t.Fatal(err)
	}
	moved := search.Document{URL: "/stories/late-shift-transport/", Title: "Getting home from the late shift", Type: "story",
		Date: time.Date(2022, 2, 14, 0, 0, 0, 0, time.UTC), Terms: map[string][]string{"regions": {"Wales"}}}
	for i, build := range []string{"b2", "b3"} { // both copies of the index take the change
		if err := live.Update(ctx, build, []search.Document{moved}, nil); err != nil {
			t.Fatal(err)
		}
		r, err := holder.Current().Search(ctx, search.Request{Terms: map[string][]string{"regions": {"wales"}}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != 3 || !slices.Contains(urls(*r), moved.URL) {
			t.Errorf("update %d: %v", i+1, urls(*r))
		}
	}
}

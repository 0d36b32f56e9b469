package bleveengine

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/search"
)

// fuzzSeeds are the raw queries the request parser's fuzz test starts from.
func fuzzSeeds(f *testing.F) []string {
	data, err := os.ReadFile("../testdata/request-seeds.txt")
	if err != nil {
		f.Fatal(err)
	}
	var seeds []string
	for line := range strings.Lines(string(data)) {
		if line = strings.TrimSuffix(line, "\n"); !strings.HasPrefix(line, "#") {
			seeds = append(seeds, line)
		}
	}
	return seeds
}

// FuzzSearch sends raw query strings through the endpoint over the fixture
// index: never a panic, never a 500, and a 200 always carries a well-formed
// response whose snippets have no markup but <mark>.
func FuzzSearch(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	h := search.NewHandler(search.NewHolder(fixtureIndex(f)), search.HandlerOptions{})
	f.Fuzz(func(t *testing.T, raw string) {
		req := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: search.SearchPath, RawQuery: raw}, Header: http.Header{}}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req.WithContext(t.Context()))
		switch rec.Code {
		case http.StatusOK:
			var r search.Response
			if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
				t.Fatalf("200 with bad JSON: %v", err)
			}
			if r.Hits == nil || r.Facets.Type == nil || r.Facets.Tags == nil {
				t.Fatalf("null list in %s", rec.Body)
			}
			for _, hit := range r.Hits {
				if rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(hit.Snippet); strings.ContainsAny(rest, "<>") {
					t.Fatalf("snippet %q has markup", hit.Snippet)
				}
			}
		case http.StatusBadRequest:
			var e struct{ Error string }
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("400 without an error message: %s", rec.Body)
			}
		default:
			t.Fatalf("status %d for %q: %s", rec.Code, raw, rec.Body)
		}
	})
}

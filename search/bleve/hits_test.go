package bleveengine

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/search"
)

func TestSearchPagination(t *testing.T) {
	srv := fixtureServer(t, search.HandlerOptions{})
	all := urls(searchOK(t, srv.URL, "tag=timebanking&tag=transport&tag=repair&size=50"))
	if len(all) != 6 {
		t.Fatalf("fixture changed: %q", all)
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"page=1&size=4", all[:4]},
		{"page=2&size=4", all[4:]},
		{"page=2&size=2", all[2:4]},
		{"page=4&size=2", nil},
		{"page=99999999999&size=50", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := searchOK(t, srv.URL, "tag=timebanking&tag=transport&tag=repair&"+tt.query)
			if got := urls(r); !slices.Equal(got, tt.want) {
				t.Errorf("hits %q, want %q", got, tt.want)
			}
			if r.Total != 6 {
				t.Errorf("total %d, want 6", r.Total)
			}
			if r.Hits == nil {
				t.Error("hits is null, want []")
			}
		})
	}
}

func TestSearchHitFields(t *testing.T) {
	srv := fixtureServer(t, search.HandlerOptions{})
	res, body := hubtest.Request(t, http.MethodGet, srv.URL+search.SearchPath+"?q=timebank&type=case-study", nil)
	if res.StatusCode != 200 {
		t.Fatal(res.Status)
	}
	if !strings.Contains(string(body), "<mark>timebank</mark>") {
		t.Errorf("body has no literal <mark>: %s", body)
	}
	var raw map[string]any
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"query", "total", "page", "size", "took_ms", "hits", "facets"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("response lacks %q: %s", k, body)
		}
	}
	hit := raw["hits"].([]any)[0].(map[string]any)
	want := map[string]any{
		"url": "/case-studies/blaengarw-timebank/", "type": "case-study", "date": "2024-05-01",
		"title":   "Blaengarw Timebank: trading hours in a former mining village",
		"summary": "How a valley village turned an hour of help into a currency everyone holds.",
		"tags":    []any{"timebanking", "co-production", "wales"},
	}
	for k, v := range want {
		if got, _ := json.Marshal(hit[k]); string(got) != string(must(json.Marshal(v))) {
			t.Errorf("hit %s = %s, want %v", k, got, v)
		}
	}
	if s, _ := hit["snippet"].(string); !strings.Contains(s, "<mark>timebank</mark>") {
		t.Errorf("snippet %q", s)
	}
	// An undated page has "date": null.
	r := searchOK(t, srv.URL, "type=page")
	if len(r.Hits) != 1 || r.Hits[0].Date != nil {
		t.Errorf("undated page: %+v", r.Hits)
	}
	if !strings.Contains(string(must(json.Marshal(r.Hits[0]))), `"date":null`) {
		t.Error(`undated page: want "date":null`)
	}
}

func TestSearchSnippetEscaping(t *testing.T) {
	srv := fixtureServer(t, search.HandlerOptions{})
	r := searchOK(t, srv.URL, "q=claims")
	if len(r.Hits) != 1 {
		t.Fatalf("hits %q", urls(r))
	}
	s := r.Hits[0].Snippet
	for _, want := range []string{"&lt;b&gt;bold&lt;/b&gt;", "&amp;amp;", "<mark>claims</mark>", "don&#39;t"} {
		if !strings.Contains(s, want) {
			t.Errorf("snippet %q lacks %q", s, want)
		}
	}
	if rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s); strings.ContainsAny(rest, "<>") {
		t.Errorf("snippet %q has markup besides <mark>", s)
	}
	// The summary is returned as text, untouched: it is the client's to escape.
	if r.Hits[0].Summary != "Fixing toasters <b>and</b> friendships." {
		t.Errorf("summary %q", r.Hits[0].Summary)
	}
}

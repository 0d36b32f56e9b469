package bleveengine

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/search"
)

// search asks the fixture server and decodes a 200 answer.
func searchOK(t *testing.T, base string, query string) search.Response {
	t.Helper()
	res, body := hubtest.Request(t, http.MethodGet, base+search.SearchPath+"?"+query, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET ?%s: status %d, body %s", query, res.StatusCode, body)
	}
	var r search.Response
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("GET ?%s: %v in %s", query, err, body)
	}
	return r
}

func urls(r search.Response) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.URL)
	}
	return out
}

func facet(list []search.FacetCount) map[string]int {
	m := map[string]int{}
	for _, c := range list {
		m[c.Term] = c.Count
	}
	return m
}

func TestSearchBadRequests(t *testing.T) {
	srv := fixtureServer(t, search.HandlerOptions{})
	tests := []struct {
		name, query, param string
	}{
		{"no query and no filter", "", "q"},
		{"blank query and no filter", "q=+++&sort=newest", "q"},
		{"query over 256 characters", "q=" + strings.Repeat("a", 257), "q"},
		{"query over 256 characters, multi-byte", "q=" + strings.Repeat("é", 257), "q"},
		{"size over 50", "q=timebank&size=51", "size"},
		{"size zero", "q=timebank&size=0", "size"},
		{"size not a number", "q=timebank&size=ten", "size"},
		{"page zero", "q=timebank&page=0", "page"},
		{"page negative", "q=timebank&page=-3", "page"},
		{"page not a number", "q=timebank&page=2.5", "page"},
		{"unknown type", "q=timebank&type=blog", "type"},
		{"unknown type among good ones", "type=story&type=podcast", "type"},
		{"unknown sort", "q=timebank&sort=popular", "sort"},
		{"malformed from", "q=timebank&from=2024-13-01", "from"},
		{"malformed to", "tag=timebanking&to=yesterday", "to"},
		{"date without day", "q=timebank&from=2024-05", "from"},
		{"impossible date", "q=timebank&to=2023-02-30", "to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := hubtest.Request(t, http.MethodGet, srv.URL+search.SearchPath+"?"+tt.query, nil)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400; body %s", res.StatusCode, body)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			var e struct{ Error string }
			if err := json.Unmarshal(body, &e); err != nil || e.Error == "" {
				t.Fatalf("body %s is not {\"error\": ...}", body)
			}
			if !strings.Contains(e.Error, tt.param) {
				t.Errorf("error %q does not name %s", e.Error, tt.param)
			}
		})
	}
}

func TestSearchBoundariesAccepted(t *testing.T) {
	srv := fixtureServer(t, search.HandlerOptions{})
	for _, q := range []string{
		"q=" + strings.Repeat("a", 256),
		"q=" + strings.Repeat("é", 256),
		"q=timebank&size=50",
		"q=timebank&size=1&page=1",
		"type=&tag=&sort=&q=timebank", // an HTML form with nothing chosen
		"q=timebank&type=Case-Study",
		"from=2024-01-01", // a date range is a filter too
	} {
		searchOK(t, srv.URL, q)
	}
}

func TestSearchFilters(t *testing.T) {
	srv := fixtureServer(t, search.HandlerOptions{})
	tests := []struct {
		name, query string
		want        []string // in order
	}{
		{"type alone lists newest first", "type=case-study",
			[]string{"/case-studies/blaengarw-timebank/", "/case-studies/care-home-gardens/"}},
		{"tag alone lists newest first", "tag=timebanking",
			[]string{"/events/timebank-gathering-2025/", "/case-studies/blaengarw-timebank/", "/report-reviews/valuing-timebanking/"}},
		{"tag by any spelling", "tag=+Co-Production+",
			[]string{"/events/timebank-gathering-2025/", "/stories/repair-cafe-lessons/", "/case-studies/blaengarw-timebank/"}},
		{"two tags: either", "tag=dementia&tag=carers",
			[]string{"/stories/night-bus-to-the-ward/", "/case-studies/care-home-gardens/"}},
		{"two types: either", "type=event&type=report-review",
			[]string{"/events/timebank-gathering-2025/", "/report-reviews/valuing-timebanking/"}},
		{"type and tag: both", "type=case-study&tag=timebanking",
			[]string{"/case-studies/blaengarw-timebank/"}},
		{"query and type", "q=timebank&type=event",
			[]string{"/events/timebank-gathering-2025/"}},
		{"unknown tag matches nothing", "tag=no-such-tag", nil},
		{"date range is inclusive at both ends", "from=2022-02-14&to=2023-11-10",
			[]string{"/stories/night-bus-to-the-ward/", "/case-studies/care-home-gardens/", "/stories/late-shift-transport/"}},
		{"one-day range, page dated late in the site's evening", "from=2024-05-01&to=2024-05-01",
			[]string{"/case-studies/blaengarw-timebank/"}},
		{"open-ended from", "from=2024-08-03&type=story&type=event",
			[]string{"/events/timebank-gathering-2025/", "/stories/repair-cafe-lessons/"}},
		{"reversed range matches nothing", "from=2024-01-01&to=2023-01-01", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := searchOK(t, srv.URL, tt.query)
			if got := urls(r); !slices.Equal(got, tt.want) {
				t.Errorf("hits %q, want %q", got, tt.want)
			}
			if r.Total != uint64(len(tt.want)) {
				t.Errorf("total %d, want %d", r.Total, len(tt.want))
			}
		})
	}
}

func TestSearchDisjunctiveFacets(t *testing.T) {
	srv := fixtureServer(t, search.HandlerOptions{})
	tests := []struct {
		name, query string
		types, tags map[string]int // expected counts (only these keys are checked)
		absentTypes []string
	}{
		{
			name:        "tag filter: type counts under the tag, tag counts ignore it",
			query:       "tag=timebanking",
			types:       map[string]int{"case-study": 1, "report-review": 1, "event": 1},
			tags:        map[string]int{"timebanking": 3, "transport": 2, "co-production": 3, "dementia": 1},
			absentTypes: []string{"story"},
		},
		{
			name:  "type and tag filters",
			query: "type=story&tag=transport",
			// types: with the tag only; tags: with the type only
			types:       map[string]int{"story": 2},
			tags:        map[string]int{"transport": 2, "carers": 1, "employment": 2, "repair": 1, "youth": 1},
			absentTypes: []string{"case-study"},
		},
		{
			name:  "two tags selected keep each other's counts",
			query: "tag=carers&tag=dementia",
			types: map[string]int{"story": 1, "case-study": 1},
			tags:  map[string]int{"carers": 1, "dementia": 1, "timebanking": 3},
		},
		{
			name:  "query narrows every facet",
			query: "q=timebank&tag=wales",
			types: map[string]int{"case-study": 1, "event": 1},
			tags:  map[string]int{"wales": 2, "timebanking": 3, "health": 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := searchOK(t, srv.URL, tt.query)
			types, tags := facet(r.Facets.Type), facet(r.Facets.Tags)
			for k, want := range tt.types {
				if types[k] != want {
					t.Errorf("type facet %s = %d, want %d (all: %v)", k, types[k], want, types)
				}
			}
			for _, k := range tt.absentTypes {
				if _, ok := types[k]; ok {
					t.Errorf("type facet has %s: %v", k, types)
				}
			}
			for k, want := range tt.tags {
				if tags[k] != want {
					t.Errorf("tag facet %s = %d, want %d (all: %v)", k, tags[k], want, tags)
				}
			}
		})
	}
}

func TestSearchSorts(t *testing.T) {
	srv := fixtureServer(t, search.HandlerOptions{})
	all := "type=case-study&type=report-review&type=event&type=story&type=page"
	tests := []struct {
		query string
		want  []string
	}{
		{all, []string{ // default without q: newest, undated last
			"/events/timebank-gathering-2025/", "/stories/repair-cafe-lessons/", "/case-studies/blaengarw-timebank/",
			"/stories/young-careers-fair/", "/stories/night-bus-to-the-ward/", "/case-studies/care-home-gardens/",
			"/stories/late-shift-transport/", "/report-reviews/valuing-timebanking/", "/about/"}},
		{all + "&sort=newest", nil}, // same as above
		{all + "&sort=oldest", []string{
			"/report-reviews/valuing-timebanking/", "/stories/late-shift-transport/", "/case-studies/care-home-gardens/",
			"/stories/night-bus-to-the-ward/", "/stories/young-careers-fair/", "/case-studies/blaengarw-timebank/",
			"/stories/repair-cafe-lessons/", "/events/timebank-gathering-2025/", "/about/"}},
		{all + "&sort=title", []string{
			"/stories/young-careers-fair/", "/about/", "/case-studies/blaengarw-timebank/", "/case-studies/care-home-gardens/",
			"/stories/late-shift-transport/", "/report-reviews/valuing-timebanking/", "/stories/night-bus-to-the-ward/",
			"/events/timebank-gathering-2025/", "/stories/repair-cafe-lessons/"}},
		{"q=night+bus&sort=relevance", []string{ // the default with q: title match first
			"/stories/night-bus-to-the-ward/", "/stories/late-shift-transport/"}},
		{"q=night+bus", []string{"/stories/night-bus-to-the-ward/", "/stories/late-shift-transport/"}},
		{"q=night+bus&sort=newest", []string{"/stories/night-bus-to-the-ward/", "/stories/late-shift-transport/"}},
		{"q=night+bus&sort=oldest", []string{"/stories/late-shift-transport/", "/stories/night-bus-to-the-ward/"}},
		{"q=timebank&sort=title", []string{
			"/case-studies/blaengarw-timebank/", "/report-reviews/valuing-timebanking/", "/events/timebank-gathering-2025/"}},
		{"q=timebank&sort=oldest", []string{
			"/report-reviews/valuing-timebanking/", "/case-studies/blaengarw-timebank/", "/events/timebank-gathering-2025/"}},
		{"q=timebank&sort=newest", []string{
			"/events/timebank-gathering-2025/", "/case-studies/blaengarw-timebank/", "/report-reviews/valuing-timebanking/"}},
	}
	var newest []string
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := urls(searchOK(t, srv.URL, tt.query+"&size=50"))
			want := tt.want
			if want == nil {
				want = newest
			}
			if tt.query == all {
				newest = got
			}
			if !slices.Equal(got, want) {
				t.Errorf("order\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestSearchRelevance(t *testing.T) {
	srv := fixtureServer(t, search.HandlerOptions{})
	tests := []struct {
		name, query string
		first       string   // the expected top hit
		contains    []string // also among the hits
		before      [2]string
		absent      []string
	}{
		{name: "stemming: timebanks finds timebanking", query: "q=timebanks",
			contains: []string{"/report-reviews/valuing-timebanking/", "/case-studies/blaengarw-timebank/", "/events/timebank-gathering-2025/"}},
		{name: "stemming: possessive and plural", query: "q=workmen+halls",
			first: "/case-studies/blaengarw-timebank/"},
		{name: "typo: timebnak finds timebank", query: "q=timebnak",
			contains: []string{"/case-studies/blaengarw-timebank/", "/events/timebank-gathering-2025/"}},
		{name: "typo in a two-word query", query: "q=repiar+cafe",
			first: "/stories/repair-cafe-lessons/"},
		{name: "fuzzy ranks below exact", query: "q=careers",
			first:    "/stories/young-careers-fair/",
			contains: []string{"/stories/night-bus-to-the-ward/"}, // "carers", one edit away
			before:   [2]string{"/stories/young-careers-fair/", "/stories/night-bus-to-the-ward/"}},
		{name: "common words get no fuzzy flood", query: "q=care",
			contains: []string{"/case-studies/care-home-gardens/"},
			absent:   []string{"/stories/young-careers-fair/", "/stories/repair-cafe-lessons/"}},
		{name: "title above body", query: "q=night+bus",
			first:  "/stories/night-bus-to-the-ward/",
			before: [2]string{"/stories/night-bus-to-the-ward/", "/stories/late-shift-transport/"}},
		{name: "soft AND: most of the words, not one alone", query: "q=night+bus+dementia",
			contains: []string{"/stories/night-bus-to-the-ward/", "/stories/late-shift-transport/"},
			absent:   []string{"/case-studies/care-home-gardens/"}},
		{name: "soft AND: every word first", query: "q=night+bus+carers",
			first:  "/stories/night-bus-to-the-ward/",
			before: [2]string{"/stories/night-bus-to-the-ward/", "/stories/late-shift-transport/"}},
		{name: "type-specific text is searched", query: "q=economics+foundation",
			first: "/report-reviews/valuing-timebanking/"},
		{name: "authors are searched", query: "q=priya",
			first: "/case-studies/care-home-gardens/"},
		{name: "tags are searched as words", query: "q=gardening",
			first: "/case-studies/care-home-gardens/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := searchOK(t, srv.URL, tt.query)
			got := urls(r)
			if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
				t.Errorf("first hit of %q, want %s", got, tt.first)
			}
			for _, u := range tt.contains {
				if !slices.Contains(got, u) {
					t.Errorf("hits %q lack %s", got, u)
				}
			}
			for _, u := range tt.absent {
				if slices.Contains(got, u) {
					t.Errorf("hits %q have %s", got, u)
				}
			}
			if a, b := tt.before[0], tt.before[1]; a != "" {
				ia, ib := slices.Index(got, a), slices.Index(got, b)
				if ia < 0 || ib < 0 || ia > ib {
					t.Errorf("want %s before %s in %q", a, b, got)
				}
			}
		})
	}
}

func TestSearchSpecialCharactersArePlainText(t *testing.T) {
	srv := fixtureServer(t, search.HandlerOptions{})
	for _, q := range []string{
		`+night -bus`, `title:timebank`, `timebank~2`, `care^10`, `(night OR bus)`, `/regexp.*/`,
		`"night bus"`, `+-:~^(/"`, `night\ bus`, `*`, `?`, `[a TO z]`, `{}`, `&&||!`, `%`, `'`, `<script>`,
	} {
		t.Run(q, func(t *testing.T) {
			r := searchOK(t, srv.URL, "q="+url.QueryEscape(q))
			if r.Query != strings.Join(strings.Fields(q), " ") {
				t.Errorf("query echoed as %q", r.Query)
			}
		})
	}
	// Words around the operators are still searched as words.
	if got := urls(searchOK(t, srv.URL, "q="+url.QueryEscape(`+night -bus`))); len(got) == 0 || got[0] != "/stories/night-bus-to-the-ward/" {
		t.Errorf("+night -bus: %q", got)
	}
	if got := urls(searchOK(t, srv.URL, "q="+url.QueryEscape(`title:timebank`))); len(got) != 0 {
		// "title" and "timebank" must both match, as words; no page has both.
		t.Logf("title:timebank: %q", got)
	}
}

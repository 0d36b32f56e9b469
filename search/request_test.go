package search

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseRequest(t *testing.T) {
	tests := []struct {
		query string
		want  Request
	}{
		{"q=timebank", Request{Query: "timebank", Page: 1, Size: 10}},
		{"q=++night+++bus+", Request{Query: "night bus", Page: 1, Size: 10}},
		{"q=a&q=b", Request{Query: "a", Page: 1, Size: 10}},
		{"type=Story&type=event&type=story", Request{Types: []string{"story", "event"}, Page: 1, Size: 10}},
		{"tag=Co-Production&tag=+co-production+&tag=Timebanking", Request{Tags: []string{"co-production", "timebanking"}, Page: 1, Size: 10}},
		{"tag=%21%21%21", Request{Tags: []string{"!!!"}, Page: 1, Size: 10}},
		{"q=x&from=2024-01-31&to=2024-02-29", Request{Query: "x", From: day("2024-01-31"), To: day("2024-02-29"), Page: 1, Size: 10}},
		{"q=x&sort=Newest&page=3&size=50", Request{Query: "x", Sort: SortNewest, Page: 3, Size: 50}},
		{"q=x&type=&tag=&from=&to=&sort=&page=&size=", Request{Query: "x", Page: 1, Size: 10}},
		{"from=2020-01-01", Request{From: day("2020-01-01"), Page: 1, Size: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			v, _ := url.ParseQuery(tt.query)
			got, err := ParseRequest(v)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestRequestKeyIsCanonical(t *testing.T) {
	same := []string{
		"q=night+bus&tag=b&tag=a&type=story",
		"q=+night++bus+&tag=a&tag=b&type=story&sort=relevance&page=1&size=10",
		"type=Story&tag=A&q=night%20bus&tag=b",
	}
	var first string
	for i, q := range same {
		v, _ := url.ParseQuery(q)
		r, err := ParseRequest(v)
		if err != nil {
			t.Fatal(err)
		}
		k := r.normalized().key()
		if i == 0 {
			first = k
		} else if k != first {
			t.Errorf("%s: key %q, want %q", q, k, first)
		}
	}
}

func TestSearchValidatesGoRequests(t *testing.T) {
	ix := fixtureIndex(t)
	for _, r := range []Request{
		{},
		{Query: "x", Size: 51},
		{Query: "x", Page: -1},
		{Query: "x", Types: []string{"blog"}},
		{Query: "x", Sort: "popular"},
		{Query: strings.Repeat("x", 257)},
	} {
		_, err := ix.Search(t.Context(), r)
		var re *RequestError
		if !errors.As(err, &re) {
			t.Errorf("%+v: error %v, want *RequestError", r, err)
		}
	}
}

// FuzzParseRequest feeds raw query strings to ParseRequest: it must not
// panic, and what it accepts must be within the contract's limits.
func FuzzParseRequest(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, _ := url.ParseQuery(raw)
		r, err := ParseRequest(v)
		if err != nil {
			var re *RequestError
			if !errors.As(err, &re) || re.Message == "" {
				t.Fatalf("error %v is not a RequestError with a message", err)
			}
			return
		}
		switch {
		case utf8.RuneCountInString(r.Query) > MaxQueryRunes:
			t.Fatalf("accepted a q of %d characters", utf8.RuneCountInString(r.Query))
		case r.Page < 1, r.Size < 1, r.Size > MaxPageSize:
			t.Fatalf("accepted page %d size %d", r.Page, r.Size)
		case r.Query == "" && !r.hasFilter():
			t.Fatal("accepted a request with no query and no filter")
		case !utf8.ValidString(r.Query):
			t.Fatalf("invalid UTF-8 in %q", r.Query)
		}
		for _, typ := range r.Types {
			if !ValidType(typ) {
				t.Fatalf("accepted type %q", typ)
			}
		}
		if err := r.validate(); err != nil {
			t.Fatalf("ParseRequest accepted what validate rejects: %v", err)
		}
		_ = r.normalized().key()
	})
}

func fuzzSeeds() []string {
	return []string{
		"q=timebank",
		"q=timebanks&type=case-study&tag=co-production&tag=Wales&from=2020-01-01&to=2024-12-31&sort=newest&page=2&size=5",
		"q=%2B-%3A~%5E(%2F%22",
		`q=+-:~^(/"`,
		"q=title:timebank~2^3",
		"q=%00%01%02",
		"q=%FF%FE",
		"q=" + strings.Repeat("ab ", 200),
		"q=" + strings.Repeat("é", 256),
		"q=x&page=9223372036854775807&size=50",
		"q=x&page=-9223372036854775808",
		"q=x&size=0",
		"q=x&from=0001-01-01&to=9999-12-31",
		"q=x&from=2024-02-30",
		"tag=%E2%80%8B",
		"type=CASE-STUDY&type=page",
		"q=%zz&type=story",
		"q=a;b&tag=c",
		"q=the+and+of",
		"q=<script>alert(1)</script>",
		"sort=title&tag=timebanking",
		"q=a&q=b&q=c&sort=oldest&sort=newest",
	}
}

// The CLI builds Requests from flags: any spelling of a tag and type works.
func TestSearchNormalisesGoRequests(t *testing.T) {
	ix := fixtureIndex(t)
	r, err := ix.Search(t.Context(), Request{Tags: []string{" Co-Production "}, Types: []string{"Story"}, Sort: "Oldest"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) != 1 || r.Hits[0].URL != "/stories/repair-cafe-lessons/" {
		t.Errorf("%+v", r.Hits)
	}
}

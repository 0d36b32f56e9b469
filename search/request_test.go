package search

import (
	"errors"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
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
			got, err := ParseRequest(v, DefaultSchema())
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
		r, err := ParseRequest(v, DefaultSchema())
		if err != nil {
			t.Fatal(err)
		}
		k := r.Normalized().key()
		if i == 0 {
			first = k
		} else if k != first {
			t.Errorf("%s: key %q, want %q", q, k, first)
		}
	}
}

// FuzzParseRequest feeds raw query strings to ParseRequest: it must not
// panic, and what it accepts must be within the contract's limits.
func FuzzParseRequest(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, _ := url.ParseQuery(raw)
		r, err := ParseRequest(v, DefaultSchema())
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
			if !DefaultSchema().ValidType(typ) {
				t.Fatalf("accepted type %q", typ)
			}
		}
		if err := r.Validate(DefaultSchema()); err != nil {
			t.Fatalf("ParseRequest accepted what validate rejects: %v", err)
		}
		_ = r.Normalized().key()
	})
}

// fuzzSeeds are the raw queries of testdata/request-seeds.txt, which the
// endpoint's fuzz test over a real index (search/bleve) reads too.
func fuzzSeeds(f *testing.F) []string {
	data, err := os.ReadFile("testdata/request-seeds.txt")
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

func day(s string) time.Time {
	t, err := time.Parse(DayLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

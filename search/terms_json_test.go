package search

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// A response of the default schema encodes as it did before taxonomies
// had keys of their own; with them, each taxonomy is a key after the
// others, its list [] when empty, and reads back the same.
func TestResponseJSONWithTerms(t *testing.T) {
	date := "2024-05-01"
	plain := &Response{Query: "repair", Total: 1, Page: 1, Size: 10, Hits: []Hit{
		{URL: "/stories/repair/", Title: "Fixing <b>kettles</b>", Type: "story", Date: &date, Tags: []string{"repair"}, Snippet: "<mark>repair</mark> &amp; reuse"},
	}, Facets: Facets{Type: []FacetCount{{"story", 1}}, Tags: []FacetCount{{"repair", 1}}}}
	const plainJSON = `{"query":"repair","total":1,"page":1,"size":10,"took_ms":0,"hits":[{"url":"/stories/repair/","title":"Fixing <b>kettles</b>","type":"story","date":"2024-05-01","tags":["repair"],"summary":"","snippet":"<mark>repair</mark> &amp; reuse"}],"facets":{"type":[{"term":"story","count":1}],"tags":[{"term":"repair","count":1}]}}` + "\n"
	var buf bytes.Buffer
	if err := WriteJSON(&buf, plain); err != nil {
		t.Fatal(err)
	}
	if buf.String() != plainJSON {
		t.Errorf("default schema:\n got %s\nwant %s", buf.String(), plainJSON)
	}

	withTerms := *plain
	withTerms.Hits = []Hit{plain.Hits[0]}
	withTerms.Hits[0].Terms = map[string][]string{"regions": {"wales"}, "authors": nil}
	withTerms.Facets.Terms = map[string][]FacetCount{"regions": {{"wales", 1}}, "authors": {}}
	buf.Reset()
	if err := WriteJSON(&buf, &withTerms); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"snippet":"<mark>repair</mark> &amp; reuse","authors":[],"regions":["wales"]}`,
		`"tags":[{"term":"repair","count":1}],"authors":[],"regions":[{"term":"wales","count":1}]}`,
	} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("lacks %s:\n%s", want, buf.Bytes())
		}
	}
	var back Response
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	withTerms.Hits[0].Terms["authors"] = []string{}
	if !reflect.DeepEqual(back, withTerms) {
		t.Errorf("read back\n%+v\nwant\n%+v", back, withTerms)
	}
}

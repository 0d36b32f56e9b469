package generator

import (
	"context"
	"encoding/json"
	"os"
	"testing"
)

// Every page's JSON-LD on the hub's own site is what json.Marshal writes
// (formats writes it by hand, for speed): read back and written again by
// encoding/json, it comes out byte for byte the same.
func TestJSONLDOfTheOwnSiteIsJSONMarshal(t *testing.T) {
	s, err := Load(context.Background(), Options{Site: os.DirFS(".."), Theme: fixtureTheme(), Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Pages {
		v := &View{Kind: "page", Page: p, Breadcrumbs: []Crumb{{Name: "Home", URL: "/"}, {Name: p.Title, URL: p.URL}}}
		got := string(s.jsonLD(v))
		var read any
		if err := json.Unmarshal([]byte(got), &read); err != nil {
			t.Fatalf("%s: %v\n%s", p.Path, err, got)
		}
		want, err := json.Marshal(read)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s:\n got %s\nwant %s", p.Path, got, want)
		}
	}
}

package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"

	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// Every page's JSON-LD on the hub's own site is what json.Marshal writes
// (formats writes it by hand, for speed): read back and written again by
// encoding/json, it comes out byte for byte the same.
func TestJSONLDOfTheOwnSiteIsJSONMarshal(t *testing.T) {
	t.Parallel()
	s, err := Load(context.Background(), Options{Site: hubtest.OwnContent(t), Theme: layouts.FS(), Now: testNow, Images: ownPictures(t)})
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

// A page's schema.org type is the JSON-LD kind its content type declares
// in the registry, so a type a site defines names its own.
func TestJSONLDKindComesFromTheTypeRegistry(t *testing.T) {
	t.Parallel()
	s, err := Load(context.Background(), Options{Site: hubtest.OwnContent(t), Theme: layouts.FS(), Now: testNow, Images: ownPictures(t)})
	if err != nil {
		t.Fatal(err)
	}
	story, ok := s.Config.Types.Lookup(content.Story)
	if !ok {
		t.Fatal("no story type")
	}
	i := slices.IndexFunc(s.Pages, func(p *content.Page) bool { return p.Type == content.Story })
	if i < 0 {
		t.Fatal("the hub's own site has no story")
	}
	p := s.Pages[i]
	if got := string(s.jsonLD(&View{Page: p})); !strings.Contains(got, `"@type":"Article"`) {
		t.Fatalf("%s: a story is not an Article: %s", p.Path, got)
	}
	story.JSONLD = "CreativeWork"
	got := string(s.jsonLD(&View{Page: p}))
	if !strings.Contains(got, `"@type":"CreativeWork"`) || strings.Contains(got, `"Article"`) ||
		!strings.Contains(got, `"headline":`) {
		t.Errorf("%s with kind CreativeWork: %s", p.Path, got)
	}
}

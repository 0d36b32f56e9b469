package bleveengine

import (
	"context"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/search"
)

// docsServer builds docs into an index of schema s and serves the endpoint
// over it.
func docsServer(t *testing.T, s search.Schema, docs []search.Document) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	if err := Build(context.Background(), dir, "test", s, docs); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return httptestServer(t, search.NewHandler(search.NewHolder(ix), search.HandlerOptions{CacheEntries: -1})).URL
}

func page(url, title, body string) search.Document {
	return search.Document{URL: url, Title: title, Body: body, Type: "page"}
}

func q(text string) string { return url.Values{"q": {text}}.Encode() }

// British and American spellings are one word, in the index and in
// queries: a hub whose writers spell both ways is searched as one, however
// common either spelling is in it.
func TestSpellingsAreOneWord(t *testing.T) {
	base := docsServer(t, search.DefaultSchema(), []search.Document{
		page("/us-1/", "Color in the classroom", "Children chose the color of the walls."),
		page("/us-2/", "A color survey", "We asked which color felt calm."),
		page("/us-3/", "Color and mood", "Warm color schemes in waiting rooms."),
		page("/gb-1/", "Colour in the community centre", "Residents painted the centre in bright colours."),
		page("/gb-2/", "Changing behaviour", "Small nudges changed behaviour at the recycling point."),
		page("/us-4/", "Community organizing", "Organizers knocked on every door in the neighborhood."),
	})
	for _, tc := range []struct {
		query string
		want  []string // every hit, in any order
	}{
		{"color", []string{"/us-1/", "/us-2/", "/us-3/", "/gb-1/"}},
		{"colour", []string{"/us-1/", "/us-2/", "/us-3/", "/gb-1/"}},
		{"behavior", []string{"/gb-2/"}},
		{"community organising", []string{"/us-4/"}},
		{"neighbourhood organisers", []string{"/us-4/"}},
		{"center", []string{"/gb-1/"}},
	} {
		r := searchOK(t, base, q(tc.query))
		got := urls(r)
		slices.Sort(got)
		want := slices.Sorted(slices.Values(tc.want))
		if !slices.Equal(got, want) {
			t.Errorf("%q found %q, want %q", tc.query, got, want)
		}
	}
	// The two spellings rank alike, and the snippet marks the page's own.
	us, gb := searchOK(t, base, q("behavior")), searchOK(t, base, q("behaviour"))
	if len(us.Hits) != 1 || len(gb.Hits) != 1 || us.Hits[0].Snippet != gb.Hits[0].Snippet {
		t.Fatalf("behavior: %+v\nbehaviour: %+v", us.Hits, gb.Hits)
	}
	if !strings.Contains(us.Hits[0].Snippet, "<mark>behaviour</mark>") {
		t.Errorf("snippet %q does not mark behaviour", us.Hits[0].Snippet)
	}
}

// A snippet marks a page's own spelling of a word whatever the reader
// typed, also where the two spellings start differently (neighbourhood,
// neighborhood), which the snippets' quick test of first letters must let
// through.
func TestSnippetsMarkEitherSpelling(t *testing.T) {
	for variant, canonical := range spellings() {
		if stopWords()[canonical] {
			continue // "through": never marked
		}
		s := snippeterFor(canonical)
		if !s.mayMatch([]byte(variant)) {
			t.Errorf("a snippet of %q passes over %q", canonical, variant)
		}
	}
	for _, tc := range []struct{ q, text, want string }{
		{"neighbourhood", "Our neighborhood plan.", "Our <mark>neighborhood</mark> plan."},
		{"neighborhood", "Our neighbourhood plan.", "Our <mark>neighbourhood</mark> plan."},
		{"mould", "Damp and mold in flats.", "Damp and <mark>mold</mark> in flats."},
	} {
		if got := snippeterFor(tc.q).snippet(tc.text); got != tc.want {
			t.Errorf("snippet of %q in %q: %q, want %q", tc.q, tc.text, got, tc.want)
		}
	}
}

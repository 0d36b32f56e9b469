package sitesearch_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/internal/sitesearch"
	"github.com/ideas-hub/hub/layouts"
	"github.com/ideas-hub/hub/search"
	bleveengine "github.com/ideas-hub/hub/search/bleve"
)

// regionsSite is a small hub whose index has a regions taxonomy beside
// tags: case studies name their region, spelt as editors spell them; a
// story has none.
var regionsSite = map[string]string{
	"hub.toml": "title = \"Regions Hub\"\nbase_url = \"https://regions.example.org/\"\nnow = \"2026-01-10 12:00\"\n",
	"content/case-studies/valley-timebank.md": "---\ntitle: A valley timebank\ndate: 2025-03-01\nregion: Wales\ntags: [Timebanking]\n---\n" +
		"Neighbours trade hours of help through the timebank: lifts, gardening, shopping.\n",
	"content/case-studies/harbour-timebank.md": "---\ntitle: A harbour timebank\ndate: 2024-06-10\nregion: \" wales \"\ntags: [Timebanking, Repair]\n---\n" +
		"The timebank meets in the lifeboat station and mends nets and bikes.\n",
	"content/case-studies/moor-timebank.md": "---\ntitle: A timebank on the moor\ndate: 2023-01-20\nregion: South West\ntags: [Timebanking]\n---\n" +
		"Farmers and villagers swap hours through a timebank on the moor.\n",
	"content/stories/first-hour.md": "---\ntitle: My first hour at the timebank\ndate: 2022-05-05\ntags: [Timebanking]\n---\n" +
		"I gave an hour of cooking and got back an hour of help with forms.\n",
}

// tagsSchema is the default types with tags alone, as a site that
// declares only tags has.
func tagsSchema() search.Schema {
	s := search.DefaultSchema()
	s.Taxonomies = []search.Taxonomy{{Name: search.TagsName, Param: search.TagsParam}}
	return s
}

// regionsSchema is the default types with tags and regions.
func regionsSchema() search.Schema {
	s := tagsSchema()
	s.Taxonomies = append(s.Taxonomies, search.Taxonomy{Name: "regions", Param: "region"})
	return s
}

// hubSite is a site built as hub serve builds it, with its index, served
// as hub serve serves them: pages from the output folder, the search page
// rendered per query, the endpoint. static serves the search page built
// into the output instead, as a static host beside an endpoint would.
type hubSite struct {
	served, static *httptest.Server
}

func newHubSite(t *testing.T, files map[string]string, schema search.Schema) *hubSite {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		path := filepath.Join(dir, "site", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	site, err := generator.Load(ctx, generator.Options{Site: os.DirFS(filepath.Join(dir, "site")), Theme: layouts.FS()})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	if _, err := site.Render(ctx, out, true); err != nil {
		t.Fatal(err)
	}
	// The index is made with the schema the test gives, which may have
	// fewer taxonomies than the site's: the pages keep their terms of
	// those it has.
	docs := sitesearch.Documents(site)
	for i := range docs {
		for name := range docs[i].Terms {
			if !slices.ContainsFunc(schema.Extra(), func(t search.Taxonomy) bool { return t.Name == name }) {
				delete(docs[i].Terms, name)
			}
		}
	}
	index := filepath.Join(dir, "index")
	if err := bleveengine.Build(ctx, index, "regions-1", schema, docs); err != nil {
		t.Fatal(err)
	}
	ix, err := bleveengine.Open(index)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	holder := search.NewHolder(ix)
	api := search.NewHandler(holder, search.HandlerOptions{})
	files2 := http.FileServer(http.Dir(out))

	served := http.NewServeMux()
	served.Handle("/api/search", api)
	served.Handle("/search/", &sitesearch.Page{Site: func() *generator.Site { return site }, Index: holder})
	served.Handle("/", files2)
	static := http.NewServeMux()
	static.Handle("/api/search", api)
	static.Handle("/", files2)
	h := &hubSite{served: httptest.NewServer(served), static: httptest.NewServer(static)}
	t.Cleanup(h.served.Close)
	t.Cleanup(h.static.Close)
	return h
}

// get fetches path from srv and parses the page.
func get(t *testing.T, srv *httptest.Server, path string) (int, *html.Node) {
	t.Helper()
	res, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	doc, err := html.Parse(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, doc
}

// Small helpers to read a parsed page as a reader sees it.

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// all returns the elements under n (n included) for which match holds, in
// document order.
func all(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func first(n *html.Node, match func(*html.Node) bool) *html.Node {
	if found := all(n, match); len(found) > 0 {
		return found[0]
	}
	return nil
}

func tag(name string, class ...string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		if n.Data != name {
			return false
		}
		for _, c := range class {
			if !hasClass(n, c) {
				return false
			}
		}
		return true
	}
}

// text is n's text as read, white space collapsed; "" for no element.
func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

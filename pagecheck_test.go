package main

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file holds what the crawl asserts of every HTML page: what a reader
// sees on any page of the site, read from the parsed document rather than
// matched with regular expressions, so minified and unminified output, and
// any attribute order, read the same.

// menuLink is one entry of the site's menu in hub.toml.
type menuLink struct {
	Name string `toml:"name"`
	URL  string `toml:"url"`
}

// pageRef is a URL a page refers to, with the element that holds it.
type pageRef struct {
	url  string
	what string // e.g. `<a href>`, for the report
}

// parsedPage is what the crawl keeps of one HTML page.
type parsedPage struct {
	ids  map[string]bool // every id, for #fragment links to the page
	refs []pageRef
}

// parsePage parses an HTML page, returning the problems a reader would meet
// on it, its ids and the URLs it refers to.
func parsePage(body []byte, menu []menuLink) (*parsedPage, []string) {
	doc, err := html.Parse(strings.NewReader(string(body)))
	if err != nil { // html.Parse recovers from any markup; this is a read error
		return nil, []string{fmt.Sprintf("does not parse as HTML: %v", err)}
	}
	p := &parsedPage{ids: map[string]bool{}}
	var problems []string
	var banners, contentinfos []*html.Node
	count := map[atom.Atom]int{}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		count[n.DataAtom]++
		if id := attr(n, "id"); id != "" {
			p.ids[id] = true
		}
		p.refs = append(p.refs, refsOf(n)...)
		switch {
		case n.DataAtom == atom.Header && !inSectioning(n):
			banners = append(banners, n)
		case n.DataAtom == atom.Footer && !inSectioning(n):
			contentinfos = append(contentinfos, n)
		case n.DataAtom == atom.Script && attr(n, "type") == "application/ld+json":
			var v any
			if err := json.Unmarshal([]byte(textOf(n)), &v); err != nil {
				problems = append(problems, fmt.Sprintf("JSON-LD does not parse: %v", err))
			}
		}
	}
	problems = append(problems, checkBanner(banners, menu)...)
	if len(contentinfos) != 1 {
		problems = append(problems, fmt.Sprintf("%d site footers (a <footer> outside main, article, aside, nav and section), want 1", len(contentinfos)))
	}
	for _, a := range []atom.Atom{atom.Main, atom.H1} {
		if count[a] != 1 {
			problems = append(problems, fmt.Sprintf("%d <%s> elements, want 1", count[a], a))
		}
	}
	return p, append(problems, checkText(body)...)
}

// checkBanner wants one site header, holding a link for every menu entry.
func checkBanner(banners []*html.Node, menu []menuLink) []string {
	if len(banners) != 1 {
		return []string{fmt.Sprintf("%d site headers (a <header> outside main, article, aside, nav and section), want 1", len(banners))}
	}
	inNav := map[string]bool{}
	for n := range banners[0].Descendants() {
		if n.DataAtom == atom.A && ancestor(n, atom.Nav) != nil {
			inNav[attr(n, "href")] = true
		}
	}
	var problems []string
	for _, m := range menu {
		if !inNav[m.URL] {
			problems = append(problems, fmt.Sprintf("the site header's menu has no link to %s (%q)", m.URL, m.Name))
		}
	}
	return problems
}

// checkText looks at the bytes as a reader's browser decodes them: text
// in the Unicode private-use area shows as boxes or stray glyphs, never as
// words, so any of it is markup or a placeholder that leaked.
func checkText(body []byte) []string {
	if !utf8.Valid(body) {
		return []string{"is not valid UTF-8"}
	}
	s := string(body)
	n, first := 0, -1
	for i, r := range s {
		if r >= 0xE000 && r <= 0xF8FF {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	if n == 0 {
		return nil
	}
	from, to := max(0, first-40), min(len(s), first+40)
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	for to < len(s) && !utf8.RuneStart(s[to]) {
		to++
	}
	return []string{fmt.Sprintf("%d private-use characters (U+E000–U+F8FF), the first in %+q", n, s[from:to])}
}

// refsOf lists the URLs an element makes a browser fetch or a reader follow.
func refsOf(n *html.Node) []pageRef {
	var refs []pageRef
	add := func(key string) {
		if v := strings.TrimSpace(attr(n, key)); v != "" || hasAttr(n, key) {
			refs = append(refs, pageRef{v, fmt.Sprintf("<%s %s>", n.Data, key)})
		}
	}
	switch n.DataAtom {
	case atom.A, atom.Area, atom.Link:
		add("href")
	case atom.Img, atom.Source, atom.Script, atom.Iframe, atom.Audio, atom.Video, atom.Track, atom.Embed:
		add("src")
	case atom.Form:
		add("action")
	case atom.Meta:
		// What a link preview fetches when the page is shared.
		if p := attr(n, "property"); p == "og:image" || p == "og:url" {
			refs = append(refs, pageRef{attr(n, "content"), fmt.Sprintf("<meta property=%s>", p)})
		}
	}
	if n.DataAtom == atom.Video {
		add("poster")
	}
	if set := attr(n, "srcset"); set != "" {
		for _, candidate := range strings.Split(set, ",") {
			if f := strings.Fields(candidate); len(f) > 0 {
				refs = append(refs, pageRef{f[0], fmt.Sprintf("<%s srcset>", n.Data)})
			}
		}
	}
	return refs
}

// inSectioning reports whether n is inside an element that makes a
// <header> or <footer> that element's own rather than the page's (the
// banner and contentinfo landmarks of ARIA).
func inSectioning(n *html.Node) bool {
	for p := range n.Ancestors() {
		if slices.Contains([]atom.Atom{atom.Main, atom.Article, atom.Aside, atom.Nav, atom.Section}, p.DataAtom) {
			return true
		}
	}
	return false
}

func ancestor(n *html.Node, a atom.Atom) *html.Node {
	for p := range n.Ancestors() {
		if p.DataAtom == a {
			return p
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Namespace == "" && a.Key == key })
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// A page with everything the crawl asks of one; the tests below break it
// one way at a time.
const wholePage = `<!doctype html><html lang=en><head><title>T</title>
<link rel=stylesheet href=/style.css>
<script type="application/ld+json">{"@type":"Thing"}</script></head>
<body><a href=#main>Skip</a><header><nav><a href=/a/>A</a></nav></header>
<main id=main><h1>T</h1><article><header><h2>Card</h2></header><footer>Card footer</footer></article></main>
<footer>Site footer</footer></body></html>`

func TestPageCheck(t *testing.T) {
	t.Parallel()
	menu := []menuLink{{"A", "/a/"}}
	tests := []struct {
		name, old, new, want string
	}{
		{"whole", "", "", ""},
		{"no site header", `<header><nav><a href=/a/>A</a></nav></header>`, "", "0 site headers"},
		{"menu without an entry", `<a href=/a/>A</a>`, `<a href=/b/>B</a>`, "menu has no link to /a/"},
		{"no site footer", `<footer>Site footer</footer>`, "", "0 site footers"},
		{"two mains", `<footer>Site footer</footer>`, `<main></main><footer>Site footer</footer>`, "2 <main> elements"},
		{"no h1", `<h1>T</h1>`, `<h2>T</h2>`, "0 <h1> elements"},
		{"two h1", `<h2>Card</h2>`, `<h1>Card</h1>`, "2 <h1> elements"},
		{"JSON-LD", `{"@type":"Thing"}`, `{"@type":}`, "JSON-LD does not parse"},
		{"private use", `Skip</a>`, "Skip</a>\ue000hub3k\ue001", `2 private-use characters (U+E000–U+F8FF), the first in "`},
		{"invalid UTF-8", `Site footer`, "Site \xff footer", "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := strings.Replace(wholePage, tt.old, tt.new, 1)
			if page == wholePage && tt.old != "" {
				t.Fatalf("%q is not in the page", tt.old)
			}
			_, problems := parsePage([]byte(page), menu)
			got := strings.Join(problems, "\n")
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("problems:\n%s\nwant one containing %q", got, tt.want)
			}
		})
	}
}

func TestCrawlFindsWhatDoesNotResolve(t *testing.T) {
	t.Parallel()
	home := strings.Replace(wholePage, `<h1>T</h1>`, `<h1>T</h1>
<a href=/a/#there>fine</a> <a href="https://hub.example/a/">fine, absolute</a> <a href=https://elsewhere.example/>not ours</a>
<a href=/a/#missing>no such id</a> <a href=/gone/>gone</a> <a href=/a>redirects</a> <a href="/search/?q=x">search</a>
<img src=/img.png srcset="/img.png 1x, /img-2x.png 2x" alt=""> <script src=/app.js></script>`, 1)
	files := map[string]string{
		"/":            home,
		"/a/":          strings.Replace(wholePage, "<h1>", "<h1 id=there>", 1),
		"/search/?q=x": strings.Replace(wholePage, "<h1>T</h1>", `<h1>T</h1><a href="/search/?q=x&amp;tag=y">facet</a>`, 1),
		"/search/?q=x&tag=y": strings.Replace(wholePage, "<h1>T</h1>",
			`<h1>T</h1><a href="/search/?q=x&amp;tag=y&amp;tag=z">facet</a>`, 1),
		"/orphan/":   wholePage,
		"/style.css": "main{}",
		"/img.png":   "PNG",
		"/sitemap.xml": `<urlset><url><loc>https://hub.example/</loc></url>` +
			`<url><loc>https://hub.example/a/</loc></url><url><loc>https://hub.example/orphan/</loc></url></urlset>`,
	}
	var asked []string
	get := func(p string) (int, string, []byte, error) {
		asked = append(asked, p)
		if p == "/a" {
			return http.StatusMovedPermanently, "", nil, nil
		}
		body, ok := files[p]
		if !ok {
			return http.StatusNotFound, "text/plain", nil, nil
		}
		contentType := "text/html; charset=utf-8"
		if ext := path.Ext(p); ext != "" {
			contentType = mime.TypeByExtension(ext)
		}
		return http.StatusOK, contentType, []byte(body), nil
	}
	c, err := crawl(get, "https://hub.example/", []menuLink{{"A", "/a/"}}, []crawlSeed{{"/", http.StatusOK}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/: <a href> links to #missing on /a/, which has no element with that id",
		"/a (linked from /): status 301, want 200",
		"/app.js (linked from /): status 404, want 200",
		"/gone/ (linked from /): status 404, want 200",
		"/img-2x.png (linked from /): status 404, want 200",
		"/sitemap.xml: /orphan/ is listed but no page links to it",
	}
	if got := c.list(); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A search reached from a search is checked; its own facets are not
	// fetched (each adds a filter: the combinations never end).
	if slices.Contains(asked, "/search/?q=x&tag=y&tag=z") || !slices.Contains(asked, "/search/?q=x&tag=y") {
		t.Errorf("fetched %q", asked)
	}
	if slices.ContainsFunc(asked, func(p string) bool { return strings.Contains(p, "elsewhere") }) {
		t.Error("fetched a link to another site")
	}
}

// The quick run's crawl fetches one in n of the searches reached from a
// search, the same ones every time, and every other page: a search page
// of 64 facets, each a broken page, reports the sampled ones alone.
func TestCrawlSamplesOnlySearchesReachedFromASearch(t *testing.T) {
	t.Parallel()
	var facets strings.Builder
	for i := range 64 {
		fmt.Fprintf(&facets, `<a href="/search/?q=x&amp;tag=t%d">facet</a> `, i)
	}
	files := map[string]string{
		"/":            strings.Replace(wholePage, "<h1>T</h1>", `<h1>T</h1><a href="/search/?q=x">search</a> <a href="/a/">a</a>`, 1),
		"/a/":          wholePage,
		"/search/?q=x": strings.Replace(wholePage, "<h1>T</h1>", "<h1>T</h1>"+facets.String(), 1),
		"/style.css":   "main{}",
		"/sitemap.xml": `<urlset><url><loc>https://hub.example/a/</loc></url></urlset>`,
	}
	crawlWith := func(n int) (asked []string, problems int, unsampled int) {
		get := func(p string) (int, string, []byte, error) {
			asked = append(asked, p)
			if body, ok := files[p]; ok {
				ct := "text/html; charset=utf-8"
				if strings.HasSuffix(p, ".css") {
					ct = "text/css"
				}
				return http.StatusOK, ct, []byte(body), nil
			}
			return http.StatusNotFound, "text/plain", nil, nil // every facet: a problem, if fetched
		}
		c, err := crawl(get, "https://hub.example/", nil, []crawlSeed{{"/", http.StatusOK}}, n)
		if err != nil {
			t.Fatal(err)
		}
		return asked, len(c.list()), len(c.unsampled)
	}
	all, problems, unsampled := crawlWith(1)
	if problems != 64 || unsampled != 0 {
		t.Fatalf("sample 1: %d problems and %d left unfetched, want each of the 64 facets fetched and failing", problems, unsampled)
	}
	some, problems, unsampled := crawlWith(8)
	again, _, _ := crawlWith(8)
	facetsFetched := len(some) - (len(all) - 64)
	if facetsFetched < 2 || facetsFetched > 20 || problems != facetsFetched || unsampled != 64-facetsFetched {
		t.Errorf("sample 8: fetched %d of 64 facets, %d problems, %d left", facetsFetched, problems, unsampled)
	}
	for _, p := range []string{"/", "/a/", "/search/?q=x", "/style.css"} {
		if !slices.Contains(some, p) {
			t.Errorf("sample 8: %s was not fetched", p)
		}
	}
	if !slices.Equal(some, again) {
		t.Errorf("two crawls with the same sample fetched different addresses:\n%q\n%q", some, again)
	}
}

package main

import (
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/ideas-hub/hub/internal/hubtest"
)

// The crawl reads the hub's own site as a reader meets it: it starts at
// the home page, follows every internal link, and checks each HTML page
// (see pagecheck_test.go) and that every link, fragment, image, stylesheet
// and script it names resolves. It runs over `hub serve` and over the
// files `hub build` writes, as a static host would serve them.

// crawlSeeds are the addresses no page links to that readers reach all the
// same: searches typed into the header's form, with and without filters
// and results, a mistyped address, and the icon browsers ask every site for.
var crawlSeeds = []crawlSeed{
	{"/", http.StatusOK},
	{"/search/?q=timebank", http.StatusOK},
	{"/search/?q=co-production&type=case-study", http.StatusOK},
	{"/search/?q=wales&tag=wales", http.StatusOK},
	{"/search/?q=zzzzqqq", http.StatusOK}, // no results
	{"/no-such-page/", http.StatusNotFound},
	{"/favicon.ico", http.StatusOK},
}

type crawlSeed struct {
	path   string
	status int
}

// quickSearchSample is how many of the searches reached from a search,
// each a facet added to another search's, the quick run takes one of
// (see sampled); the long runs fetch them all. Those searches are most of
// the crawl: on the hub's own site, 1,551 of 1,746 HTML pages served,
// each rendered per request and checked like any page, 13 s of the
// crawl's CPU in all. One in eight still reaches facets of every kind
// from every kind of search, and every other page and file is crawled.
const quickSearchSample = 8

func TestCrawlServed(t *testing.T) {
	t.Parallel()
	site := ownSite(t)
	s := serve(t, site, "--watch=false")
	crawlSite(t, site, httpGetter(s.url))
}

func TestCrawlBuilt(t *testing.T) {
	t.Parallel()
	site := ownSite(t)
	if code, _, stderr := hub(t, "build", "--site", site, "--no-index", "--quiet"); code != exitOK {
		t.Fatalf("hub build exited %d:\n%s", code, stderr)
	}
	crawlSite(t, site, fileGetter(filepath.Join(site, "public")))
}

// getter answers a GET for a site path (with any query) as a browser would
// receive it, without following redirects.
type getter func(path string) (status int, contentType string, body []byte, err error)

func httpGetter(root string) getter {
	client := &http.Client{
		Timeout:       30 * time.Second, // a bound on a hung test, not a speed check
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return func(p string) (int, string, []byte, error) {
		res, err := client.Get(root + strings.TrimPrefix(p, "/"))
		if err != nil {
			return 0, "", nil, err
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Content-Type"), body, err
	}
}

// fileGetter serves the output folder as static hosts do: the query is
// ignored, a folder's URL gives its index.html (without the final slash, a
// redirect), and a missing file gives 404.html with status 404.
func fileGetter(dir string) getter {
	return func(p string) (int, string, []byte, error) {
		u, err := url.Parse(p)
		if err != nil {
			return 0, "", nil, err
		}
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+u.Path)))
		if info, err := os.Stat(name); err == nil && info.IsDir() {
			if !strings.HasSuffix(u.Path, "/") {
				return http.StatusMovedPermanently, "", nil, nil
			}
			name = filepath.Join(name, "index.html")
		}
		body, err := os.ReadFile(name)
		if os.IsNotExist(err) {
			body, err = os.ReadFile(filepath.Join(dir, "404.html"))
			return http.StatusNotFound, "text/html; charset=utf-8", body, err
		}
		return http.StatusOK, mime.TypeByExtension(filepath.Ext(name)), body, err
	}
}

// crawlSite crawls a site from crawlSeeds and reports every problem found,
// each with the address of its page, in one failure.
func crawlSite(t *testing.T, site string, get getter) {
	t.Helper()
	var config struct {
		BaseURL string     `toml:"base_url"`
		Menu    []menuLink `toml:"menu"`
	}
	if _, err := toml.DecodeFile(filepath.Join(site, "hub.toml"), &config); err != nil {
		t.Fatal(err)
	}
	sample := quickSearchSample
	if hubtest.Long() {
		sample = 1
	}
	c, err := crawl(get, config.BaseURL, config.Menu, crawlSeeds, sample)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("crawled %d HTML pages and %d other files; left %d searches reached from a search to the long run (%s=1)",
		len(c.pages), c.others, len(c.unsampled), hubtest.LongEnv)
	if problems := c.list(); len(problems) > 0 {
		t.Errorf("%d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}

// crawl visits a site from its seeds, following every internal link, but
// fetching only one in sample of the searches reached from a search (see
// sampled; 1: all of them).
func crawl(get getter, baseURL string, menu []menuLink, seeds []crawlSeed, sample int) (*crawler, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	c := &crawler{get: get, base: base, menu: menu, sample: sample, unsampled: map[string]bool{},
		pages: map[string]*parsedPage{}, seen: map[string]bool{}, failed: map[string]bool{}, problems: map[string]bool{}}
	for _, s := range seeds {
		c.enqueue(visit{path: s.path, status: s.status, follow: true})
	}
	for len(c.queue) > 0 {
		v := c.queue[0]
		c.queue = c.queue[1:]
		c.visit(v)
	}
	c.checkFragments()
	c.checkSitemap()
	return c, nil
}

type crawler struct {
	get      getter
	base     *url.URL // the site's base_url: its absolute links are internal too
	menu     []menuLink
	queue    []visit
	seen     map[string]bool
	pages    map[string]*parsedPage // HTML pages by path, for #fragment links
	failed   map[string]bool        // paths that did not answer as expected
	others   int
	frags    []fragmentLink
	problems map[string]bool
	// sample: one in how many searches reached from a search is
	// fetched; unsampled holds the others, left unfetched.
	sample    int
	unsampled map[string]bool
}

// visit is one address to fetch.
type visit struct {
	path, from string // from: the first page that links here; "" for a seed
	status     int
	// follow is false for a search reached from another search: its own
	// links to searches (every facet added to those already chosen) are
	// not fetched, or the crawl would try every combination of filters.
	follow bool
}

type fragmentLink struct {
	from, path, fragment, what string
}

// list gives the problems found, sorted, so that one page's read together.
func (c *crawler) list() []string {
	return slices.Sorted(maps.Keys(c.problems))
}

func (c *crawler) problem(path, format string, args ...any) {
	c.problems[path+": "+fmt.Sprintf(format, args...)] = true
}

func (c *crawler) enqueue(v visit) {
	if !c.seen[v.path] {
		c.seen[v.path] = true
		c.queue = append(c.queue, v)
	}
}

func (c *crawler) visit(v visit) {
	status, contentType, body, err := c.get(v.path)
	where := v.path
	if v.from != "" {
		where += " (linked from " + v.from + ")"
	}
	switch {
	case err != nil:
		c.problem(where, "%v", err)
	case status != v.status:
		c.problem(where, "status %d, want %d", status, v.status)
	}
	if err != nil || status != v.status {
		c.failed[v.path] = true
		return
	}
	if mt, _, _ := mime.ParseMediaType(contentType); mt != "text/html" {
		c.others++
		return
	}
	page, problems := parsePage(body, c.menu)
	for _, p := range problems {
		c.problem(v.path, "%s", p)
	}
	if page == nil {
		return
	}
	c.pages[v.path] = page
	c.follow(v, page)
}

// follow queues every internal address a page refers to.
func (c *crawler) follow(v visit, page *parsedPage) {
	here := c.base.ResolveReference(&url.URL{Path: "/"})
	here, _ = here.Parse(strings.TrimPrefix(v.path, "/"))
	for _, ref := range page.refs {
		u, err := here.Parse(ref.url)
		if err != nil {
			c.problem(v.path, "%s %q does not parse: %v", ref.what, ref.url, err)
			continue
		}
		target, ok := c.internal(u)
		if !ok {
			continue
		}
		toSearch := isSearch(target)
		if toSearch && !v.follow {
			continue
		}
		next := visit{path: target, from: v.path, status: http.StatusOK, follow: !(toSearch && isSearch(v.path))}
		if !next.follow && !c.seen[target] && !sampled(target, c.sample) {
			c.unsampled[target] = true
			continue
		}
		if u.Fragment != "" {
			c.frags = append(c.frags, fragmentLink{v.path, target, u.Fragment, ref.what})
		}
		c.enqueue(next)
	}
}

// sampled reports whether path is one of the one in n addresses a crawl
// fetches, by a hash of it: the same ones on every run, spread across
// every kind of facet rather than the first few of each page.
func sampled(path string, n int) bool {
	h := fnv.New32a()
	h.Write([]byte(path))
	return n <= 1 || h.Sum32()%uint32(n) == 0
}

// internal gives the site path of an address on the site, with its query.
func (c *crawler) internal(u *url.URL) (string, bool) {
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host != c.base.Host || !strings.HasPrefix(u.Path, c.base.Path) {
		return "", false
	}
	p := "/" + strings.TrimPrefix(u.EscapedPath(), strings.TrimSuffix(c.base.Path, "/")+"/")
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p, true
}

// isSearch is whether a path is a search with a query (rendered per request).
func isSearch(p string) bool { return strings.HasPrefix(p, "/search/?") }

// checkFragments wants every #fragment link to name an id on its page, as
// "#top" needs none (browsers scroll to the top for it).
func (c *crawler) checkFragments() {
	for _, f := range c.frags {
		page := c.pages[f.path]
		switch {
		case c.failed[f.path]: // reported already
		case page == nil:
			c.problem(f.from, "%s links to #%s on %s, which is not an HTML page", f.what, f.fragment, f.path)
		case !page.ids[f.fragment] && f.fragment != "top":
			c.problem(f.from, "%s links to #%s on %s, which has no element with that id", f.what, f.fragment, f.path)
		}
	}
}

// checkSitemap wants the crawl to have reached every page the sitemap
// lists: a page no link leads to is one readers cannot find, and a crawl
// that stopped early would pass unseen otherwise.
func (c *crawler) checkSitemap() {
	status, _, body, err := c.get("/sitemap.xml")
	if err != nil || status != http.StatusOK {
		c.problem("/sitemap.xml", "status %d, error %v", status, err)
		return
	}
	var sitemap struct {
		URLs []string `xml:"url>loc"`
	}
	if err := xml.Unmarshal(body, &sitemap); err != nil || len(sitemap.URLs) == 0 {
		c.problem("/sitemap.xml", "no URLs (%v)", err)
		return
	}
	for _, loc := range sitemap.URLs {
		p, ok := "", false
		if u, err := url.Parse(loc); err == nil {
			p, ok = c.internal(u)
		}
		if !ok {
			c.problem("/sitemap.xml", "%q is not an address on %s", loc, c.base)
			continue
		}
		if c.pages[p] == nil && !c.failed[p] {
			c.problem("/sitemap.xml", "%s is listed but no page links to it", p)
		}
	}
}

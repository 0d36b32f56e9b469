package generator

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

// Without [[taxonomies]], a site has tags, authors, organisations and
// regions. Every one merges spellings across case and surrounding space,
// names a term by its most used spelling, and makes an index with counts,
// term pages newest first with later pages, a redirect from page/1/, a
// feed, and sitemap entries; and any type takes their keys.
func TestDefaultTaxonomiesWorkAsTagsDo(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"hub.toml": "page_size = 2\nbase_url = \"https://hub.example.org/\"\n",
		// authors: three spellings of one; regions: a story names one too.
		"content/stories/a.md":      md("title: A\ndate: 2025-01-01\nauthors: [Immy Robinson]\nregion: wales", "A."),
		"content/stories/b.md":      md("title: B\ndate: 2025-01-02\nauthors: ['immy robinson ', Tom Okafor]", "B."),
		"content/case-studies/c.md": md("title: C\ndate: 2025-01-03\nauthors: [Immy Robinson]\norganisation: Hartlepower\nregion: Wales", "C."),
		"content/events/d.md":       md("title: D\nstart: 2025-01-04 10:00\nonline: true\norganiser: hartlepower\nfeatured: [Black Thrive, Hartlepower]", "D."),
		"content/report-reviews/e.md": md("title: E\ndate: 2025-01-05\nreport_title: R\nreport_author: W\nauthors: [Immy Robinson]\n"+
			"organisation: [Black Thrive, Spice]", "E."),
	}
	out, s := build(t, files)

	immy := s.TermBySlug("authors", "immy-robinson")
	if immy == nil || immy.Name != "Immy Robinson" || immy.Count() != 4 {
		t.Fatalf("immy-robinson = %+v, want Immy Robinson with 4 pages", immy)
	}
	hubtest.Contains(t, "authors index", hubtest.Read(t, out, "authors/index.html"),
		counted("/authors/immy-robinson/", "Immy Robinson", 4), counted("/authors/tom-okafor/", "Tom Okafor", 1))
	hubtest.Contains(t, "organisations index", hubtest.Read(t, out, "organisations/index.html"),
		counted("/organisations/hartlepower/", "Hartlepower", 2), counted("/organisations/black-thrive/", "Black Thrive", 2),
		counted("/organisations/spice/", "Spice", 1))
	hubtest.Contains(t, "regions index", hubtest.Read(t, out, "regions/index.html"), counted("/regions/wales/", "Wales", 2))

	// Newest first, two a page, the later pages linked; the type counts.
	first := hubtest.Read(t, out, "authors/immy-robinson/index.html")
	hubtest.Contains(t, "first page", first, `<h1>Immy Robinson</h1>`, "4 pages on the hub; page 1 of 2.", `href="/authors/immy-robinson/page/2/"`,
		typeCounts(typeCount("case-study", "Case studies", 1), typeCount("report-review", "Report reviews", 1), typeCount("story", "Stories", 2)))
	if order := links(first, `/(?:stories|case-studies|report-reviews)/\w/`); strings.Join(order, " ") != "/report-reviews/e/ /case-studies/c/" {
		t.Errorf("first page lists %v, want the two newest", order)
	}
	second := hubtest.Read(t, out, "authors/immy-robinson/page/2/index.html")
	if order := links(second, `/stories/\w/`); strings.Join(order, " ") != "/stories/b/ /stories/a/" {
		t.Errorf("second page lists %v", order)
	}
	hubtest.Contains(t, "redirect", hubtest.Read(t, out, "authors/immy-robinson/page/1/index.html"), "/authors/immy-robinson/")
	feed := hubtest.Read(t, out, "organisations/hartlepower/feed.xml")
	hubtest.Contains(t, "feed", feed, "<title>Ideas Hub: Hartlepower</title>", "https://hub.example.org/events/d/", "https://hub.example.org/case-studies/c/")
	if strings.Index(feed, "/events/d/") > strings.Index(feed, "/case-studies/c/") {
		t.Error("the feed is not newest first")
	}
	hubtest.Contains(t, "sitemap", hubtest.Read(t, out, "sitemap.xml"), "https://hub.example.org/authors/</loc>",
		"https://hub.example.org/authors/immy-robinson/</loc>", "https://hub.example.org/authors/immy-robinson/page/2/</loc>",
		"https://hub.example.org/organisations/black-thrive/</loc>", "https://hub.example.org/regions/wales/</loc>")

	// Each page shows its terms, of any type.
	hubtest.Contains(t, "story a", hubtest.Read(t, out, "stories/a/index.html"),
		termsOf("Regions", term("/regions/wales/", "Wales")), termsOf("Authors", term("/authors/immy-robinson/", "Immy Robinson")),
		`<p class="byline"><span>By <a href="/authors/immy-robinson/">Immy Robinson</a></span>`)
	hubtest.Contains(t, "event d", hubtest.Read(t, out, "events/d/index.html"),
		termsOf("Organisations", term("/organisations/hartlepower/", "Hartlepower"), term("/organisations/black-thrive/", "Black Thrive")))
}

// links lists the URLs matching pattern in html's href attributes, in order.
func links(html, pattern string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`href="(`+pattern+`)"`).FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// Declaring [[taxonomies]] replaces the four, tags excepted; a declared
// taxonomy's key is one any type takes, as text or a list.
func TestDeclaredTaxonomiesReplaceTheDefaults(t *testing.T) {
	t.Parallel()
	out, s := build(t, map[string]string{
		"hub.toml": `[[taxonomies]]
name = "support-types"
param = "support"
keys = ["support_type"]
title = "Support types"
singular = "Support type"
`,
		"content/stories/a.md":      md("title: A\ndate: 2025-01-01\nsupport_type: Befriending\nauthors: [Immy Robinson]\ntags: [care]", "A."),
		"content/case-studies/b.md": md("title: B\ndate: 2025-01-02\nsupport_type: [befriending, ' Peer support ']", "B."),
	})
	if got := len(s.Config.Taxonomies.All()); got != 2 {
		t.Errorf("%d taxonomies, want tags and support-types", got)
	}
	for _, gone := range []string{"authors/index.html", "organisations/index.html", "regions/index.html", "authors/immy-robinson/index.html"} {
		if hubtest.Exists(out, gone) {
			t.Errorf("%s was built: declared taxonomies replace the defaults", gone)
		}
	}
	hubtest.Contains(t, "tags", hubtest.Read(t, out, "tags/index.html"), counted("/tags/care/", "care", 1))
	hubtest.Contains(t, "index", hubtest.Read(t, out, "support-types/index.html"), "<h1>Support types</h1>",
		counted("/support-types/befriending/", "Befriending", 2), counted("/support-types/peer-support/", "Peer support", 1))
	hubtest.Contains(t, "term", hubtest.Read(t, out, "support-types/befriending/index.html"), `<p class="meta"><span class="type">Support type</span></p>`,
		`href="/case-studies/b/"`, `href="/stories/a/"`)
	if !hubtest.Exists(out, "support-types/peer-support/feed.xml") {
		t.Error("no feed for a declared taxonomy's term")
	}
	hubtest.Contains(t, "page b", hubtest.Read(t, out, "case-studies/b/index.html"),
		termsOf("Support types", term("/support-types/befriending/", "Befriending"), term("/support-types/peer-support/", "Peer support")))
}

// A term's description file heads its page, with JSON-LD naming an
// organisation by its website; it is no page of its own: no list, feed,
// sitemap entry or URL of its own. A link to it leads to the term's page.
func TestDescriptionHeadsTheTermPageAndIsNoPage(t *testing.T) {
	t.Parallel()
	out, s := build(t, map[string]string{
		"hub.toml":                  "base_url = \"https://hub.example.org/\"\n",
		"content/case-studies/c.md": md("title: C\ndate: 2025-01-03\norganisation: Hartlepower", "See [who](../organisations/hartlepower.md#history)."),
		"content/organisations/hartlepower.md": md("title: Hartlepower CIC\nsummary: A hybrid organisation in Hartlepool.\nwebsite: https://hartlepower.example.org/",
			"## History\n\nIt began with a building.\n"),
		"content/authors/immy-robinson.md": md("title: Immy Robinson", "Writes."),
		"content/stories/s.md":             md("title: S\ndate: 2025-01-04\nauthors: [Immy Robinson]", "S."),
	})
	page := hubtest.Read(t, out, "organisations/hartlepower/index.html")
	hubtest.Contains(t, "term page", page, "<h1>Hartlepower CIC</h1>", `<p class="term-summary">A hybrid organisation in Hartlepool.</p>`,
		`<a href="https://hartlepower.example.org/" rel="external">hartlepower.example.org</a>`, `<h2 id="history">History</h2>`, `href="/case-studies/c/"`,
		`{"@type":"Organization","description":"A hybrid organisation in Hartlepool.","mainEntityOfPage":"https://hub.example.org/organisations/hartlepower/","name":"Hartlepower CIC","url":"https://hartlepower.example.org/"}`)
	hubtest.Contains(t, "author page", hubtest.Read(t, out, "authors/immy-robinson/index.html"),
		`{"@type":"Person","mainEntityOfPage":"https://hub.example.org/authors/immy-robinson/","name":"Immy Robinson","url":"https://hub.example.org/authors/immy-robinson/"}`)
	hubtest.Contains(t, "a link to the description", hubtest.Read(t, out, "case-studies/c/index.html"), `<a href="/organisations/hartlepower/#history">who</a>`)
	for _, p := range s.Pages {
		if strings.HasPrefix(p.Path, "content/organisations/") || strings.HasPrefix(p.Path, "content/authors/") {
			t.Errorf("%s is a page", p.Path)
		}
	}
	for _, f := range []string{"feed.xml", "sitemap.xml", "organisations/index.html"} {
		hubtest.NotContains(t, f, hubtest.Read(t, out, f), "hartlepower.md", "Hartlepower CIC", "It began")
	}
	if len(s.Pages) != 2 {
		t.Errorf("%d pages, want the case study and the story", len(s.Pages))
	}
}

// Beside a type's list, each taxonomy's terms most used in that type, with
// counts in the type, linking to the term and to search with both chosen.
func TestListsBrowseByTheirMostUsedTerms(t *testing.T) {
	t.Parallel()
	files := map[string]string{}
	for i := range 12 {
		front := fmt.Sprintf("title: C%d\ndate: 2025-01-%02d\nregion: %s\ntags: [t%d]", i, i+1, []string{"Wales", "England"}[i%3/2], i)
		files[fmt.Sprintf("content/case-studies/c%d.md", i)] = md(front, "C.")
	}
	files["content/stories/s.md"] = md("title: S\ndate: 2025-02-01\nregion: Scotland\ntags: [t1]", "S.")
	out, _ := build(t, files)
	list := hubtest.Read(t, out, "case-studies/index.html")
	hubtest.Contains(t, "list", list,
		`<ul role="list" aria-labelledby="browse-regions">`+"\n"+
			browseTerm("/regions/wales/", "Wales", "/search/?type=case-study&amp;region=wales", "Case studies", 8)+"\n"+
			browseTerm("/regions/england/", "England", "/search/?type=case-study&amp;region=england", "Case studies", 4)+"\n</ul>",
		`<ul role="list" aria-labelledby="browse-tags">`+"\n"+browseTerm("/tags/t0/", "t0", "/search/?type=case-study&amp;tag=t0", "Case studies", 1))
	hubtest.NotContains(t, "list", list, "Scotland", "browse-authors")
	if n := strings.Count(list, `<li class="browse-term">`); n != 8+2 {
		t.Errorf("the list shows %d terms, want 8 tags (of 12) and 2 regions", n)
	}
	hubtest.Contains(t, "later page", hubtest.Read(t, out, "case-studies/page/2/index.html"), browseTerm("/regions/wales/", "Wales", "/search/?type=case-study&amp;region=wales", "Case studies", 8))
}

// In the preview, adding an author, renaming an organisation (its most
// used spelling changing) and writing, editing or removing a description
// rebuild the term pages, the indexes and the lists' browse boxes, as a
// full build would make them.
func TestTermEditsRebuildWhatShowsThem(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	m.set("content/case-studies/a.md", md("title: A\ndate: 2025-01-01\norganisation: hartlepower", "A."))
	m.set("content/case-studies/b.md", md("title: B\ndate: 2025-01-02\norganisation: Hartlepower", "B."))
	m.set("content/stories/c.md", md("title: C\ndate: 2025-01-03\ntags: [care]", "C."))
	m.take()
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, out, false)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		what  string
		edit  func()
		file  string
		wants []string
	}{
		{"an author added", func() {
			m.set("content/stories/c.md", md("title: C\ndate: 2025-01-03\ntags: [care]\nauthors: [Nia Evans]", "C."))
		},
			"authors/index.html", []string{counted("/authors/nia-evans/", "Nia Evans", 1)}},
		{"an organisation respelt", func() {
			m.set("content/case-studies/b.md", md("title: B\ndate: 2025-01-02\norganisation: HARTLEPOWER", "B."))
		},
			"case-studies/index.html", []string{`<li class="browse-term"><a href="/organisations/hartlepower/">HARTLEPOWER</a>`}},
		{"a description written", func() {
			m.set("content/organisations/hartlepower.md", md("title: Hartlepower CIC\nsummary: In Hartlepool.", "Body."))
		},
			"organisations/hartlepower/index.html", []string{"<h1>Hartlepower CIC</h1>", `<p class="term-summary">In Hartlepool.</p>`}},
		{"a description edited", func() {
			m.set("content/organisations/hartlepower.md", md("title: Hartlepower\nsummary: On the coast.", "Body."))
		},
			"organisations/hartlepower/index.html", []string{"<h1>Hartlepower</h1>", `<p class="term-summary">On the coast.</p>`}},
		{"a description removed", func() { m.remove("content/organisations/hartlepower.md") },
			"organisations/hartlepower/index.html", []string{"<h1>HARTLEPOWER</h1>"}},
		{"the author removed", func() { m.set("content/stories/c.md", md("title: C\ndate: 2025-01-03\ntags: [care]", "C.")) },
			"authors/index.html", []string{"0 in all.", `<p class="empty">`}},
	}
	for _, st := range steps {
		st.edit()
		if _, err := b.Build(context.Background(), m.take()); err != nil {
			t.Fatalf("%s: %v", st.what, err)
		}
		hubtest.Contains(t, st.what, hubtest.Read(t, out, st.file), st.wants...)
		want := filepath.Join(t.TempDir(), "public")
		if _, _, err := Build(context.Background(), Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, want, false); err != nil {
			t.Fatal(err)
		}
		hubtest.SameTrees(t, st.what, out, want)
	}
	if hubtest.Exists(out, "authors/nia-evans/index.html") {
		t.Error("the page of an author no page names any more is still there")
	}
}

// A type hub.toml declares takes every taxonomy's keys too, a single
// value or a list, as the built-in types do.
func TestSiteTypesTakeTaxonomyKeys(t *testing.T) {
	t.Parallel()
	out, _ := build(t, map[string]string{
		"hub.toml":              siteTypesTOML,
		"content/toolkits/k.md": md("title: K\ndate: 2025-01-01\npublisher: P\nregion: [Wales, England]\norganisation: Spice\nauthors: [Nia Evans]", "K."),
	})
	for _, list := range []string{"regions/wales/index.html", "regions/england/index.html", "organisations/spice/index.html", "authors/nia-evans/index.html"} {
		hubtest.Contains(t, list, hubtest.Read(t, out, list), `href="/toolkits/k/"`, typeCounts(typeCount("toolkit", "Toolkits", 1)))
	}
	hubtest.Contains(t, "toolkit", hubtest.Read(t, out, "toolkits/k/index.html"),
		termsOf("Regions", term("/regions/wales/", "Wales"), term("/regions/england/", "England")))
}

// The real theme's markup of what these tests check, so each assertion
// names one fact in the words a reader's page uses.

// counted is a term as its taxonomy's index lists it: its name, linked,
// with how many pages name it.
func counted(url, name string, n int) string {
	pages := " pages"
	if n == 1 {
		pages = " page"
	}
	return fmt.Sprintf(`<li><a href="%s">%s<span class="vh">,</span> <span class="count">%d<span class="vh">%s</span></span></a></li>`, url, name, n, pages)
}

// typeCounts is a term page's count of its pages by type, in the order
// given: each a typeCount.
func typeCounts(lines ...string) string {
	return `<ul class="type-counts" role="list" aria-label="Pages by type">` + "\n" + strings.Join(lines, "\n") + "\n</ul>"
}

func typeCount(class, plural string, n int) string {
	return fmt.Sprintf(`<li><span class="type type-%s">%s</span> <span class="count">%d</span></li>`, class, plural, n)
}

// termsOf is a page's terms of one taxonomy as its footer lists them, in
// the order given: each a term.
func termsOf(title string, terms ...string) string {
	return fmt.Sprintf("<h2>%s</h2>\n"+`<ul class="terms" role="list" aria-label="%s">`+"\n%s\n</ul>", title, title, strings.Join(terms, "\n"))
}

func term(url, name string) string { return fmt.Sprintf(`<li><a href="%s">%s</a></li>`, url, name) }

// browseTerm is a term in a list's "Browse by" box: linked, with the count
// of the type's pages that name it linking to search with both chosen.
func browseTerm(url, name, search, plural string, n int) string {
	return fmt.Sprintf(`<li class="browse-term"><a href="%s">%s</a> <a class="count" href="%s">%d<span class="vh"> %s with %s, in search</span></a></li>`,
		url, name, search, n, plural, name)
}

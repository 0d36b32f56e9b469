package generator

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshot hashes every file under dir, with its path, so two trees can be
// compared byte for byte.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestFailedBuildLeavesPreviousOutputByteIdentical(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	good := site(map[string]string{
		"content/stories/a.md": story("A", "2025-01-01", "x"),
		"content/stories/b.md": story("B", "2025-01-02", "x"),
	})
	ctx := context.Background()
	if _, _, err := Build(ctx, Options{Site: good, Theme: fixtureTheme(), Now: testNow}, out, true); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)

	failures := map[string]Options{
		"content error": {Site: site(map[string]string{"content/stories/a.md": md("title: A\ndate: never", "x")}), Theme: fixtureTheme(), Now: testNow},
		"layout error": {Site: site(map[string]string{
			"content/stories/a.md": story("A", "2025-01-01"),
			"layouts/story.html":   `{{define "main"}}{{.Page.NoSuchField}}{{end}}`,
		}), Theme: fixtureTheme(), Now: testNow},
		"layout syntax error": {Site: site(map[string]string{
			"content/stories/a.md": story("A", "2025-01-01"),
			"layouts/story.html":   `{{define "main"}}{{if}}{{end}}`,
		}), Theme: fixtureTheme(), Now: testNow},
	}
	for name, opts := range failures {
		t.Run(name, func(t *testing.T) {
			_, _, err := Build(ctx, opts, out, true)
			if err == nil {
				t.Fatal("build succeeded; want an error")
			}
			after := snapshot(t, out)
			if fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("output changed after a failed build")
			}
			leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.building-*"))
			if len(leftovers) > 0 {
				t.Errorf("staging folders left behind: %v", leftovers)
			}
		})
	}
}

func TestLayoutErrorsNameTheFileAndLine(t *testing.T) {
	_, _, err := Build(context.Background(), Options{Site: site(map[string]string{
		"content/stories/a.md": story("A", "2025-01-01"),
		"layouts/story.html":   "{{define \"main\"}}\n<p>\n{{if}}{{end}}",
	}), Theme: fixtureTheme(), Now: testNow}, filepath.Join(t.TempDir(), "out"), false)
	if err == nil || !strings.Contains(err.Error(), "layouts/story.html:3:") {
		t.Errorf("error = %v, want one at layouts/story.html:3", err)
	}
}

func TestDeletedContentDisappears(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := map[string]string{
		"content/stories/a.md": story("A", "2025-01-01", "gone-tag"),
		"content/stories/b.md": story("B", "2025-01-02", "kept"),
	}
	ctx := context.Background()
	if _, _, err := Build(ctx, Options{Site: site(files), Theme: fixtureTheme(), Now: testNow}, out, false); err != nil {
		t.Fatal(err)
	}
	if !exists(out, "stories/a/index.html") || !exists(out, "tags/gone-tag/index.html") {
		t.Fatal("first build is missing pages")
	}
	delete(files, "content/stories/a.md")
	if _, _, err := Build(ctx, Options{Site: site(files), Theme: fixtureTheme(), Now: testNow}, out, false); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"stories/a/index.html", "tags/gone-tag/index.html", "tags/gone-tag/feed.xml"} {
		if exists(out, gone) {
			t.Errorf("%s still exists after its content was deleted", gone)
		}
	}
	if !exists(out, "stories/b/index.html") {
		t.Error("stories/b is gone")
	}
}

func TestNoMarkupInjection(t *testing.T) {
	out, _ := build(t, map[string]string{
		"content/stories/x.md": md(`
title: "<script>alert('title')</script> & co"
date: 2025-01-01
summary: "<img src=x onerror=alert(1)>"
tags: ["<b>bold</b>"]
authors: ["<i>Eve</i>"]`, `Some <script>alert("body")</script> raw HTML and <div onclick="x()">a div</div>.

[click](javascript:alert('link')) and [data](data:text/html;base64,PHNjcmlwdD4=) and <javascript:alert(1)>.

<iframe src="https://evil.example"></iframe>
`),
	})
	for _, f := range []string{"stories/x/index.html", "stories/index.html", "tags/b-bold-b/index.html", "feed.xml", "index.html", "tags/index.html"} {
		got := read(t, out, f)
		mustNotContain(t, f, got, "<script>alert", "<img src=x", "<b>bold", "<i>Eve", "<div onclick", "<iframe", `href="javascript:`, `href="data:`)
	}
	page := read(t, out, "stories/x/index.html")
	mustContain(t, "page", page, "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; co", "<!-- raw HTML omitted -->")
	if !strings.Contains(page, `<script type="application/ld+json">`) || strings.Count(page, "<script") != 1 {
		t.Errorf("page has scripts other than the JSON-LD block:\n%s", page)
	}
	mustContain(t, "JSON-LD", page, `\u003cscript\u003e`)
}

func TestOutputFiles(t *testing.T) {
	out, _ := build(t, map[string]string{
		"hub.toml":                "title = \"Test Hub\"\nbase_url = \"https://hub.example.org/sub\"\n",
		"content/stories/a.md":    story("A", "2025-01-01", "t"),
		"content/events/e.md":     event("E", "2027-01-01 10:00", ""),
		"content/about.md":        md("title: About", "x"),
		"static/img/logo.svg":     "<svg  xmlns='http://www.w3.org/2000/svg'></svg>",
		"static/.hidden":          "secret",
		"content/.draft-notes.md": "not content",
	})
	for _, f := range []string{"index.html", "stories/index.html", "case-studies/index.html", "report-reviews/index.html",
		"events/index.html", "stories/a/index.html", "events/e/index.html", "events/e/event.ics", "about/index.html",
		"tags/index.html", "tags/t/index.html", "tags/t/feed.xml", "feed.xml", "events/calendar.ics",
		"sitemap.xml", "robots.txt", "404.html", "search/index.html", "img/logo.svg"} {
		if !exists(out, f) {
			t.Errorf("missing %s", f)
		}
	}
	if exists(out, ".hidden") || exists(out, "draft-notes/index.html") {
		t.Error("dotfiles were published")
	}
	mustContain(t, "static", read(t, out, "img/logo.svg"), "<svg  xmlns") // copied as is
	mustContain(t, "sitemap", read(t, out, "sitemap.xml"), "<loc>https://hub.example.org/sub/stories/a/</loc>", "<lastmod>2025-01-01T00:00:00Z</lastmod>")
	mustContain(t, "robots", read(t, out, "robots.txt"), "Sitemap: https://hub.example.org/sub/sitemap.xml")
	mustContain(t, "feed", read(t, out, "feed.xml"), `<link rel="self" type="application/atom+xml" href="https://hub.example.org/sub/feed.xml">`,
		"<title>A</title>", `<category term="t" label="t">`)
	mustNotContain(t, "feed", read(t, out, "feed.xml"), "<title>About</title>")
	css, _ := filepath.Glob(filepath.Join(out, "assets", "style.*.css"))
	if len(css) != 1 {
		t.Errorf("fingerprinted stylesheets = %v, want one", css)
	}
}

func TestMinifiedAndUnminified(t *testing.T) {
	files := site(map[string]string{"content/stories/a.md": story("A", "2025-01-01", "t")})
	sizes := map[bool]int{}
	for _, minify := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		if _, _, err := Build(context.Background(), Options{Site: files, Theme: fixtureTheme(), Now: testNow}, out, minify); err != nil {
			t.Fatal(err)
		}
		sizes[minify] = len(read(t, out, "stories/a/index.html"))
		page := read(t, out, "stories/a/index.html")
		if minify == strings.Contains(page, `href="/tags/t/"`) { // the minifier drops needless quotes
			t.Errorf("minify=%v: quotes in %s", minify, page)
		}
	}
	if sizes[true] >= sizes[false] {
		t.Errorf("minified page (%d bytes) is not smaller than unminified (%d)", sizes[true], sizes[false])
	}
}

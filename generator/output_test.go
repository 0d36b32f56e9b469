package generator

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

func TestFailedBuildLeavesPreviousOutputByteIdentical(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	good := hubtest.MapFS(map[string]string{
		"content/stories/a.md": story("A", "2025-01-01", "x"),
		"content/stories/b.md": story("B", "2025-01-02", "x"),
	})
	ctx := context.Background()
	if _, _, err := Build(ctx, Options{Site: good, Theme: layouts.FS(), Now: testNow}, out, true); err != nil {
		t.Fatal(err)
	}
	before := hubtest.Snapshot(t, out)

	failures := map[string]Options{
		"content error": {Site: hubtest.MapFS(map[string]string{"content/stories/a.md": md("title: A\ndate: never", "x")}), Theme: layouts.FS(), Now: testNow},
		"layout error": {Site: hubtest.MapFS(map[string]string{
			"content/stories/a.md": story("A", "2025-01-01"),
			"layouts/story.html":   `{{define "main"}}{{.Page.NoSuchField}}{{end}}`,
		}), Theme: layouts.FS(), Now: testNow},
		"layout syntax error": {Site: hubtest.MapFS(map[string]string{
			"content/stories/a.md": story("A", "2025-01-01"),
			"layouts/story.html":   `{{define "main"}}{{if}}{{end}}`,
		}), Theme: layouts.FS(), Now: testNow},
	}
	for name, opts := range failures {
		t.Run(name, func(t *testing.T) {
			_, _, err := Build(ctx, opts, out, true)
			if err == nil {
				t.Fatal("build succeeded; want an error")
			}
			after := hubtest.Snapshot(t, out)
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
	t.Parallel()
	_, _, err := Build(context.Background(), Options{Site: hubtest.MapFS(map[string]string{
		"content/stories/a.md": story("A", "2025-01-01"),
		"layouts/story.html":   "{{define \"main\"}}\n<p>\n{{if}}{{end}}",
	}), Theme: layouts.FS(), Now: testNow}, filepath.Join(t.TempDir(), "out"), false)
	if err == nil || !strings.Contains(err.Error(), "layouts/story.html:3:") {
		t.Errorf("error = %v, want one at layouts/story.html:3", err)
	}
}

func TestDeletedContentDisappears(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	files := map[string]string{
		"content/stories/a.md": story("A", "2025-01-01", "gone-tag"),
		"content/stories/b.md": story("B", "2025-01-02", "kept"),
	}
	ctx := context.Background()
	if _, _, err := Build(ctx, Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow}, out, false); err != nil {
		t.Fatal(err)
	}
	if !hubtest.Exists(out, "stories/a/index.html") || !hubtest.Exists(out, "tags/gone-tag/index.html") {
		t.Fatal("first build is missing pages")
	}
	delete(files, "content/stories/a.md")
	if _, _, err := Build(ctx, Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow}, out, false); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"stories/a/index.html", "tags/gone-tag/index.html", "tags/gone-tag/feed.xml"} {
		if hubtest.Exists(out, gone) {
			t.Errorf("%s still exists after its content was deleted", gone)
		}
	}
	if !hubtest.Exists(out, "stories/b/index.html") {
		t.Error("stories/b is gone")
	}
}

func TestNoMarkupInjection(t *testing.T) {
	t.Parallel()
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
		got := hubtest.Read(t, out, f)
		hubtest.NotContains(t, f, got, "<script>alert", "<img src=x", "<b>bold", "<i>Eve", "<div onclick", "<iframe", `href="javascript:`, `href="data:`)
	}
	page := hubtest.Read(t, out, "stories/x/index.html")
	hubtest.Contains(t, "page", page, "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; co", "<!-- raw HTML omitted -->")
	// The JSON-LD block and the theme's own share script (an asset, from
	// the site's origin), nothing else.
	if !strings.Contains(page, `<script type="application/ld+json">`) || !strings.Contains(page, `<script src="/assets/share.`) || strings.Count(page, "<script") != 2 {
		t.Errorf("page has scripts other than the JSON-LD block and the share script:\n%s", page)
	}
	hubtest.Contains(t, "JSON-LD", page, `\u003cscript\u003e`)
}

func TestOutputFiles(t *testing.T) {
	t.Parallel()
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
		if !hubtest.Exists(out, f) {
			t.Errorf("missing %s", f)
		}
	}
	if hubtest.Exists(out, ".hidden") || hubtest.Exists(out, "draft-notes/index.html") {
		t.Error("dotfiles were published")
	}
	hubtest.Contains(t, "static", hubtest.Read(t, out, "img/logo.svg"), "<svg  xmlns") // copied as is
	hubtest.Contains(t, "sitemap", hubtest.Read(t, out, "sitemap.xml"), "<loc>https://hub.example.org/sub/stories/a/</loc>", "<lastmod>2025-01-01T00:00:00Z</lastmod>")
	hubtest.Contains(t, "robots", hubtest.Read(t, out, "robots.txt"), "Sitemap: https://hub.example.org/sub/sitemap.xml")
	hubtest.Contains(t, "feed", hubtest.Read(t, out, "feed.xml"), `<link rel="self" type="application/atom+xml" href="https://hub.example.org/sub/feed.xml">`,
		"<title>A</title>", `<category term="t" label="t">`)
	hubtest.NotContains(t, "feed", hubtest.Read(t, out, "feed.xml"), "<title>About</title>")
	css, _ := filepath.Glob(filepath.Join(out, "assets", "style.*.css"))
	if len(css) != 1 {
		t.Errorf("fingerprinted stylesheets = %v, want one", css)
	}
}

func TestMinifiedAndUnminified(t *testing.T) {
	t.Parallel()
	files := hubtest.MapFS(map[string]string{"content/stories/a.md": story("A", "2025-01-01", "t")})
	sizes := map[bool]int{}
	for _, minify := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		if _, _, err := Build(context.Background(), Options{Site: files, Theme: layouts.FS(), Now: testNow}, out, minify); err != nil {
			t.Fatal(err)
		}
		sizes[minify] = len(hubtest.Read(t, out, "stories/a/index.html"))
		page := hubtest.Read(t, out, "stories/a/index.html")
		if minify == strings.Contains(page, `href="/tags/t/"`) { // the minifier drops needless quotes
			t.Errorf("minify=%v: quotes in %s", minify, page)
		}
	}
	if sizes[true] >= sizes[false] {
		t.Errorf("minified page (%d bytes) is not smaller than unminified (%d)", sizes[true], sizes[false])
	}
}

package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"

	"github.com/ideas-hub/hub/generator/markdown"

	"github.com/ideas-hub/hub/generator/diag"

	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// The link check's list of what the site makes (targets) is the plan of
// outputs (outputs.go) by URL: every file a build writes is a target, and
// every target of a published page, list or file is written. A new kind
// of output fails this test until the link check knows it.
func TestLinkTargetsAreTheOutputs(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		ConfigFile:                       "title = \"T\"\npage_size = 1\n" + siteTypesTOML, // courses have calendars too
		"static/img/logo.png":            tinyPNG,
		"static/docs/index.html":         "<p>docs</p>",
		"content/about.md":               md("title: About\naliases: [/old-about/]", "About."),
		"content/stories/a.md":           md("title: A\ndate: 2025-01-01\ntags: [Wales, care]", "A."),
		"content/stories/b.md":           md("title: B\ndate: 2025-01-02\ntags: [wales]\naliases: [old/b, /old/b.html]", "B."),
		"content/stories/draft.md":       md("title: D\ndate: 2025-01-02\ndraft: true\naliases: [/old/d/]", "D."),
		"content/events/e.md":            md("title: E\nstart: 2027-01-01 10:00\nonline: true\ntags: [care]", "E."),
		"content/case-studies/c.md":      md("title: C\ndate: 2025-01-03", "C."),
		"content/report-reviews/r.md":    md("title: R\ndate: 2025-01-03\nreport_title: Rep\nreport_author: Someone", "R."),
		"content/stories/deep/nested.md": md("title: Nested\ndate: 2025-01-04", "Nested."),
		"content/courses/k.md":           md("title: K\nstart: 2027-02-01 10:00", "K."),
		"content/toolkits/t.md":          md("title: T\ndate: 2025-01-05\npublisher: P", "T."),
	}
	opts := Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow}
	l := newLoader(opts, false)
	s, err := l.load(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	published := map[string]bool{}
	for _, p := range s.Pages {
		published[p.Path] = true
	}
	targets := l.siteTargets(published)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := s.Render(context.Background(), out, false); err != nil {
		t.Fatal(err)
	}
	written := map[string]bool{}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		written[rel] = true
		if strings.HasPrefix(rel, "assets/") {
			return nil // the theme's fingerprinted files: no content links to them
		}
		u := "/" + strings.TrimSuffix(rel, "index.html")
		if _, found := targets.lookup(u); !found {
			t.Errorf("the build wrote %s, but a link to %s would be reported as broken", rel, u)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var passing []string // every URL the targets answer
	for u, x := range targets.urls {
		if (x.kind == targetPage || x.kind == targetAlias) && !published[x.file] {
			continue // a page left out: the check says why a link to it fails
		}
		passing = append(passing, u)
	}
	lists := func(base string, count int) {
		passing = append(passing, base+"page/1/")
		for n := 1; n <= count+1; n++ { // one past the last, which must not pass
			if _, found := targets.lookup(pageURL(base, n)); found {
				passing = append(passing, pageURL(base, n))
			}
		}
	}
	for dir, count := range targets.sections {
		lists("/"+dir+"/", count)
	}
	for name, terms := range targets.terms {
		for slug, count := range terms {
			base := "/" + name + "/" + slug + "/"
			lists(base, count)
			passing = append(passing, base+"feed.xml")
		}
	}
	for _, u := range passing {
		if _, found := targets.lookup(u); !found {
			t.Errorf("%s is listed, but a link to it would be reported as broken", u)
		}
		if !written[indexFile(u)] {
			t.Errorf("a link to %s passes the check, but the build wrote no %s", u, indexFile(u))
		}
	}
	if _, found := targets.lookup("/stories/draft/"); !found {
		t.Error("a draft's URL is not known: a link to it would not say it is a draft")
	}
}

// The preview checks links on every rebuild, the fast path's too: a
// heading renamed breaks a fragment in a page nobody edited, a page
// deleted breaks links to it, a static file added mends a link, and the
// same links are good again once the files are. Warnings come with the
// build that succeeds.
func TestPreviewChecksLinksOnEveryRebuild(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	a := md("title: A\ndate: 2025-01-01", "See [outcomes](/stories/b/#outcomes), [C](/stories/c/) and ![Logo](/img/logo.png).\n")
	b := md("title: B\ndate: 2025-01-02", "## Outcomes\n\nB.\n")
	c := md("title: C\ndate: 2025-01-03", "C.\n")
	m.set("content/stories/a.md", a)
	m.set("content/stories/b.md", b)
	m.set("content/stories/c.md", c)
	m.set("static/img/logo.png", tinyPNG)
	builder := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, filepath.Join(t.TempDir(), "public"), false)
	if _, err := builder.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	m.take()
	steps := []struct {
		name    string
		edit    func()
		want    string // a diagnostic the build fails with; "" for success
		warning string // a warning the successful build has
		patched bool   // the build took the fast path
	}{
		{"rename the heading", func() { m.set("content/stories/b.md", strings.Replace(b, "Outcomes", "Results", 1)) },
			`content/stories/a.md:5:5: link to /stories/b/#outcomes, but content/stories/b.md has no heading with the id "outcomes": its headings are #results`, "", false},
		{"rename it back", func() { m.set("content/stories/b.md", b) }, "", "", false},
		{"edit what the link does not name", func() { m.set("content/stories/b.md", b+"More.\n") }, "", "", true},
		{"delete a target", func() { m.remove("content/stories/c.md") },
			"content/stories/a.md:5:39: link to /stories/c/, but the site has no page or file with that URL", "", false},
		{"create it again", func() { m.set("content/stories/c.md", c) }, "", "", false},
		{"remove the image", func() { m.remove("static/img/logo.png") },
			"content/stories/a.md:5:60: image /img/logo.png: there is no file static/img/logo.png", "", false},
		{"add it again", func() { m.set("static/img/logo.png", tinyPNG) }, "", "", false},
		{"raw HTML", func() { m.set("content/stories/b.md", b+"\n<iframe src=\"x\"></iframe>\n") }, "",
			"content/stories/b.md:9:1: warning: raw HTML <iframe> is not published", true},
	}
	for _, step := range steps {
		step.edit()
		res, err := builder.Build(context.Background(), m.take())
		switch {
		case step.want != "":
			if err == nil || !strings.Contains(err.Error(), step.want) {
				t.Fatalf("%s: got %v, want %s", step.name, err, step.want)
			}
		case err != nil:
			t.Fatalf("%s: %v", step.name, err)
		case res.Patched != step.patched:
			t.Errorf("%s: patched %v, want %v", step.name, res.Patched, step.patched)
		case step.warning == "" && len(res.Site.Warnings) > 0:
			t.Errorf("%s: warnings %v", step.name, res.Site.Warnings)
		case step.warning != "" && !slices.ContainsFunc(res.Site.Warnings, func(d Diagnostic) bool { return strings.HasPrefix(d.Error(), step.warning) }):
			t.Errorf("%s: warnings %v, want %s", step.name, res.Site.Warnings, step.warning)
		}
	}
}

// FuzzBodyCheck renders arbitrary markdown as a page's body: the walk that
// notes links, headings and dropped HTML may not panic, and every
// diagnostic it makes is placed within the file.
func FuzzBodyCheck(f *testing.F) {
	for _, s := range []string{
		"[a](/x/) ![](/i.png) [b](#c) <abbr>x</abbr>\n",
		"<iframe src=x></iframe>\n\n<!-- c -->\n\n   <div>\n\tx\n</div>\n",
		"[](javascript:x) <javascript:y> ![](data:text/html,z) [e](<a b>)\n",
		"## H\n\n> ## H\n\n- [x](b.md#h)\n\n| <b>t</b> |\n|---|\n| [l](../c/) |\n",
		"[r]\n\n[r]: /ref/#x\n", "<", "![", "[x](</a>)", "<?php x ?>\n\n<!DOCTYPE html>\n",
	} {
		f.Add(s)
	}
	md := markdown.New(markdown.TaskLabels{})
	f.Fuzz(func(t *testing.T, body string) {
		p := &content.Page{Path: "content/stories/f.md", URL: "/stories/f/", Source: &content.Source{Body: []byte(body), BodyLine: 5}}
		dl := &diag.List{Path: p.Path}
		lr := &markdown.Resolver{Diags: dl, PageURL: p.URL, SiteURL: "https://hub.example.org/",
			Resolve: func(dest string) (string, string, string) { return "", "", "" }}
		renderBody(md, p, lr, true, nil)
		lines := 5 + strings.Count(body, "\n")
		for _, d := range dl.Items {
			if d.Line < 5 || d.Line > lines || d.Col < 1 || d.Msg == "" {
				t.Errorf("%s is not within the body (lines 5 to %d)", d.Error(), lines)
			}
		}
	})
}

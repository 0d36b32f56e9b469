package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// typesSite writes a site whose hub.toml declares two types of its own:
// toolkits, with a key of every kind, and courses, which have a start.
// Lists hold one page each, so each type's list has a second page.
func typesSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	hubtest.WriteFile(t, site, "hub.toml", `title = "Types"
now = "2026-01-01 09:00"
timezone = "Europe/London"
page_size = 1

[types.toolkit]
folder = "toolkits"
singular = "Toolkit"
plural = "Toolkits"
jsonld = "CreativeWork"
description = "Free guides and sets of tools."
required = ["date", "publisher"]
[types.toolkit.keys]
publisher = "text"
url = "url"
formats = "list"
published_year = "year"
free = "bool"
pages = "number"
reviewed = "date"
checked = "date"

[types.course]
folder = "courses"
singular = "Course"
plural = "Courses"
jsonld = "Event"
[types.course.keys]
start = "date"
end = "date"
location = "text"
`)
	hubtest.WriteFile(t, site, "content/toolkits/anchor-kit.md", `---
title: The anchor kit
date: 2025-03-01
publisher: Hartlepower
url: https://example.org/anchor-kit/
formats: [PDF, workbook]
published_year: 2024
free: true
pages: 42.5
reviewed: 2025-04-02 14:30
checked: 2025-05-06
tags: [co-production]
---
How anchor institutions spend locally.
`)
	hubtest.WriteFile(t, site, "content/toolkits/plain-kit.md", `---
title: The plain kit
date: 2025-06-01
publisher: Black Thrive
free: false
---
A kit with few details.
`)
	hubtest.WriteFile(t, site, "content/courses/spring-course.md", `---
title: Spring course
start: 2026-03-02 10:00
end: 2026-03-02 12:30
location: Community hall, Cardiff
---
A morning course.
`)
	hubtest.WriteFile(t, site, "content/courses/autumn-course.md", `---
title: Autumn course
start: 2025-10-01
location: Library
---
A day that has passed.
`)
	return site
}

func outFile(t *testing.T, out, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// A type hub.toml declares is published as the built-in ones are: its
// pages, its paginated list, the menu and footer, feed entries, search
// documents of its type, the build summary; its pages show its keys in
// the "at a glance" box, each as its kind reads; a type with a start gets
// calendars and lists what is coming first.
func TestSiteTypeBuilds(t *testing.T) {
	t.Parallel()
	site := typesSite(t)
	out, index := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "index")
	code, stdout, stderr := hub(t, "build", "--site", site, "--out", out, "--index", index, "--no-minify")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	hubtest.Contains(t, "the build summary", stdout, "built 4 pages (2 toolkits, 2 courses)")

	page := outFile(t, out, "toolkits/anchor-kit/index.html")
	hubtest.Contains(t, "a toolkit's page", page,
		`<span class="type type-toolkit">Toolkit</span>`,
		`<h2 id="facts-h">At a glance</h2>`,
		`<dt>Publisher</dt><dd>Hartlepower</dd>`,
		`<dt>URL</dt><dd><a href="https://example.org/anchor-kit/" rel="external">example.org/anchor-kit</a></dd>`,
		"<dt>Formats</dt><dd><ul>\n<li>PDF</li>\n<li>workbook</li>\n</ul></dd>",
		`<dt>Published year</dt><dd>2024</dd>`,
		`<dt>Free</dt><dd>Yes</dd>`,
		`<dt>Pages</dt><dd>42.5</dd>`,
		`<dt>Reviewed</dt><dd><time datetime="2025-04-02T14:30:00&#43;01:00">Wednesday 2 April 2025, 14:30</time></dd>`,
		`<dt>Checked</dt><dd><time datetime="2025-05-06">6 May 2025</time></dd>`,
		`<a href="/toolkits/">Toolkits</a>`, // breadcrumbs
		`{"@type":"CreativeWork",`,          // its JSON-LD kind
	)
	if i, j := strings.Index(page, "<dt>Publisher"), strings.Index(page, "<dt>Checked"); i < 0 || j < i {
		t.Error("the keys are not in the order the type declares them")
	}
	plain := outFile(t, out, "toolkits/plain-kit/index.html")
	hubtest.Contains(t, "a toolkit with few keys", plain, `<dt>Free</dt><dd>No</dd>`)
	if strings.Contains(plain, "<dt>URL</dt>") || strings.Contains(plain, "calendar") && strings.Contains(plain, "event.ics") {
		t.Error("a toolkit shows a key it does not give, or a calendar")
	}

	// Its list, newest first, one to a page; its description under the heading.
	first, second := outFile(t, out, "toolkits/index.html"), outFile(t, out, "toolkits/page/2/index.html")
	hubtest.Contains(t, "the toolkits' list", first, "<h1>Toolkits</h1>", "Free guides and sets of tools.", `href="/toolkits/plain-kit/"`, "2 toolkits, page 1 of 2")
	hubtest.Contains(t, "the toolkits' second page", second, `href="/toolkits/anchor-kit/"`)
	home := outFile(t, out, "index.html")
	hubtest.Contains(t, "the home page", home, `<li><a href="/toolkits/">Toolkits</a></li>`, `<li><a href="/courses/">Courses</a></li>`,
		`<a href="/courses/calendar.ics">Courses calendar (iCal)</a>`)
	hubtest.Contains(t, "the site feed", outFile(t, out, "feed.xml"), "/toolkits/anchor-kit/", "/courses/spring-course/")
	hubtest.Contains(t, "the sitemap", outFile(t, out, "sitemap.xml"), "/toolkits/page/2/", "/courses/autumn-course/")

	// Courses have a start: calendars, and what is coming first.
	cal := outFile(t, out, "courses/calendar.ics")
	hubtest.Contains(t, "the courses' calendar", cal, "X-WR-CALNAME:Types: courses", "SUMMARY:Spring course", "DTSTART:20260302T100000Z",
		"DTEND:20260302T123000Z", "LOCATION:Community hall\\, Cardiff", "SUMMARY:Autumn course")
	hubtest.Contains(t, "a course's calendar", outFile(t, out, "courses/spring-course/event.ics"), "SUMMARY:Spring course")
	hubtest.Contains(t, "a course's page", outFile(t, out, "courses/spring-course/index.html"), `href="/courses/spring-course/event.ics"`,
		`{"@type":"Event",`, `"startDate":"2026-03-02T10:00:00Z"`, `"location":{"@type":"Place","address":"Community hall, Cardiff"`)
	hubtest.Contains(t, "the courses' list", outFile(t, out, "courses/index.html"), `href="/courses/spring-course/"`, `href="/courses/calendar.ics"`)
	for _, rel := range []string{"toolkits/calendar.ics", "toolkits/anchor-kit/event.ics"} {
		if _, err := os.Stat(filepath.Join(out, rel)); err == nil {
			t.Errorf("%s: a type without a start has no calendar", rel)
		}
	}

	// Search: the type is a filter, and a toolkit is found by its keys' text.
	code, stdout, stderr = hub(t, "search", "--index", index, "--json", "--type", "toolkit", "hartlepower")
	var res struct {
		Total  int                          `json:"total"`
		Hits   []struct{ URL, Type string } `json:"hits"`
		Facets struct {
			Type []struct {
				Term  string `json:"term"`
				Count int    `json:"count"`
			} `json:"type"`
		} `json:"facets"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); code != 0 || err != nil {
		t.Fatalf("search: exit %d, %v\n%s%s", code, err, stdout, stderr)
	}
	if res.Total != 1 || res.Hits[0].URL != "/toolkits/anchor-kit/" || res.Hits[0].Type != "toolkit" {
		t.Errorf("search --type toolkit hartlepower: %+v", res)
	}
	if code, stdout, _ := hub(t, "search", "--index", index, "--json", "--type", "course", "course"); code != 0 || strings.Count(stdout, `"type":"course"`) != 2 {
		t.Errorf("search --type course: exit %d\n%s", code, stdout)
	}
}

// `hub new` scaffolds a page of a site's own type with a placeholder for
// each key it requires, which `hub check` asks the editor to fill in;
// filled in, the page checks clean.
func TestNewSiteTypeScaffold(t *testing.T) {
	t.Parallel()
	site := typesSite(t)
	code, stdout, stderr := hub(t, "new", "toolkit", "A Kit for Councils", "--site", site)
	if code != 0 || !strings.Contains(stdout, "created content/toolkits/a-kit-for-councils.md") {
		t.Fatalf("new toolkit: exit %d\n%s%s", code, stdout, stderr)
	}
	file := filepath.Join(site, "content/toolkits/a-kit-for-councils.md")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	today := time.Now().Format("2006-01-02")
	hubtest.Contains(t, "the scaffold", string(data), "title: \"A Kit for Councils\"\ndate: "+today+"\npublisher: \"TODO: the publisher\"\n",
		"# url: https://…\n", "# formats: [one, two]\n", "# published_year: "+today[:4]+"\n", "# free: true\n", "draft: true\n")
	code, _, stderr = hub(t, "check", "--site", site)
	if want := "content/toolkits/a-kit-for-councils.md:4:1: `publisher` still holds the placeholder \"TODO: the publisher\": replace it"; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("check after new: exit %d, want %q in\n%s", code, want, stderr)
	}
	filled := strings.Replace(string(data), `"TODO: the publisher"`, "Locality", 1)
	if err := os.WriteFile(file, []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := hub(t, "check", "--site", site); code != 0 {
		t.Errorf("check once filled in: exit %d\n%s%s", code, stdout, stderr)
	}

	// A type with a start is dated by it: hub new asks for it.
	if code, _, stderr := hub(t, "new", "course", "Winter course", "--site", site); code != 0 {
		t.Fatalf("new course: %s", stderr)
	}
	data, _ = os.ReadFile(filepath.Join(site, "content/courses/winter-course.md"))
	if got := string(data); !strings.Contains(got, "start: \"TODO: a date, e.g. ") || strings.Contains(got, "\ndate:") {
		t.Errorf("a course's scaffold:\n%s", got)
	}
	// The types a site has, its own after the built-in ones, plain pages last.
	want := "unknown type \"guide\": use one of case-study, report-review, event, story, toolkit, course, page"
	if code, _, stderr := hub(t, "new", "guide", "X", "--site", site); code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("new of a type nobody declared: exit %d, want %q in %s", code, want, stderr)
	}
	// The usage line lists them too.
	want = "TYPE is one of case-study, report-review, event, story, toolkit, course, page\n"
	if code, _, stderr := hub(t, "new", "toolkit", "--site", site); code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("new without a title: exit %d, want %q in %s", code, want, stderr)
	}
}

// The preview publishes a new file of a site's own type, lists it and
// indexes it; a type added to hub.toml while it runs is built and
// searchable too.
func TestPreviewPicksUpSiteTypes(t *testing.T) {
	t.Parallel()
	site := typesSite(t)
	s := serve(t, site)
	events := s.events(t)
	next(t, events, "hello")
	hubtest.WriteFile(t, site, "content/toolkits/new-kit.md", "---\ntitle: A new kit\ndate: 2025-12-01\npublisher: Changing Lives\nformats: [cards]\n---\nFresh.\n")
	next(t, events, "reload")
	code, _, body := s.get(t, "/toolkits/new-kit/")
	if code != 200 {
		t.Fatalf("the new toolkit: %d", code)
	}
	hubtest.Contains(t, "the new toolkit's page", body, "<dt>Publisher</dt><dd>Changing Lives</dd>")
	if _, _, list := s.get(t, "/toolkits/"); !strings.Contains(list, "/toolkits/new-kit/") {
		t.Error("the toolkits' list does not show the new toolkit")
	}
	waitForHit(t, s, "/api/search?q=changing&type=toolkit", "/toolkits/new-kit/")

	// A new type in hub.toml: its pages build and the index takes them.
	config, _ := os.ReadFile(filepath.Join(site, "hub.toml"))
	hubtest.WriteFile(t, site, "content/guides/first-guide.md", "---\ntitle: First guide\ndate: 2025-11-01\naudience: councillors\n---\nGuidance.\n")
	next(t, events, "reload") // a plain page until a type takes its folder
	hubtest.WriteFile(t, site, "hub.toml", string(config)+"\n[types.guide]\nfolder = \"guides\"\nsingular = \"Guide\"\nplural = \"Guides\"\n[types.guide.keys]\naudience = \"text\"\n")
	next(t, events, "reload")
	if code, _, body := s.get(t, "/guides/first-guide/"); code != 200 || !strings.Contains(body, "<dt>Audience</dt><dd>councillors</dd>") {
		t.Errorf("the guide after hub.toml declared its type: %d\n%s", code, body)
	}
	waitForHit(t, s, "/api/search?q=councillors&type=guide", "/guides/first-guide/")
}

// waitForHit asks the search endpoint until a hit is url: the preview
// indexes once edits pause.
func waitForHit(t *testing.T, s *served, query, url string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		_, _, body := s.get(t, query)
		var res struct{ Hits []struct{ URL string } }
		if json.Unmarshal([]byte(body), &res) == nil && slices.ContainsFunc(res.Hits, func(h struct{ URL string }) bool { return h.URL == url }) {
			return
		}
		if time.Now().After(deadline) { // a bound on a hung test, not a speed check
			t.Fatalf("%s never found %s: %s", query, url, body)
		}
	}
}

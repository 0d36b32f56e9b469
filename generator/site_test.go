package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/internal/hubtest"

	"fmt"
	"strings"
	"testing"
	"time"
)

func story(title, date string, tags ...string) string {
	return md(fmt.Sprintf("title: %q\ndate: %s\ntags: [%s]", title, date, strings.Join(tags, ", ")), "About "+title+".\n")
}

func TestTagsMergeSpellingsAndTakeTheMostUsedName(t *testing.T) {
	t.Parallel()
	out, s := build(t, map[string]string{
		"content/stories/a.md":      story("A", "2025-01-01", "Co-production", "Wales"),
		"content/stories/b.md":      story("B", "2025-01-02", "co-production"),
		"content/case-studies/c.md": md("title: C\ndate: 2025-01-03\ntags: [' co-production ', 'Co-Production', timebanking]", "C."),
		"content/stories/d.md":      story("D", "2025-01-04", "\"co-production\"", "wales"),
	})
	if len(s.Tags) != 3 {
		t.Fatalf("tags = %d, want 3 (co-production, timebanking, wales)", len(s.Tags))
	}
	tag := s.Tags[0]
	if tag.Slug != "co-production" || tag.Name != "co-production" || tag.Count() != 4 {
		t.Errorf("tag = %s %q %d pages, want co-production, display co-production, 4 pages", tag.Slug, tag.Name, tag.Count())
	}
	if s.Tags[2].Name != "Wales" { // one "Wales", one "wales": the tie goes to the spelling that sorts first
		t.Errorf("tie-break name = %q, want Wales", s.Tags[2].Name)
	}
	page := hubtest.Read(t, out, "tags/co-production/index.html")
	hubtest.Contains(t, "tag page", page, `href="/stories/a/"`, `href="/stories/b/"`, `href="/case-studies/c/"`, `href="/stories/d/"`)
	tags := hubtest.Read(t, out, "tags/index.html")
	hubtest.Contains(t, "tags index", tags, `<a href="/tags/co-production/">`)
	hubtest.Contains(t, "tags index", hubtest.Text(tags), "co-production, 4 pages")
	c := hubtest.Read(t, out, "case-studies/c/index.html")
	hubtest.Contains(t, "page C", c, `<a href="/tags/co-production/" rel="tag">co-production</a>`)
	hubtest.Contains(t, "page C", hubtest.Text(c), "Tags co-production timebanking")
	for _, f := range []string{"tags/co-production/feed.xml", "tags/wales/feed.xml", "tags/timebanking/feed.xml"} {
		if !hubtest.Exists(out, f) {
			t.Errorf("no tag feed %s", f)
		}
	}
}

func TestPaginationEdges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		items     int
		wantPages int
	}{{0, 1}, {1, 1}, {10, 1}, {11, 2}, {25, 3}}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.items), func(t *testing.T) {
			files := map[string]string{"content/about.md": md("title: About", "Hi.")}
			for i := range tt.items {
				files[fmt.Sprintf("content/stories/s%02d.md", i)] = story(fmt.Sprintf("S%02d", i), fmt.Sprintf("2025-01-%02d", i+1), "t")
			}
			out, _ := build(t, files)
			first := hubtest.Read(t, out, "stories/index.html")
			if tt.wantPages > 1 {
				hubtest.Contains(t, "first page", hubtest.Text(first), fmt.Sprintf("%d stories, page 1 of %d.", tt.items, tt.wantPages), "Next page")
				hubtest.Contains(t, "first page", first, `<a href="/stories/page/2/" rel="next">`)
			} else {
				hubtest.NotContains(t, "a list of one page", hubtest.Text(first), "page 1 of", "Next page")
			}
			for n := 2; n <= tt.wantPages; n++ {
				p := hubtest.Read(t, out, fmt.Sprintf("stories/page/%d/index.html", n))
				hubtest.Contains(t, "page", hubtest.Text(p), fmt.Sprintf("%d stories, page %d of %d.", tt.items, n, tt.wantPages), "Previous page")
				hubtest.Contains(t, "page", p, fmt.Sprintf(`<a href="%s" rel="prev">`, pageURL("/stories/", n-1)))
			}
			if hubtest.Exists(out, fmt.Sprintf("stories/page/%d/index.html", tt.wantPages+1)) {
				t.Errorf("page %d exists past the end", tt.wantPages+1)
			}
			if cards := strings.Count(first, `class="card-title"`); cards != min(tt.items, 10) {
				t.Errorf("first page lists %d items, want %d", cards, min(tt.items, 10))
			}
			if tt.items == 0 {
				hubtest.Contains(t, "empty list", hubtest.Text(first), "Nothing has been published here yet.")
			}
			hubtest.Contains(t, "page 1 alias", hubtest.Read(t, out, "stories/page/1/index.html"), `url=http://localhost:1313/stories/"`, `This page has moved to <a href="http://localhost:1313/stories/">`)
		})
	}
}

func TestPagerLinksSkipWithGaps(t *testing.T) {
	t.Parallel()
	links := pagerLinks(10, 20, func(n int) string { return pageURL("/x/", n) })
	var got []string
	for _, l := range links {
		s := fmt.Sprint(l.Number)
		if l.GapBefore {
			s = "…" + s
		}
		if l.Current {
			s += "*"
		}
		got = append(got, s)
	}
	if want := "1 …8 9 10* 11 12 …20"; strings.Join(got, " ") != want {
		t.Errorf("links = %s, want %s", strings.Join(got, " "), want)
	}
}

func event(title, start, end string) string {
	front := fmt.Sprintf("title: %q\nstart: %s\nlocation: Town hall", title, start)
	if end != "" {
		front += "\nend: " + end
	}
	return md(front, "An event.")
}

func TestEventsListUpcomingFirstThenPast(t *testing.T) {
	t.Parallel()
	// testNow is 2026-11-22 12:00 UTC.
	out, s := build(t, map[string]string{
		"hub.toml":                   `timezone = "Europe/London"`,
		"content/events/past-old.md": event("Past old", "2025-01-10 10:00", ""),
		"content/events/past-new.md": event("Past new", "2026-11-22 09:00", "2026-11-22 11:59"),
		"content/events/ongoing.md":  event("Ongoing", "2026-11-22 10:00", "2026-11-22 14:00"),
		"content/events/later.md":    event("Later", "2027-06-01 10:00", ""),
		"content/events/soon.md":     event("Soon", "2026-11-23", ""),
		"content/events/today.md":    event("Today all day", "2026-11-22", ""),
	})
	hubtest.InOrder(t, "events list", hubtest.ReadText(t, out, "events/index.html"),
		"Upcoming events", "Today all day", "Ongoing", "Soon", "Later", "Past events", "Past new", "Past old")
	var upcoming []string
	for _, p := range s.Pages {
		if p.IsUpcoming(s.Now) {
			upcoming = append(upcoming, p.Title)
		}
	}
	if len(upcoming) != 4 {
		t.Errorf("upcoming = %v, want 4", upcoming)
	}
	home := hubtest.ReadText(t, out, "index.html")
	hubtest.InOrder(t, "home", home, "Upcoming events", "Today all day", "Ongoing", "Soon", "Later")
	hubtest.NotContains(t, "home", home, "Past new", "Past old")
}

func TestEventTimesAcrossDaylightSaving(t *testing.T) {
	t.Parallel()
	out, _ := build(t, map[string]string{
		"hub.toml": `timezone = "Europe/London"`,
		// The UK's clocks go forward on 28 March 2027 and back on 31 October.
		"content/events/before.md":  event("Before", "2027-03-27 18:30", "2027-03-27 20:00"),
		"content/events/after.md":   event("After", "2027-03-29 18:30", "2027-03-29 20:00"),
		"content/events/autumn.md":  event("Autumn", "2027-10-31 14:00", ""),
		"content/events/zoned.md":   md("title: Zoned\nstart: 2027-03-29T09:00:00-04:00\nonline: true", "x"),
		"content/events/newyork.md": md("title: New York\nstart: 2027-03-29 09:00\ntimezone: America/New_York\nonline: true", "x"),
		"content/events/allday.md":  event("All day", "2027-03-28", "2027-03-29"),
	})
	tests := []struct{ file, ics, when string }{
		{"before", "DTSTART:20270327T183000Z\r\nDTEND:20270327T200000Z", "Saturday 27 March 2027, 18:30–20:00 GMT"},
		{"after", "DTSTART:20270329T173000Z\r\nDTEND:20270329T190000Z", "Monday 29 March 2027, 18:30–20:00 BST"},
		{"autumn", "DTSTART:20271031T140000Z", "Sunday 31 October 2027, 14:00 GMT"},
		{"zoned", "DTSTART:20270329T130000Z", "Monday 29 March 2027, 14:00 BST"},
		{"newyork", "DTSTART:20270329T130000Z", "Monday 29 March 2027, 14:00 BST"},
		{"allday", "DTSTART;VALUE=DATE:20270328\r\nDTEND;VALUE=DATE:20270330", "Sunday 28 March 2027 to Monday 29 March 2027"},
	}
	calendar := hubtest.Read(t, out, "events/calendar.ics")
	for _, tt := range tests {
		ics := hubtest.Read(t, out, "events/"+tt.file+"/event.ics")
		hubtest.Contains(t, tt.file+".ics", ics, tt.ics, "BEGIN:VCALENDAR", "UID:"+tt.file+"@")
		hubtest.Contains(t, "calendar.ics", calendar, tt.ics)
		hubtest.Contains(t, tt.file+" page", hubtest.ReadText(t, out, "events/"+tt.file+"/index.html"), "Event details When "+tt.when+" Where")
	}
}

func TestDraftsAndFuturePages(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"content/stories/now.md":    story("Now", "2026-11-01"),
		"content/stories/draft.md":  md("title: Draft\ndate: 2026-01-01\ndraft: true", "x"),
		"content/stories/future.md": story("Future", "2027-01-01"),
		"content/events/future.md":  event("Future event", "2027-01-01 10:00", ""),
	}
	for _, tt := range []struct {
		drafts, future bool
		want           []string
	}{
		{false, false, []string{"stories/now", "events/future"}},
		{true, false, []string{"stories/now", "events/future", "stories/draft"}},
		{false, true, []string{"stories/now", "events/future", "stories/future"}},
		{true, true, []string{"stories/now", "events/future", "stories/draft", "stories/future"}},
	} {
		out, s := build(t, files, func(o *Options) { o.Drafts, o.Future = tt.drafts, tt.future })
		if len(s.Pages) != len(tt.want) {
			t.Errorf("drafts=%v future=%v: %d pages, want %d", tt.drafts, tt.future, len(s.Pages), len(tt.want))
		}
		for _, w := range tt.want {
			if !hubtest.Exists(out, w+"/index.html") {
				t.Errorf("drafts=%v future=%v: %s missing", tt.drafts, tt.future, w)
			}
		}
	}
}

func TestLinksBetweenContentFiles(t *testing.T) {
	t.Parallel()
	out, _ := build(t, map[string]string{
		"content/stories/s.md": md("title: S\ndate: 2025-01-01", `See [the bus](../case-studies/bus.md), [its outcomes](/case-studies/bus.md#outcomes),
[about](../about.md), [a site](https://example.org/x.md) and [a file](notes.txt).`),
		"content/case-studies/bus.md": md("title: Bus\ndate: 2025-01-01\nslug: night-bus", "## Outcomes\n\nGood."),
		"content/about.md":            md("title: About", "Hi."),
		"static/stories/s/notes.txt":  "Where the relative link leads.",
	})
	hubtest.Contains(t, "story", hubtest.Read(t, out, "stories/s/index.html"),
		`<a href="/case-studies/night-bus/">the bus</a>`,
		`<a href="/case-studies/night-bus/#outcomes">its outcomes</a>`,
		`<a href="/about/">about</a>`,
		`<a href="https://example.org/x.md">a site</a>`,
		`<a href="notes.txt">a file</a>`)
	hubtest.Contains(t, "case study", hubtest.Read(t, out, "case-studies/night-bus/index.html"), `<h2 id="outcomes">Outcomes</h2>`)
}

func TestLinkToDraftFromPublishedPageIsAnError(t *testing.T) {
	t.Parallel()
	ds := buildErr(t, map[string]string{
		"content/stories/s.md": md("title: S\ndate: 2025-01-01", "See [it](d.md)."),
		"content/stories/d.md": md("title: D\ndate: 2025-01-01\ndraft: true", "x"),
	})
	hubtest.Contains(t, "errors", ds.Error(), "content/stories/s.md:5:5: link to d.md, which is a draft (`draft: true`)")
}

func TestAliasesRedirect(t *testing.T) {
	t.Parallel()
	out, _ := build(t, map[string]string{
		"content/stories/s.md": md("title: S\ndate: 2025-01-01\naliases: [/old/story/, old-stories/s.html]", "x"),
	})
	for _, f := range []string{"old/story/index.html", "old-stories/s.html"} {
		hubtest.Contains(t, f, hubtest.Read(t, out, f), `content="0; url=http://localhost:1313/stories/s/"`, `rel="canonical" href="http://localhost:1313/stories/s/"`)
		hubtest.Contains(t, f, hubtest.ReadText(t, out, f), "This page has moved to S.")
	}
	ds := buildErr(t, map[string]string{
		"content/stories/s.md": md("title: S\ndate: 2025-01-01\naliases: [/stories/t/]", "x"),
		"content/stories/t.md": md("title: T\ndate: 2025-01-01", "x"),
	})
	hubtest.Contains(t, "errors", ds.Error(), "both resolve to the URL /stories/t/")
}

func TestFrontMatterFormatsAgree(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"content/stories/yaml.md": "---\ntitle: Same\ndate: 2025-03-01 10:00\ntags: [a, b]\n---\nBody.\n",
		"content/stories/toml.md": "+++\ntitle = \"Same\"\ndate = 2025-03-01T10:00:00\ntags = [\"a\", \"b\"]\n+++\nBody.\n",
		"content/stories/json.md": "{\n\"title\": \"Same\",\n\"date\": \"2025-03-01 10:00\",\n\"tags\": [\"a\", \"b\"]\n}\n\nBody.\n",
	}
	_, s := build(t, files, func(o *Options) {})
	want := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	for _, p := range s.Pages {
		if p.Title != "Same" || !p.Date.Equal(want) || len(p.Tags) != 2 || string(p.Content()) != "<p>Body.</p>\n" {
			t.Errorf("%s: title %q date %v tags %d content %q", p.Path, p.Title, p.Date, len(p.Tags), p.Content())
		}
	}
}

func TestSummaries(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("word ", 80)
	_, s := build(t, map[string]string{
		"content/stories/given.md": md("title: G\ndate: 2025-01-01\nsummary: Given summary.", "First paragraph."),
		"content/stories/first.md": md("title: F\ndate: 2025-01-02", "# Heading\n\nThe *first* [paragraph](https://x.org).\n\nSecond."),
		"content/stories/long.md":  md("title: L\ndate: 2025-01-03", long),
	})
	got := map[string]string{}
	for _, p := range s.Pages {
		got[p.Slug] = p.Summary
	}
	if got["given"] != "Given summary." || got["first"] != "The first paragraph." {
		t.Errorf("summaries = %q", got)
	}
	if l := got["long"]; len(l) > 205 || len(l) < 150 || !strings.HasSuffix(l, "word…") {
		t.Errorf("long summary = %q (%d bytes), want cut at a word near 200 with an ellipsis", l, len(l))
	}
}

func TestRelatedPagesBySharedTagsThenTypeThenRecency(t *testing.T) {
	t.Parallel()
	_, s := build(t, map[string]string{
		"content/stories/me.md":       story("Me", "2025-01-01", "a", "b", "c"),
		"content/stories/two.md":      story("Two shared", "2024-01-01", "a", "b"),
		"content/case-studies/one.md": story("One shared, case study, newest", "2025-06-01", "a"),
		"content/stories/one-old.md":  story("One shared, story, old", "2023-01-01", "c"),
		"content/stories/one-new.md":  story("One shared, story, new", "2024-06-01", "b"),
		"content/stories/three.md":    story("Three shared", "2020-01-01", "a", "b", "c"),
		"content/stories/none.md":     story("No tags in common", "2025-01-02", "z"),
		"content/stories/extra.md":    story("Sixth candidate", "2019-01-01", "c"),
	})
	var me *content.Page
	for _, p := range s.Pages {
		if p.Slug == "me" {
			me = p
		}
	}
	var got []string
	for _, r := range me.Related {
		got = append(got, r.Title)
	}
	want := []string{"Three shared", "Two shared", "One shared, story, new", "One shared, story, old", "Sixth candidate"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("related =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

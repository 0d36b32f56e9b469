package generator

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ideas-hub/hub/layouts"
)

func realTheme(o *Options) { o.Theme = layouts.FS() }

// A site's layouts/i18n/en.toml changes single messages of the theme's,
// in what the layouts write with T and in what hub writes itself: the
// breadcrumbs, the task-list boxes in a body, the dates.
func TestSiteOverridesMessages(t *testing.T) {
	out, _ := build(t, map[string]string{
		"layouts/i18n/en.toml": `
[events]
upcoming = "Coming up"
[nav]
home = "Start"
[task]
not_done = "To do"
[tag.count]
one = "{count} piece on the hub"
other = "{count} pieces on the hub"
[date]
long = "{month} {day}, {year}"
`,
		"content/stories/a.md": md("title: A\ndate: 2025-02-04\ntags: [Wales]", "- [ ] Winter timetable\n- [x] Drivers trained\n"),
		"content/events/e.md":  md("title: E\nstart: 2027-01-01 10:00\nonline: true", "E."),
	}, realTheme)
	mustContain(t, "home page", read(t, out, "index.html"), `<h2 id="upcoming-h">Coming up</h2>`)
	mustContain(t, "events list", read(t, out, "events/index.html"), `<h2 id="upcoming-h">Coming up</h2>`)
	story := read(t, out, "stories/a/index.html")
	mustContain(t, "story", story,
		`<li><a href="/">Start</a></li>`, // breadcrumbs, from Go
		`"name":"Start"`,                 // and their JSON-LD
		`<input type="checkbox" disabled aria-label="To do">`,
		`<input type="checkbox" checked disabled aria-label="Done">`, // the theme's, not overridden
		`February 4, 2025</time>`)
	mustNotContain(t, "story", story, "4 February 2025", "Not done")
	mustContain(t, "tag page", read(t, out, "tags/wales/index.html"), "1 piece on the hub")
	mustContain(t, "tags index", read(t, out, "tags/index.html"), "1 tag in all.") // the theme's
}

// A layout naming a message that no file has fails the build at the call,
// even in a branch no page takes, and so does a call that leaves a place
// of its message empty; a key made as the page renders fails it there.
func TestMissingMessageIsAnError(t *testing.T) {
	files := map[string]string{
		"layouts/partials/promo.html": "<aside>\n{{if false}}{{T \"promo.heading\"}}{{end}}</aside>",
		"layouts/taxonomy.html":       `{{define "main"}}{{T "tag.count" "number" 3}}{{template "partials/promo.html"}}{{end}}`,
		"content/stories/a.md":        md("title: A\ndate: 2025-02-04", "A."),
	}
	_, _, err := Build(context.Background(), Options{Site: site(files), Theme: layouts.FS(), Now: testNow}, filepath.Join(t.TempDir(), "public"), false)
	var ds Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("error %v, want Diagnostics", err)
	}
	mustContain(t, "errors", ds.Error(),
		`layouts/partials/promo.html:2:14: no message "promo.heading" in layouts/i18n/en.toml (default theme)`,
		`layouts/taxonomy.html:1:19: message "tag.count" in layouts/i18n/en.toml (default theme) has {count}, which is not given (only number)`)

	files = map[string]string{
		"layouts/taxonomy.html": `{{define "main"}}{{T (printf "tags.%s" "nope")}}{{end}}`,
		"content/stories/a.md":  md("title: A\ndate: 2025-02-04", "A."),
	}
	_, _, err = Build(context.Background(), Options{Site: site(files), Theme: layouts.FS(), Now: testNow}, filepath.Join(t.TempDir(), "public"), false)
	if err == nil || !strings.Contains(err.Error(), "taxonomy.html:1:") || !strings.Contains(err.Error(), `no message "tags.nope"`) {
		t.Fatalf("a key made at render: %v", err)
	}
}

// A site whose language has a file of its own is written in it, with no
// code: here Welsh, a copy of the theme's English with a few changes.
func TestSiteInAnotherLanguage(t *testing.T) {
	en, err := fs.ReadFile(layouts.FS(), "i18n/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	cy := strings.NewReplacer(
		`upcoming = "Upcoming events"`, `upcoming = "Digwyddiadau i ddod"`,
		`"January", "February"`, `"Ionawr", "Chwefror"`,
		`home = "Home"`, `home = "Hafan"`,
	).Replace(string(en))
	out, _ := build(t, map[string]string{
		"hub.toml":             "language = \"cy\"\n",
		"layouts/i18n/cy.toml": cy,
		"content/stories/a.md": md("title: A\ndate: 2025-02-04", "A."),
	}, realTheme)
	mustContain(t, "home page", read(t, out, "index.html"), `<html lang="cy">`, "Digwyddiadau i ddod", "4 Chwefror 2025")
	mustContain(t, "story", read(t, out, "stories/a/index.html"), `<li><a href="/">Hafan</a></li>`)
	mustContain(t, "search page", read(t, out, "search/index.html"), `"months":["Ionawr","Chwefror","March"`)
}

// Editing a message file in the preview rebuilds what shows its messages,
// the task lists in bodies too: the output is the full build's.
func TestMessageEditEqualsFull(t *testing.T) {
	m := &mutableSite{fs: fstest.MapFS{}}
	m.set("content/stories/a.md", md("title: A\ndate: 2025-02-04", "- [ ] Winter timetable\n"))
	m.set("content/stories/b.md", md("title: B\ndate: 2025-02-05", "B."))
	m.take()
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: fixtureTheme(), Now: testNow}, out, false)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	m.set("layouts/i18n/en.toml", "[task]\nnot_done = \"To do\"\n[title]\ndocument = \"{title} | {site}\"\n")
	if _, err := b.Build(context.Background(), m.take()); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "story", read(t, out, "stories/a/index.html"), `aria-label="To do"`, "<title>A | ")
	full, err := fullBuild(t, m.fs, false)
	if err != nil {
		t.Fatal(err)
	}
	sameTrees(t, "a message edit", out, full)
}

package generator

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

// A site's layouts/i18n/en.toml changes single messages of the theme's,
// in what the layouts write with T and in what hub writes itself: the
// breadcrumbs, the task-list boxes in a body, the dates.
func TestSiteOverridesMessages(t *testing.T) {
	t.Parallel()
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
	})
	hubtest.Contains(t, "home page", hubtest.Read(t, out, "index.html"), `<h2 id="upcoming-h">Coming up</h2>`)
	hubtest.Contains(t, "events list", hubtest.Read(t, out, "events/index.html"), `<h2 id="upcoming-h">Coming up</h2>`)
	story := hubtest.Read(t, out, "stories/a/index.html")
	hubtest.Contains(t, "story", story,
		`<li><a href="/">Start</a></li>`, // breadcrumbs, from Go
		`"name":"Start"`,                 // and their JSON-LD
		`<input type="checkbox" disabled aria-label="To do">`,
		`<input type="checkbox" checked disabled aria-label="Done">`, // the theme's, not overridden
		`February 4, 2025</time>`)
	hubtest.NotContains(t, "story", story, "4 February 2025", "Not done")
	hubtest.Contains(t, "tag page", hubtest.Read(t, out, "tags/wales/index.html"), "1 piece on the hub")
	hubtest.Contains(t, "tags index", hubtest.Read(t, out, "tags/index.html"), "1 tag in all.") // the theme's
}

// A layout naming a message that no file has fails the build at the call,
// even in a branch no page takes, and so does a call that leaves a place
// of its message empty; a key made as the page renders fails it there.
func TestMissingMessageIsAnError(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"layouts/partials/promo.html": "<aside>\n{{if false}}{{T \"promo.heading\"}}{{end}}</aside>",
		"layouts/taxonomy.html":       `{{define "main"}}{{T "tag.count" "number" 3}}{{template "partials/promo.html"}}{{end}}`,
		"content/stories/a.md":        md("title: A\ndate: 2025-02-04", "A."),
	}
	_, _, err := Build(context.Background(), Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow}, filepath.Join(t.TempDir(), "public"), false)
	var ds Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("error %v, want Diagnostics", err)
	}
	hubtest.Contains(t, "errors", ds.Error(),
		`layouts/partials/promo.html:2:14: no message "promo.heading" in layouts/i18n/en.toml (default theme)`,
		`layouts/taxonomy.html:1:19: message "tag.count" in layouts/i18n/en.toml (default theme) has {count}, which is not given (only number)`)

	files = map[string]string{
		"layouts/taxonomy.html": `{{define "main"}}{{T (printf "tags.%s" "nope")}}{{end}}`,
		"content/stories/a.md":  md("title: A\ndate: 2025-02-04", "A."),
	}
	_, _, err = Build(context.Background(), Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow}, filepath.Join(t.TempDir(), "public"), false)
	if err == nil || !strings.Contains(err.Error(), "taxonomy.html:1:") || !strings.Contains(err.Error(), `no message "tags.nope"`) {
		t.Fatalf("a key made at render: %v", err)
	}
}

// A site whose language has a file of its own is written in it, with no
// code: here Welsh, a copy of the theme's English with a few changes.
func TestSiteInAnotherLanguage(t *testing.T) {
	t.Parallel()
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
	})
	hubtest.Contains(t, "home page", hubtest.Read(t, out, "index.html"), `<html lang="cy">`, "Digwyddiadau i ddod", "4 Chwefror 2025")
	hubtest.Contains(t, "story", hubtest.Read(t, out, "stories/a/index.html"), `<li><a href="/">Hafan</a></li>`)
	hubtest.Contains(t, "search page", hubtest.Read(t, out, "search/index.html"), `"months":["Ionawr","Chwefror","March"`)
}

// Editing a message file in the preview rebuilds what shows its messages,
// the task lists in bodies too: the output is the full build's.
func TestMessageEditEqualsFull(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	m.set("content/stories/a.md", md("title: A\ndate: 2025-02-04", "- [ ] Winter timetable\n"))
	m.set("content/stories/b.md", md("title: B\ndate: 2025-02-05", "B."))
	m.take()
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, out, false)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	m.set("layouts/i18n/en.toml", "[task]\nnot_done = \"To do\"\n[title]\ndocument = \"{title} | {site}\"\n")
	if _, err := b.Build(context.Background(), m.take()); err != nil {
		t.Fatal(err)
	}
	hubtest.Contains(t, "story", hubtest.Read(t, out, "stories/a/index.html"), `aria-label="To do"`, "<title>A | ")
	full, err := fullBuild(t, m.fs, false)
	if err != nil {
		t.Fatal(err)
	}
	hubtest.SameTrees(t, "a message edit", out, full)
}

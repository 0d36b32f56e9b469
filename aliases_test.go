package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// An alias that would replace a URL the site makes itself is an error at
// the alias's line, every one in one run, from check and build alike, and
// the build writes nothing. Before, `/` and `/stories/` failed the build
// with "two outputs at index.html" and no place, and `/feed.xml` passed
// check, then failed build over an internal folder.
func TestAliasesCollidingWithTheSite(t *testing.T) {
	t.Parallel()
	clashes := []struct{ alias, what string }{
		{"/", "the home page /"},
		{"/404.html", "the page for missing pages /404.html"},
		{"/stories/", "the list /stories/"},
		{"/stories/page/1/", "the list /stories/page/1/"},
		{"/events/", "the list /events/"},
		{"/tags/", "the list of tags /tags/"},
		{"/tags/foo/", "the tag page /tags/foo/"},
		{"/tags/foo/feed.xml", "the Atom feed /tags/foo/feed.xml"},
		{"/feed.xml", "the Atom feed /feed.xml"},
		{"/sitemap.xml", "/sitemap.xml"},
		{"/robots.txt", "/robots.txt"},
		{"/events/calendar.ics", "the calendar /events/calendar.ics"},
		{"/events/meet/event.ics", "the calendar /events/meet/event.ics"},
		{"/search/", "the search page /search/"},
		{"/humans.txt", "the file static/humans.txt"},
		// The other taxonomies' indexes, term pages and feeds.
		{"/authors/", "the page /authors/"},
		{"/authors/jo-bloggs/", "the page /authors/jo-bloggs/"},
		{"/regions/wales/feed.xml", "the Atom feed /regions/wales/feed.xml"},
	}
	site := hubtest.WriteSite(t, map[string]string{
		"hub.toml":               "title = \"Aliases\"\nnow = \"2026-01-01 09:00\"\n",
		"static/humans.txt":      "people\n",
		"content/events/meet.md": "---\ntitle: Meet\nstart: 2026-02-01 10:00\nonline: true\n---\n",
	})
	fm := "---\ntitle: A\ndate: 2024-01-01\ntags: [foo]\nauthors: [Jo Bloggs]\nregion: Wales\naliases:\n  - /old/a/\n"
	for _, c := range clashes {
		fm += "  - " + c.alias + "\n"
	}
	hubtest.WriteFile(t, site, "content/stories/a.md", fm+"---\nA story.\n")
	out := filepath.Join(t.TempDir(), "public")
	codes, stderrs := checkAndBuild(t, site, out)
	for i, cmd := range []string{"check", "build"} {
		if codes[i] != 1 {
			t.Errorf("hub %s: exit %d, want 1:\n%s", cmd, codes[i], stderrs[i])
		}
		for n, c := range clashes {
			want := fmt.Sprintf("content/stories/a.md:%d:5: alias %s would replace %s, which the site makes itself", 9+n, c.alias, c.what)
			if !strings.Contains(stderrs[i], want) {
				t.Errorf("hub %s: stderr does not have %q:\n%s", cmd, want, stderrs[i])
			}
		}
		if strings.Contains(stderrs[i], "hub: ") || strings.Contains(stderrs[i], "/old/a/") {
			t.Errorf("hub %s: an error without a place, or about the alias that is fine:\n%s", cmd, stderrs[i])
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("hub build wrote %s", out)
	}
	if stderrs[0] != stderrs[1] {
		t.Errorf("check and build disagree:\n%s\n---\n%s", stderrs[0], stderrs[1])
	}
}

// An alias that is another page's URL, or another page's alias, is an
// error at the alias, not at the other page; aliases that clash with
// nothing redirect, TOML and inline lists too.
func TestAliasesCollidingWithPages(t *testing.T) {
	t.Parallel()
	site := hubtest.WriteSite(t, map[string]string{
		"content/stories/a.md": "+++\ntitle = \"A\"\ndate = 2024-01-01\naliases = [\"/old/a/\", \"/stories/b/\"]\n+++\nA.\n",
		"content/stories/b.md": "---\ntitle: B\ndate: 2024-01-02\n---\nB.\n",
		"content/stories/c.md": "---\ntitle: C\ndate: 2024-01-03\naliases: [/stories/page/9/, /old/a/]\n---\nC.\n",
	})
	codes, stderrs := checkAndBuild(t, site, filepath.Join(t.TempDir(), "public"))
	for i, cmd := range []string{"check", "build"} {
		for _, want := range []string{
			"content/stories/a.md:4:24: alias /stories/b/ and content/stories/b.md both resolve to the URL /stories/b/: remove the alias",
			"content/stories/c.md:4:29: alias /old/a/ is an alias of content/stories/a.md too",
		} {
			if codes[i] != 1 || !strings.Contains(stderrs[i], want) {
				t.Errorf("hub %s: exit %d, want 1 and %q:\n%s", cmd, codes[i], want, stderrs[i])
			}
		}
	}
	hubtest.WriteFile(t, site, "content/stories/a.md", "+++\ntitle = \"A\"\ndate = 2024-01-01\naliases = [\"/old/a/\"]\n+++\nA.\n")
	hubtest.WriteFile(t, site, "content/stories/c.md", "---\ntitle: C\ndate: 2024-01-03\naliases: [/stories/page/9/, /old/c.html]\n---\nC.\n")
	out := filepath.Join(t.TempDir(), "public")
	codes, stderrs = checkAndBuild(t, site, out)
	if codes != [2]int{0, 0} {
		t.Fatalf("exit %v:\n%s\n%s", codes, stderrs[0], stderrs[1])
	}
	for file, target := range map[string]string{"old/a/index.html": "/stories/a/", "stories/page/9/index.html": "/stories/c/", "old/c.html": "/stories/c/"} {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
		if err != nil || !strings.Contains(string(data), "; url=http://localhost:1313"+target+`">`) {
			t.Errorf("%s does not redirect to %s: %v\n%s", file, target, err, data)
		}
	}
}

// A file in static/ at a URL the site makes itself is an error at that
// file, not "two outputs at robots.txt".
func TestStaticFileTheSiteMakesItself(t *testing.T) {
	t.Parallel()
	site := hubtest.WriteSite(t, map[string]string{
		"content/stories/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nA.\n",
		"static/robots.txt":    "User-agent: *\n",
	})
	codes, stderrs := checkAndBuild(t, site, filepath.Join(t.TempDir(), "public"))
	for i, cmd := range []string{"check", "build"} {
		want := "static/robots.txt:1:1: the site makes /robots.txt itself: rename or remove the file"
		if codes[i] != 1 || !strings.Contains(stderrs[i], want) {
			t.Errorf("hub %s: exit %d, want 1 and %q:\n%s", cmd, codes[i], want, stderrs[i])
		}
	}
}

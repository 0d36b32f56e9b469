package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// A feed or sitemap says when each page last changed: its `updated`, else
// its `date`, else the start of the build clock's day, never later than
// the clock. An event's
// start is no change: an event announced for next year was not edited then.
func TestFeedsAndSitemapNeverDateAPageAfterTheBuildClock(t *testing.T) {
	t.Parallel()
	site := hubtest.WriteSite(t, map[string]string{
		"hub.toml":                    "title = \"Clock\"\nbase_url = \"https://clock.example.org/\"\ntimezone = \"UTC\"\n",
		"content/events/ahead.md":     "---\ntitle: Ahead\nstart: 2027-05-01 10:00\nonline: true\ntags: [clock]\n---\nNot yet.\n",
		"content/events/edited.md":    "---\ntitle: Edited\nstart: 2027-06-01 10:00\nupdated: 2026-10-01\nonline: true\ntags: [clock]\n---\nEdited.\n",
		"content/events/announced.md": "---\ntitle: Announced\nstart: 2027-07-01 10:00\ndate: 2026-09-15\nonline: true\ntags: [clock]\n---\nAnnounced.\n",
		"content/stories/old.md":      "---\ntitle: Old\ndate: 2025-01-01\ntags: [clock]\n---\nOld.\n",
		"content/stories/typo.md":     "---\ntitle: Typo\ndate: 2026-01-10\nupdated: 2027-01-01\n---\nA slip of the year.\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := hub(t, "build", "--site", site, "--out", out, "--no-index", "--now", "2026-11-22 09:00"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	const now = "2026-11-22T00:00:00Z" // the build clock's day
	want := map[string]string{
		"https://clock.example.org/events/ahead/":     now, // no date of its own: the clock, not its start
		"https://clock.example.org/events/edited/":    "2026-10-01T00:00:00Z",
		"https://clock.example.org/events/announced/": "2026-09-15T00:00:00Z",
		"https://clock.example.org/stories/old/":      "2025-01-01T00:00:00Z",
		"https://clock.example.org/stories/typo/":     now, // updated ahead of the clock
	}

	type entry struct {
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
	}
	type feed struct {
		Updated string  `xml:"updated"`
		Entries []entry `xml:"entry"`
	}
	for _, rel := range []string{"feed.xml", "tags/clock/feed.xml"} {
		var f feed
		if err := xml.Unmarshal(readOut(t, out, rel), &f); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if f.Updated != now {
			t.Errorf("%s: feed updated %s, want the build clock's day %s (its newest entry)", rel, f.Updated, now)
		}
		if len(f.Entries) == 0 {
			t.Errorf("%s has no entries", rel)
		}
		for _, e := range f.Entries {
			if e.Updated != want[e.ID] {
				t.Errorf("%s: %s updated %s, want %s", rel, e.ID, e.Updated, want[e.ID])
			}
		}
	}

	var sitemap struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(readOut(t, out, "sitemap.xml"), &sitemap); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, u := range sitemap.URLs {
		if w, ok := want[u.Loc]; ok {
			seen++
			if u.Lastmod != w {
				t.Errorf("sitemap: %s lastmod %s, want %s", u.Loc, u.Lastmod, w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("sitemap lists %d of the %d pages", seen, len(want))
	}

	// The calendar entry's stamp is the same last change.
	stamp := regexp.MustCompile(`DTSTAMP:(\d{8}T\d{6}Z)`).FindSubmatch(readOut(t, out, "events/ahead/event.ics"))
	if stamp == nil || string(stamp[1]) != "20261122T000000Z" {
		t.Errorf("events/ahead/event.ics DTSTAMP %q, want the build clock's day", stamp)
	}
}

func readOut(t *testing.T, dir, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

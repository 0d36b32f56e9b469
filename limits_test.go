package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// limitSite writes a site whose one story has the given front matter
// lines (beside title and date) and body; the front matter takes lines 1
// to 4+len(extra), and the body starts on the line after.
func limitSite(t *testing.T, extra []string, body string) string {
	t.Helper()
	site := t.TempDir()
	hubtest.WriteFile(t, site, "hub.toml", "title = \"Limits\"\nnow = \"2026-01-01 09:00\"\n")
	fm := append([]string{"---", "title: Limits", "date: 2024-01-01"}, extra...)
	fm = append(fm, "---")
	hubtest.WriteFile(t, site, "content/stories/limits.md", strings.Join(fm, "\n")+"\n"+body)
	return site
}

// expectLimit runs check and build on site: both must fail with want in
// stderr, within a bounded time, and write nothing.
func expectLimit(t *testing.T, site, want string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	start := time.Now()
	codes, stderrs := checkAndBuild(t, site, out)
	for i, cmd := range []string{"check", "build"} {
		if codes[i] != 1 || !strings.Contains(stderrs[i], want) {
			t.Errorf("hub %s: exit %d, want 1 and %q in stderr:\n%.2000s", cmd, codes[i], want, stderrs[i])
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("hub build wrote %s", out)
	}
	// A bound on a runaway, not a speed check: without the limits a
	// 5,000-deep list ran for minutes; under -race, beside the other
	// parallel tests on 2 cores, a limited one took 24 s.
	if d := time.Since(start); d > 90*time.Second {
		t.Errorf("check and build took %v", d)
	}
}

// nestedList is a list nested depth deep by indentation, one item a line.
func nestedList(depth int) string {
	var b strings.Builder
	for i := range depth {
		fmt.Fprintf(&b, "%s- item %d\n", strings.Repeat("  ", i), i+1)
	}
	return b.String()
}

// Block quotes and lists may nest 50 deep; the 51st level is an error at
// the marker that opens it, and a hostile file is turned away fast.
func TestNestingLimit(t *testing.T) {
	t.Parallel()
	const msg = "block quotes and lists nest more than 50 deep here"
	tests := []struct {
		name, body string
		at         string // line:col of the 51st level; "" when within the limit
	}{
		{"list 50 deep", nestedList(50), ""},
		{"list 51 deep", nestedList(51), "55:101"},
		// 1,000 deep is 1 MB of markdown: 8 s of goldmark's before.
		{"list 1,000 deep", nestedList(1000), "55:101"},
		{"list 5,000 deep on one line", strings.Repeat("- ", 5000) + "x\n", "5:101"},
		{"numbered list 5,000 deep on one line", strings.Repeat("1. ", 5000) + "x\n", "5:151"},
		{"quotes 50 deep", strings.Repeat("> ", 50) + "x\n", ""},
		{"quotes 5,000 deep", strings.Repeat(">", 5000) + " x\n", "5:51"},
		{"quotes deepening a level a line", func() string {
			var b strings.Builder
			for i := 1; i <= 300; i++ {
				b.WriteString(strings.Repeat("> ", i) + "x\n")
			}
			return b.String()
		}(), "55:101"},
		{"quotes and lists", strings.Repeat("> - ", 30) + "x\n", "5:101"},
		{"a paragraph at depth 50 goes on with a number", strings.Repeat("> ", 50) + "x\n" + strings.Repeat("> ", 50) + "2. y\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := limitSite(t, nil, tt.body)
			if tt.at == "" {
				if code, _, stderr := hub(t, "check", "--site", site); code != 0 {
					t.Errorf("hub check: exit %d:\n%s", code, stderr)
				}
				return
			}
			expectLimit(t, site, "content/stories/limits.md:"+tt.at+": "+msg)
		})
	}
}

// A content file may be 1 MiB; one byte more is an error at the file.
func TestFileSizeLimit(t *testing.T) {
	t.Parallel()
	const limit = 1 << 20
	head := "---\ntitle: Limits\ndate: 2024-01-01\n---\n"
	para := strings.Repeat("Words of a long report. ", 40) + "\n\n"
	body := strings.Repeat(para, limit/len(para)+1)
	site := limitSite(t, nil, body[:limit-len(head)])
	if code, _, stderr := hub(t, "check", "--site", site); code != 0 {
		t.Errorf("a file of exactly 1 MiB: exit %d:\n%s", code, stderr)
	}
	site = limitSite(t, nil, body[:limit-len(head)+1])
	expectLimit(t, site, "content/stories/limits.md:1:1: the file is 1,048,577 bytes: a content file may be at most 1 MiB (1,048,576 bytes)")
}

// terms makes a YAML list key of n values.
func terms(key string, n int) string {
	vals := make([]string, n)
	for i := range vals {
		vals[i] = fmt.Sprintf("%s %d", key, i+1)
	}
	return key + ": [" + strings.Join(vals, ", ") + "]"
}

// A page may have 50 tags, authors or featured organisations; 51 is an
// error at the key's line.
func TestTermsLimit(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"tags", "authors"} {
		t.Run(key, func(t *testing.T) {
			site := limitSite(t, []string{"summary: s", terms(key, 50)}, "Body.\n")
			if code, _, stderr := hub(t, "check", "--site", site); code != 0 {
				t.Errorf("50 %s: exit %d:\n%s", key, code, stderr)
			}
			site = limitSite(t, []string{"summary: s", terms(key, 10000)}, "Body.\n")
			expectLimit(t, site, "content/stories/limits.md:5:1: `"+key+"` has 10000 entries: a page may have at most 50")
		})
	}
	t.Run("featured", func(t *testing.T) {
		site := t.TempDir()
		hubtest.WriteFile(t, site, "content/events/e.md", "---\ntitle: E\nstart: 2025-01-01 10:00\nonline: true\n"+terms("featured", 51)+"\n---\n")
		expectLimit(t, site, "content/events/e.md:5:1: `featured` has 51 entries: a page may have at most 50")
	})
}

// outputSize builds site and returns the bytes it wrote.
func outputSize(t *testing.T, site string) int64 {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := hub(t, "build", "--site", site, "--out", out, "--no-index", "--quiet"); code != 0 {
		t.Fatalf("build: exit %d:\n%s", code, stderr)
	}
	var total int64
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		total += info.Size()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

// Output grows in step with a page's terms, not with their square: a page
// with the most tags a page may have costs each tag about what a page
// with a few costs it (a tag page, its feed and its redirect), since cards
// and feed entries show only a few of a page's tags.
func TestOutputLinearInTerms(t *testing.T) {
	t.Parallel()
	size := func(n int) int64 {
		extra := []string{"summary: s"}
		if n > 0 {
			extra = append(extra, terms("tags", n))
		}
		return outputSize(t, limitSite(t, extra, "Body.\n"))
	}
	none, few, most := size(0), size(5), size(50)
	perFew, perMost := float64(few-none)/5, float64(most-none)/50
	t.Logf("output: %d bytes with no tags, %.0f more a tag with 5, %.0f with 50", none, perFew, perMost)
	if perMost > 1.1*perFew {
		t.Errorf("each of 50 tags adds %.0f bytes, each of 5 only %.0f: output grows faster than the tags", perMost, perFew)
	}
}

// Link openings that nothing closes, in one run of text without a space,
// cost goldmark the square of their number: 20,000 took 5.5 s and a file
// of 1 MiB would take minutes. Past maxLinkScan that is an error at the
// run; links glued together but closed, and the same openings with spaces
// between them, cost nothing and pass.
func TestUnclosedLinkRunLimit(t *testing.T) {
	t.Parallel()
	for _, body := range []string{
		"Glued: " + strings.Repeat("[a](#b)", 3000) + "\n\n## B\n",
		"Spaced: " + strings.Repeat("[a]( ", 30000) + "\n",
	} {
		if code, _, stderr := hub(t, "check", "--site", limitSite(t, nil, body)); code != 0 {
			t.Errorf("%.20s…: exit %d:\n%s", body, code, stderr)
		}
	}
	site := limitSite(t, nil, "First.\n\nThen "+strings.Repeat("![a](", 30000)+"\n")
	expectLimit(t, site, `content/stories/limits.md:7:6: 150,000 characters without a space hold 30,000 link openings "](" that no ")" closes`)
}

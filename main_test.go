package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// hub runs the command line in-process and returns its exit status and output.
func hub(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestExitStatuses(t *testing.T) {
	t.Parallel()
	broken := t.TempDir()
	hubtest.WriteFile(t, broken, "content/stories/a.md", "---\ntitle: A\ndate: soon\n---\nBody [x](nope.md).\n")
	tests := []struct {
		name       string
		args       []string
		code       int
		wantStderr string
	}{
		{"no command", nil, 2, "Usage:"},
		{"unknown command", []string{"publish"}, 2, `unknown command "publish"`},
		{"unknown flag", []string{"build", "--colour"}, 2, "flag provided but not defined: -colour"},
		{"stray argument", []string{"build", "extra"}, 2, `unexpected argument "extra"`},
		{"new without title", []string{"new", "event"}, 2, "usage: hub new TYPE"},
		{"new with unknown type", []string{"new", "essay", "T", "--site", t.TempDir()}, 2, `unknown type "essay"`},
		{"content errors", []string{"build", "--site", broken, "--out", filepath.Join(t.TempDir(), "o"), "--no-index"}, 1,
			"content/stories/a.md:3:1: `date`: \"soon\" is not a date"},
		{"check reports every error", []string{"check", "--site", broken}, 1, "content/stories/a.md:5:6: link to nope.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := hub(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr does not contain %q:\n%s", tt.wantStderr, stderr)
			}
		})
	}
}

func TestBuildPrintsOneLine(t *testing.T) {
	t.Parallel()
	site := hubtest.CopySite(t, "testdata/site") // a build keeps its lock and last output beside the site
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := hub(t, "build", "--site", site, "--out", out, "--no-index")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	re := regexp.MustCompile(`^built 5 pages \(1 case study, 1 report review, 2 events, 1 story\)|built 6 pages \(1 case study, 1 report review, 2 events, 1 story, 1 page\), 7 tags, \d+ files in \d+(\.\d+)?m?s\n$`)
	if !re.MatchString(stdout) || strings.Count(stdout, "\n") != 1 {
		t.Errorf("stdout = %q, want one summary line", stdout)
	}
	code, stdout, _ = hub(t, "build", "--site", site, "--out", out, "--no-index", "--quiet")
	if code != 0 || stdout != "" {
		t.Errorf("--quiet: exit %d, stdout %q", code, stdout)
	}
}

// The output a build replaces is kept where the README says, and the next
// build writes into it: after three builds the output is whole and the
// second build's output waits in the kept folder.
func TestBuildsKeepTheReplacedOutput(t *testing.T) {
	t.Parallel()
	if runtime.GOOS != "linux" {
		t.Skip("builds reuse a kept folder only on Linux")
	}
	dir := hubtest.CopySite(t, "testdata/site")
	out := filepath.Join(t.TempDir(), "public")
	kept := filepath.Join(dir, ".hub", "previous-output")
	for i := 1; i <= 3; i++ {
		if code, _, stderr := hub(t, "build", "--site", dir, "--out", out, "--no-index"); code != 0 {
			t.Fatalf("build %d: exit %d: %s", i, code, stderr)
		}
		_, err := os.Stat(filepath.Join(kept, "index.html"))
		if i == 1 && err == nil || i > 1 && err != nil {
			t.Errorf("after build %d, kept folder's index.html: %v", i, err)
		}
	}
	for _, f := range []string{"index.html", "events/roadshow/event.ics", "feed.xml"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(f))); err != nil {
			t.Errorf("output after three builds: %v", err)
		}
	}
}

func TestNewScaffoldsEachTypeAndRefusesToOverwrite(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	for _, tt := range []struct{ typ, file string }{
		{"case-study", "content/case-studies/a-night-bus.md"},
		{"report-review", "content/report-reviews/a-night-bus.md"},
		{"event", "content/events/a-night-bus.md"},
		{"story", "content/stories/a-night-bus.md"},
		{"page", "content/a-night-bus.md"},
	} {
		code, stdout, stderr := hub(t, "new", tt.typ, "A Night Bus!", "--site", site)
		if code != 0 || !strings.Contains(stdout, tt.file) {
			t.Fatalf("new %s: exit %d, stdout %q, stderr %q", tt.typ, code, stdout, stderr)
		}
		if _, err := os.Stat(filepath.Join(site, tt.file)); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := os.ReadFile(filepath.Join(site, "content/stories/a-night-bus.md"))
	code, _, stderr := hub(t, "new", "story", "A night bus", "--site", site)
	after, _ := os.ReadFile(filepath.Join(site, "content/stories/a-night-bus.md"))
	if code != 1 || !strings.Contains(stderr, "already exists") || !bytes.Equal(before, after) {
		t.Errorf("second new: exit %d, stderr %q, file changed: %v", code, stderr, !bytes.Equal(before, after))
	}
	// The placeholders must be replaced before the site builds.
	code, _, stderr = hub(t, "check", "--site", site)
	if code != 1 || !strings.Contains(stderr, "content/report-reviews/a-night-bus.md:4:1: `report_title` still holds the placeholder") {
		t.Errorf("check after new: exit %d, stderr:\n%s", code, stderr)
	}
	if strings.Contains(stderr, "content/stories/") || strings.Contains(stderr, "content/a-night-bus.md") {
		t.Errorf("a new story or page needs nothing filled in, but check complains:\n%s", stderr)
	}
}

// The hub's own site: builds, and every internal link and asset resolves.
func TestOwnSiteLinksResolve(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := hub(t, "build", "--site", ownSite(t), "--out", out, "--no-index")
	if code != 0 {
		t.Fatalf("building the hub's own site: exit %d\n%s", code, stderr)
	}
	attr := regexp.MustCompile(`(?:href|src)="?(/[^"\s>]*)`)
	pages, links := 0, 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range attr.FindAllStringSubmatch(string(data), -1) {
			target := strings.SplitN(strings.SplitN(m[1], "#", 2)[0], "?", 2)[0]
			if strings.HasPrefix(target, "//") || target == "/search/" && strings.Contains(m[1], "?") {
				continue
			}
			links++
			file := filepath.Join(out, filepath.FromSlash(target))
			if strings.HasSuffix(target, "/") {
				file = filepath.Join(file, "index.html")
			}
			if _, err := os.Stat(file); err != nil {
				rel, _ := filepath.Rel(out, p)
				t.Errorf("%s links to %s, which does not exist", rel, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 100 || links < 1000 {
		t.Errorf("checked %d links in %d pages; the site seems too small", links, pages)
	}
}

// Golden files hold the unminified output of the fixture site for each
// kind of page; run `go test -run Golden -update` after a deliberate change.
func TestGolden(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := hub(t, "build", "--site", hubtest.CopySite(t, "testdata/site"), "--out", out, "--no-index", "--no-minify")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	kinds := map[string]string{
		"home.html":          "index.html",
		"section.html":       "events/index.html",
		"tag-page2.html":     "tags/co-production/page/2/index.html",
		"case-study.html":    "case-studies/night-bus/index.html",
		"report-review.html": "report-reviews/questions/index.html",
		"event.html":         "events/roadshow/index.html",
		"event-past.html":    "events/webinar/index.html",
		"story.html":         "stories/timebank-year/index.html",
		"page.html":          "about/index.html",
		"tags.html":          "tags/index.html",
		"tag.html":           "tags/co-production/index.html",
		"search.html":        "search/index.html",
		"404.html":           "404.html",
		"alias.html":         "old/night-bus/index.html",
		"feed.xml":           "feed.xml",
		"tag-feed.xml":       "tags/co-production/feed.xml",
		"calendar.ics":       "events/calendar.ics",
		"event.ics":          "events/roadshow/event.ics",
		"sitemap.xml":        "sitemap.xml",
		"taxonomy.html":      "authors/index.html",
		"term.html":          "authors/nia-evans/index.html",
		"organisation.html":  "organisations/example-community-transport/index.html",
		"region.html":        "regions/wales/index.html",
		"term-feed.xml":      "organisations/golden-hub/feed.xml",
		"robots.txt":         "robots.txt",
	}
	stamp := regexp.MustCompile(`DTSTAMP:\d{8}T\d{6}Z`)
	for golden, file := range kinds {
		t.Run(golden, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
			if err != nil {
				t.Fatal(err)
			}
			got = stamp.ReplaceAll(got, []byte("DTSTAMP:(build time)"))
			path := filepath.Join("testdata", "golden", golden)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run Golden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run go test -run Golden -update if the change is deliberate)\ngot:\n%s", file, path, got)
			}
		})
	}
}

func TestSearchCommand(t *testing.T) {
	t.Parallel()
	site := hubtest.CopySite(t, "testdata/site")
	index := filepath.Join(t.TempDir(), "index")
	if code, _, stderr := hub(t, "build", "--site", site, "--index", index, "--quiet"); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	code, stdout, stderr := hub(t, "search", "--index", index, "timebanks")
	if code != 0 || !strings.Contains(stdout, "/stories/timebank-year/") || !strings.Contains(stdout, "result") {
		t.Errorf("table: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = hub(t, "search", "--index", index, "--json", "--type", "case-study", "--tag", "Co-Production", "night", "bus")
	var res struct {
		Query string `json:"query"`
		Total int    `json:"total"`
		Hits  []struct {
			URL     string `json:"url"`
			Snippet string `json:"snippet"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || code != 0 {
		t.Fatalf("--json: exit %d, %v\n%s", code, err, stdout)
	}
	if res.Query != "night bus" || res.Total != 1 || res.Hits[0].URL != "/case-studies/night-bus/" {
		t.Errorf("--json: %+v", res)
	}
	for _, args := range [][]string{{"search", "--index", index}, {"search", "--index", index, "--limit", "51", "x"}, {"search", "--index", index, "--type", "essay", "x"}} {
		if code, _, _ := hub(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, stderr := hub(t, "search", "--index", filepath.Join(t.TempDir(), "none"), "x"); code != 1 || !strings.Contains(stderr, "run hub build first") {
		t.Errorf("missing index: exit %d, %s", code, stderr)
	}
}

// TestFailedRenderKeepsTheIndex: the index is finished while the site
// renders, and a build whose pages fail to render leaves the old one in
// place, as it leaves the old site.
func TestFailedRenderKeepsTheIndex(t *testing.T) {
	t.Parallel()
	site := hubtest.CopySite(t, "testdata/site")
	index := filepath.Join(t.TempDir(), "index")
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := hub(t, "build", "--site", site, "--out", out, "--index", index, "--quiet"); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	hubtest.WriteFile(t, site, "content/stories/zanzibar.md", "---\ntitle: Zanzibar\ndate: 2025-07-01\n---\nA zanzibar story.\n")
	hubtest.WriteFile(t, site, "layouts/story.html", `{{define "main"}}{{.Page.NoSuchField}}{{end}}`)
	code, _, stderr := hub(t, "build", "--site", site, "--out", out, "--index", index, "--quiet")
	if code != 1 || !strings.Contains(stderr, "NoSuchField") {
		t.Fatalf("a build whose story layout fails: exit %d\n%s", code, stderr)
	}
	if _, stdout, _ := hub(t, "search", "--index", index, "zanzibar"); strings.Contains(stdout, "/stories/zanzibar/") {
		t.Errorf("the failed build's index was swapped in:\n%s", stdout)
	}
	if _, stdout, _ := hub(t, "search", "--index", index, "timebanks"); !strings.Contains(stdout, "/stories/timebank-year/") {
		t.Errorf("the old index lost its pages:\n%s", stdout)
	}
}

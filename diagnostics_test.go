package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/internal/hubtest/browsertest"
	"golang.org/x/tools/txtar"
)

// TestDiagnostics runs commands on the fixture sites in
// testdata/diagnostics/*.txtar and compares what an editor is told: the
// exit status and every line on stderr. In an archive, the comment says
// what the case proves; a file named "hub CMD [FLAGS]" (several joined by
// ", ") holds "exit N" and the stderr those commands must print; every
// other file is a file of the site. A build that succeeds must have
// written the site, and one that fails must have written nothing.
//
// `go test -run TestDiagnostics -update` rewrites the expectations from
// what the commands print, where the commands of one file agree.
func TestDiagnostics(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/diagnostics/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixture sites: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			site := t.TempDir()
			var wants []*txtar.File
			for i := range ar.Files {
				f := &ar.Files[i]
				if strings.HasPrefix(f.Name, "hub ") {
					wants = append(wants, f)
					continue
				}
				hubtest.WriteFile(t, site, f.Name, string(f.Data))
			}
			if len(wants) == 0 {
				t.Fatal("the archive names no command")
			}
			rewrite := false
			for _, want := range wants {
				var outputs []string
				for _, line := range strings.Split(want.Name, ", ") {
					outputs = append(outputs, runDiagnosed(t, site, strings.Fields(strings.TrimPrefix(line, "hub "))))
				}
				for i, got := range outputs {
					switch {
					case got == string(want.Data):
					case *update && i > 0 && got != outputs[0]:
						t.Errorf("-update: the commands of %q disagree:\n%s\n%s", want.Name, outputs[0], got)
					case *update:
						want.Data, rewrite = []byte(got), true
					default:
						t.Errorf("%s:\n%s\nwant:\n%s", strings.Split(want.Name, ", ")[i], got, want.Data)
					}
				}
			}
			if rewrite {
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// runDiagnosed runs one hub command on site and returns its exit status
// and stderr as the archives hold them. A build writes into a fresh
// folder: one that succeeds must have written the site, one that fails
// nothing.
func runDiagnosed(t *testing.T, site string, args []string) string {
	t.Helper()
	args = append(args, "--site", site)
	out := filepath.Join(t.TempDir(), "public")
	if args[0] == "build" {
		args = append(args, "--out", out, "--no-index")
	}
	code, _, stderr := hub(t, args...)
	if args[0] == "build" {
		_, err := os.Stat(filepath.Join(out, "index.html"))
		if code == 0 && err != nil {
			t.Errorf("hub %s succeeded but wrote no site: %v", strings.Join(args, " "), err)
		}
		if code != 0 && err == nil {
			t.Errorf("hub %s failed but wrote the site", strings.Join(args, " "))
		}
	}
	return fmt.Sprintf("exit %d\n%s", code, strings.ReplaceAll(stderr, site+string(filepath.Separator), ""))
}

// The hub's own content has no broken link, no missing image and nothing
// the renderer drops: check prints no error and no warning.
func TestOwnContentChecksClean(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := hub(t, "check", "--site", ".")
	if code != 0 || stderr != "" || !strings.HasSuffix(stdout, "no problems\n") {
		t.Errorf("hub check on the hub's own content: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
}

// Under hub serve, a warning reaches the terminal once and every open page
// (a page that opens later sees it at once), while the edited page is
// served: warnings fail nothing. Once the file is fixed it goes.
func TestServeShowsWarnings(t *testing.T) {
	t.Parallel()
	site := hubtest.CopySite(t, "testdata/site")
	s := serve(t, site)
	events := s.events(t)
	if hello := next(t, events, "hello"); strings.Contains(hello, "warning") {
		t.Fatalf("hello before any warning: %s", hello)
	}
	story := filepath.Join(site, "content/stories/timebank-year.md")
	original, _ := os.ReadFile(story)
	framed := string(original) + "\n\n<iframe src=\"https://video.example.org/embed/1\"></iframe>\n\nHours shared.\n"
	line := strings.Count(framed[:strings.Index(framed, "<iframe")], "\n") + 1
	write := func(data string) {
		t.Helper()
		if err := os.WriteFile(story, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	write(framed)
	next(t, events, "reload")
	hello := next(t, s.events(t), "hello")
	want := fmt.Sprintf(`{"path":"content/stories/timebank-year.md","line":%d,"col":1,"message":"raw HTML \u003ciframe\u003e is not published (hub renders markdown only);`, line)
	if !strings.Contains(hello, want) || !strings.Contains(hello, `"severity":"warning"`) {
		t.Errorf("a page opened after the edit is not shown the warning: %s", hello)
	}
	if code, _, body := s.get(t, "/stories/timebank-year/"); code != 200 || !strings.Contains(body, "Hours shared.") || strings.Contains(body, "<iframe") {
		t.Errorf("the edited page is not served as built (%d):\n%s", code, body)
	}
	printed := fmt.Sprintf("content/stories/timebank-year.md:%d:1: warning: raw HTML <iframe> is not published", line)
	if !strings.Contains(s.stderr.String(), printed) {
		t.Errorf("the terminal does not show the warning:\n%s", s.stderr.String())
	}

	// Another save with the warning unchanged: the page still shows it,
	// the terminal does not repeat it.
	write(strings.Replace(framed, "Hours shared.", "Hours shared again.", 1))
	next(t, events, "reload")
	if hello := next(t, s.events(t), "hello"); !strings.Contains(hello, want) {
		t.Errorf("the warning went after an unrelated edit: %s", hello)
	}
	if n := strings.Count(s.stderr.String(), printed); n != 1 {
		t.Errorf("the terminal printed the warning %d times, want once:\n%s", n, s.stderr.String())
	}

	write(string(original))
	next(t, events, "reload")
	if hello := next(t, s.events(t), "hello"); strings.Contains(hello, "warning") {
		t.Errorf("the warning stayed after the fix: %s", hello)
	}
}

// In the browser, a warning shows in the preview's overlay without taking
// focus, over a page that is up to date; dismissed, it stays away across
// the reloads of later saves until the warnings change; fixed, it goes.
func TestBrowserWarningOverlay(t *testing.T) {
	t.Parallel()
	site := hubtest.CopySite(t, "testdata/site")
	s := serve(t, site)
	ctx := chromium.Tab(t, true)
	story := filepath.Join(site, "content/stories/timebank-year.md")
	original, _ := os.ReadFile(story)
	write := func(data string) {
		t.Helper()
		if err := os.WriteFile(story, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	browsertest.Do(t, ctx, chromedp.Navigate(s.url+"stories/timebank-year/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	browsertest.Until(t, ctx, `document.documentElement.dataset.hubPreview === "connected"`)

	framed := string(original) + "\n\n<iframe src=\"https://video.example.org/embed/1\"></iframe>\n\nHours shared.\n"
	write(framed)
	browsertest.Until(t, ctx, `!!document.getElementById("hub-overlay") && document.body.innerText.includes("Hours shared.")`)
	overlay := browsertest.Eval(t, ctx, chromedp.Text(chromedp.ID("hub-overlay")))
	for _, want := range []string{"Built with 1 warning", "content/stories/timebank-year.md:", "warning: raw HTML <iframe> is not published", `<iframe src="https://video.example.org/embed/1"></iframe>`} {
		if !strings.Contains(overlay, want) {
			t.Errorf("overlay does not say %q: %q", want, overlay)
		}
	}
	if focused := browsertest.Eval(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`)); focused == "hub-overlay" {
		t.Error("a warning took focus from the page")
	}

	browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(".hub-overlay-close")))
	write(strings.Replace(framed, "Hours shared.", "Hours shared again.", 1))
	browsertest.Until(t, ctx, `document.body.innerText.includes("Hours shared again.")`)
	browsertest.Until(t, ctx, `document.documentElement.dataset.hubPreview === "connected"`)
	if shown := browsertest.Eval(t, ctx, chromedp.Evaluate[string](`document.getElementById("hub-overlay") ? "shown" : ""`)); shown != "" {
		t.Error("a dismissed warning came back after a save that did not change it")
	}

	write(string(original))
	browsertest.Until(t, ctx, `!document.body.innerText.includes("Hours shared") && !document.getElementById("hub-overlay")`)
}

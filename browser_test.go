package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/ideas-hub/hub/internal/hubtest"
)

// browser opens a tab for one test in headless Chromium. CI installs
// Debian's chromium; where it is missing the test is skipped, except under
// CI.
func browser(t *testing.T, javascript bool) context.Context {
	t.Helper()
	return browserFor(t, javascript, 90*time.Second)
}

// browserFor is browser for a test that runs longer (the bound is on a
// hung test, not a speed check). Tests share one browser profile, but each
// serves its site on a port of its own, so no test's origin, and with it
// its cookies, storage and cache, is another's. (A browser context of its
// own for each tab cost about 3 s of CPU a test, nearly a browser's start.)
func browserFor(t *testing.T, javascript bool, limit time.Duration) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed; .ci/run installs it")
		}
		t.Skip("chromium is not installed (apt-get install -y chromium)")
	}
	browserCtx, err := chromium.start(path)
	if err != nil {
		t.Fatal(err)
	}
	tab, closeTab := chromedp.NewContext(browserCtx)
	ctx, cancelTimeout := context.WithTimeout(tab, limit)
	t.Cleanup(func() { cancelTimeout(); closeTab() })
	// Focus emulation: a tab of a browser that other tests' tabs share
	// still takes the keyboard and reads as focused.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !javascript}); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// chromium is the one Chromium the package's browser tests share, started
// by the first of them and stopped by TestMain: starting it costs 4-5 s of
// CPU, more than most of the tests themselves.
var chromium sharedBrowser

type sharedBrowser struct {
	mu   sync.Mutex
	ctx  context.Context
	stop func()
}

func (b *sharedBrowser) start(path string) (context.Context, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ctx != nil {
		return b.ctx, nil
	}
	profile, err := os.MkdirTemp("", "hub-chromium-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(profile),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(actx)
	stop := func() { cancelBrowser(); cancelAlloc(); os.RemoveAll(profile) }
	if err := chromedp.Do(ctx); err != nil { // starts it
		stop()
		return nil, err
	}
	b.ctx, b.stop = ctx, stop
	return ctx, nil
}

// close stops the browser, if a test started it.
func (b *sharedBrowser) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stop != nil {
		b.stop()
		b.ctx, b.stop = nil, nil
	}
}

// text runs one action that yields a string, failing the test on error.
func text(t *testing.T, ctx context.Context, a chromedp.Action[string]) string {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// until waits for a JavaScript condition to hold, across the reloads the
// preview causes (an evaluation cut short by a navigation is tried again).
func until(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second) // a bound on a hung test, not a speed check
	var err error
	for time.Now().Before(deadline) {
		var ok bool
		if ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: %v", cond, err)
}

func TestBrowserSearchWithJavaScript(t *testing.T) {
	t.Parallel()
	s := serve(t, hubtest.CopySite(t, "testdata/site"), "--watch=false")
	ctx := browser(t, true)
	do(t, ctx,
		chromedp.Navigate(s.url+"search/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "hours"),
		chromedp.WaitVisible(chromedp.CSS(".results-count")),
	)
	count := text(t, ctx, chromedp.Text(chromedp.CSS(".results-count")))
	search := text(t, ctx, chromedp.Evaluate[string](`location.search`))
	status := text(t, ctx, chromedp.TextContent(chromedp.CSS("[role=status]")))
	if !regexp.MustCompile(`^\d+ results? for “hours”$`).MatchString(count) || search != "?q=hours" || !strings.Contains(status, count) {
		t.Errorf("count %q, URL query %q, announced %q", count, search, status)
	}
	// Choosing a facet narrows the results and keeps the URL in step; back undoes it.
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`a.facet[href*="type=story"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a.facet.selected`)),
	)
	if search := text(t, ctx, chromedp.Evaluate[string](`location.search`)); !strings.Contains(search, "type=story") {
		t.Errorf("after the facet, the URL query is %q", search)
	}
	// history.back() rather than NavigateBack: a same-document step fires no load event.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`history.back()`)); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, `location.search === "?q=hours" && !document.querySelector("a.facet.selected")`)
}

func TestBrowserSearchWithoutJavaScript(t *testing.T) {
	t.Parallel()
	s := serve(t, hubtest.CopySite(t, "testdata/site"), "--watch=false")
	ctx := browser(t, false)
	do(t, ctx,
		chromedp.Navigate(s.url+"search/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "night bus"),
		chromedp.Submit(chromedp.ID("q")),
		chromedp.WaitVisible(chromedp.CSS(".results-count")),
	)
	count := text(t, ctx, chromedp.Text(chromedp.CSS(".results-count")))
	first := text(t, ctx, chromedp.Text(chromedp.CSS(".hits .card-title a")))
	if !strings.Contains(count, "for “night bus”") || !strings.Contains(strings.ToLower(first), "night bus") {
		t.Errorf("count %q, first hit %q", count, first)
	}
}

func TestBrowserLiveReload(t *testing.T) {
	t.Parallel()
	site := hubtest.CopySite(t, "testdata/site")
	s := serve(t, site)
	ctx := browser(t, true)
	story := filepath.Join(site, "content/stories/timebank-year.md")
	original, _ := os.ReadFile(story)
	write := func(data string) {
		if err := os.WriteFile(story, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	do(t, ctx, chromedp.Navigate(s.url+"stories/timebank-year/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	until(t, ctx, `document.documentElement.dataset.hubPreview === "connected"`)

	// Edit the markdown: the open page shows the new text by itself.
	write(strings.Replace(string(original), "Hours given, hours received.", "Hours given, hours received, hours shared.", 1))
	until(t, ctx, `document.body.innerText.includes("hours shared")`)

	// Break the front matter: the overlay names the file and line, and takes focus.
	write(strings.Replace(string(original), `"date": "2025-05-06 10:00"`, `"date": "May"`, 1))
	do(t, ctx, chromedp.WaitVisible(chromedp.ID("hub-overlay")))
	overlay := text(t, ctx, chromedp.Text(chromedp.ID("hub-overlay")))
	if !strings.Contains(overlay, "content/stories/timebank-year.md:3:") || !strings.Contains(overlay, "Build failed: 1 problem") {
		t.Errorf("overlay: %q", overlay)
	}
	if focused := text(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`)); focused != "hub-overlay" {
		t.Errorf("focus is on %q, want the overlay", focused)
	}

	// Fix it: the overlay goes and the page shows the fixed file.
	write(strings.Replace(string(original), "Hours given", "Hours freely given", 1))
	until(t, ctx, `!document.getElementById("hub-overlay") && document.body.innerText.includes("Hours freely given")`)
}

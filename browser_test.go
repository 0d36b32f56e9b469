package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/internal/hubtest/browsertest"
)

// chromium is the browser the package's tests share (see browsertest.Chromium);
// TestMain closes it.
var chromium browsertest.Chromium

func TestBrowserSearchWithJavaScript(t *testing.T) {
	t.Parallel()
	s := serve(t, hubtest.CopySite(t, "testdata/site"), "--watch=false")
	ctx := chromium.Tab(t, true)
	browsertest.Do(t, ctx,
		chromedp.Navigate(s.url+"search/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "hours"),
		chromedp.WaitVisible(chromedp.CSS(".results-count")),
	)
	count := browsertest.Eval(t, ctx, chromedp.Text(chromedp.CSS(".results-count")))
	search := browsertest.Eval(t, ctx, chromedp.Evaluate[string](`location.search`))
	status := browsertest.Eval(t, ctx, chromedp.TextContent(chromedp.CSS("[role=status]")))
	if !regexp.MustCompile(`^\d+ results? for “hours”$`).MatchString(count) || search != "?q=hours" || !strings.Contains(status, count) {
		t.Errorf("count %q, URL query %q, announced %q", count, search, status)
	}
	// Choosing a facet narrows the results and keeps the URL in step; back undoes it.
	browsertest.Do(t, ctx,
		chromedp.Click(chromedp.CSS(`a.facet[href*="type=story"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a.facet.selected`)),
	)
	if search := browsertest.Eval(t, ctx, chromedp.Evaluate[string](`location.search`)); !strings.Contains(search, "type=story") {
		t.Errorf("after the facet, the URL query is %q", search)
	}
	// history.back() rather than NavigateBack: a same-document step fires no load event.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`history.back()`)); err != nil {
		t.Fatal(err)
	}
	browsertest.Until(t, ctx, `location.search === "?q=hours" && !document.querySelector("a.facet.selected")`)
}

func TestBrowserSearchWithoutJavaScript(t *testing.T) {
	t.Parallel()
	s := serve(t, hubtest.CopySite(t, "testdata/site"), "--watch=false")
	ctx := chromium.Tab(t, false)
	browsertest.Do(t, ctx,
		chromedp.Navigate(s.url+"search/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "night bus"),
		chromedp.Submit(chromedp.ID("q")),
		chromedp.WaitVisible(chromedp.CSS(".results-count")),
	)
	count := browsertest.Eval(t, ctx, chromedp.Text(chromedp.CSS(".results-count")))
	first := browsertest.Eval(t, ctx, chromedp.Text(chromedp.CSS(".hits .card-title a")))
	if !strings.Contains(count, "for “night bus”") || !strings.Contains(strings.ToLower(first), "night bus") {
		t.Errorf("count %q, first hit %q", count, first)
	}
}

func TestBrowserLiveReload(t *testing.T) {
	t.Parallel()
	site := hubtest.CopySite(t, "testdata/site")
	s := serve(t, site)
	ctx := chromium.Tab(t, true)
	story := filepath.Join(site, "content/stories/timebank-year.md")
	original, _ := os.ReadFile(story)
	write := func(data string) {
		if err := os.WriteFile(story, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	browsertest.Do(t, ctx, chromedp.Navigate(s.url+"stories/timebank-year/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	browsertest.Until(t, ctx, `document.documentElement.dataset.hubPreview === "connected"`)

	// Edit the markdown: the open page shows the new text by itself.
	write(strings.Replace(string(original), "Hours given, hours received.", "Hours given, hours received, hours shared.", 1))
	browsertest.Until(t, ctx, `document.body.innerText.includes("hours shared")`)

	// Break the front matter: the overlay names the file and line, and takes focus.
	write(strings.Replace(string(original), `"date": "2025-05-06 10:00"`, `"date": "May"`, 1))
	browsertest.Do(t, ctx, chromedp.WaitVisible(chromedp.ID("hub-overlay")))
	overlay := browsertest.Eval(t, ctx, chromedp.Text(chromedp.ID("hub-overlay")))
	if !strings.Contains(overlay, "content/stories/timebank-year.md:3:") || !strings.Contains(overlay, "Build failed: 1 problem") {
		t.Errorf("overlay: %q", overlay)
	}
	if focused := browsertest.Eval(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`)); focused != "hub-overlay" {
		t.Errorf("focus is on %q, want the overlay", focused)
	}

	// Fix it: the overlay goes and the page shows the fixed file.
	write(strings.Replace(string(original), "Hours given", "Hours freely given", 1))
	browsertest.Until(t, ctx, `!document.getElementById("hub-overlay") && document.body.innerText.includes("Hours freely given")`)
}

package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// pageKind is one kind of page a reader meets, at an address of the hub's
// own site, for the accessibility test and the screenshots.
type pageKind struct {
	name, path string
	// typed, when set, is typed into the search page's own field, so that
	// the results are the ones its script renders rather than the server.
	typed string
	// like, when set, names the page kind whose layout this one shows
	// again with other content (a later page, a past event, another
	// taxonomy's term, a search without results): the quick run's
	// accessibility test leaves it to the long runs (see quickViews).
	like string
}

// pageKinds covers every layout of the default theme and each state of the
// search page. The event pages hold on the fixed clock, readerClock.
var pageKinds = []pageKind{
	{name: "home", path: "/"},
	{name: "section", path: "/case-studies/"},
	{name: "section-page-2", path: "/case-studies/page/2/", like: "section"},
	{name: "events", path: "/events/"},
	{name: "case-study", path: "/case-studies/denbighshire-nightrider/"},
	{name: "report-review", path: "/report-reviews/the-art-of-powerful-questions/"},
	{name: "event", path: "/events/stewardship-evening-accountability/"},
	{name: "event-past", path: "/events/system-stewardship-conversation-2024/", like: "event"},
	{name: "story", path: "/stories/why-the-uniforms-went/"},
	{name: "page", path: "/about/"},
	{name: "toolkits", path: "/toolkits/", like: "section"},            // a type hub.toml declares
	{name: "toolkit", path: "/toolkits/co-production-in-social-care/"}, // its generic layout
	{name: "tags", path: "/tags/"},
	{name: "tag", path: "/tags/co-production/"},
	{name: "taxonomy", path: "/organisations/", like: "tags"},
	{name: "term-author", path: "/authors/priya-shah/", like: "term-organisation"},
	{name: "term-organisation", path: "/organisations/black-thrive/"},
	{name: "term-region", path: "/regions/wales/", like: "term-organisation"},
	{name: "search", path: "/search/", like: "search-results"},
	{name: "search-results", path: "/search/?q=timebank"},
	{name: "search-typed", path: "/search/", typed: "timebank"},
	{name: "search-none", path: "/search/?q=zzzzqqq", like: "search-results"},
	{name: "404", path: "/no-such-page/"},
}

// readerClock fixes the build clock, so that the same events are upcoming
// on any day the tests run and the screenshots compare across runs.
const readerClock = "2026-11-22 09:00"

// viewport is a reader's window: a phone or a laptop, light or dark.
type viewport struct {
	width  int64
	scheme string // prefers-color-scheme
}

var viewports = []viewport{{360, "light"}, {360, "dark"}, {1280, "light"}, {1280, "dark"}}

// everyView is each page kind at every viewport: the long runs' and the
// screenshots' views.
func everyView(int) []viewport { return viewports }

// quickViews are the accessibility test's views in the quick run: each
// page kind with a layout of its own (not like another) at one viewport,
// taking the viewports in turn, so that every layout and every viewport
// is seen. Every page kind at all four would cost it 40 s of CPU
// (axe-core takes half a second a view); every page kind at one took
// 16-18 s of Chromium's CPU, the most of any test, where these 15 take
// 11-13.
func quickViews(kind int) []viewport {
	if pageKinds[kind].like != "" {
		return nil
	}
	n := 0 // the page kinds before this one that the quick run sees
	for _, k := range pageKinds[:kind] {
		if k.like == "" {
			n++
		}
	}
	i := n % len(viewports)
	return viewports[i : i+1]
}

func (v viewport) String() string { return fmt.Sprintf("%d px %s", v.width, v.scheme) }

// serveOwnSite serves a copy of the hub's own site, without watching.
func serveOwnSite(t *testing.T) *served {
	t.Helper()
	return serve(t, ownSite(t), "--watch=false", "--now", readerClock)
}

// emulate gives the open tab the viewport's width (a phone's below 600
// px, with its handling of the viewport meta tag) and colour scheme.
func emulate(ctx context.Context, v viewport, height int64) error {
	_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: v.width, Height: height, DeviceScaleFactor: 1, Mobile: v.width < 600,
	})
	if err != nil {
		return err
	}
	_, err = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: v.scheme}},
	})
	return err
}

// open shows a page kind in the tab as a reader reaches it.
func open(ctx context.Context, root string, k pageKind) error {
	url := root + strings.TrimPrefix(k.path, "/")
	if k.typed == "" {
		return chromedp.Do(ctx, chromedp.Navigate(url))
	}
	return chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), k.typed),
		chromedp.WaitVisible(chromedp.CSS(".results-count")),
	)
}

// eachView opens every page kind views gives a viewport for (by its index
// in pageKinds) in the tab and, at each of those viewports, calls see with
// the page on screen; it stops the test at the first failure.
func eachView(t *testing.T, ctx context.Context, root string, views func(kind int) []viewport, see func(k pageKind, v viewport)) {
	t.Helper()
	for i, k := range pageKinds {
		if len(views(i)) == 0 {
			continue
		}
		if err := open(ctx, root, k); err != nil {
			t.Fatalf("%s: %v", k.path, err)
		}
		for _, v := range views(i) {
			if err := emulate(ctx, v, 800); err != nil {
				t.Fatal(err)
			}
			see(k, v)
		}
	}
}

// The quick run's accessibility views see every layout and every
// viewport: each page kind it leaves out is like one it sees.
func TestQuickViewsSeeEveryLayoutAndViewport(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	widths := map[viewport]bool{}
	for i, k := range pageKinds {
		vs := quickViews(i)
		switch {
		case k.like == "" && len(vs) != 1:
			t.Errorf("%s: %d quick views, want 1", k.name, len(vs))
		case k.like != "" && len(vs) != 0:
			t.Errorf("%s, like %s: %d quick views, want none", k.name, k.like, len(vs))
		}
		if len(vs) > 0 {
			seen[k.name] = true
			widths[vs[0]] = true
		}
	}
	for _, k := range pageKinds {
		if k.like != "" && !seen[k.like] {
			t.Errorf("%s is like %s, which the quick run does not see", k.name, k.like)
		}
	}
	if len(widths) != len(viewports) {
		t.Errorf("the quick views see %d of the %d viewports", len(widths), len(viewports))
	}
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestScreenshots is a tool for people, not a check: with HUB_SCREENSHOTS
// set to a folder, it writes a full-page PNG of every page kind at a
// phone's and a laptop's width, light and dark (home-360-light.png…), so
// a change to the theme can be looked at whole. The checks are the crawl
// and the accessibility test.
func TestScreenshots(t *testing.T) {
	t.Parallel()
	dir := os.Getenv("HUB_SCREENSHOTS")
	if dir == "" {
		t.Skip("set HUB_SCREENSHOTS=DIR to write screenshots of every page kind into DIR")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := serveOwnSite(t)
	ctx := chromium.TabFor(t, true, 5*time.Minute)
	eachView(t, ctx, s.url, everyView, func(k pageKind, v viewport) {
		// A full-page capture does not scroll, so pictures below the fold
		// that load lazily would show as empty boxes a reader never sees.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](loadLazyPictures, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatalf("%s at %s: loading its pictures: %v", k.path, v, err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("%s at %s: %v", k.path, v, err)
		}
		name := filepath.Join(dir, fmt.Sprintf("%s-%d-%s.png", k.name, v.width, v.scheme))
		if err := os.WriteFile(name, png, 0o644); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("wrote %d screenshots to %s", len(pageKinds)*len(viewports), dir)
}

// loadLazyPictures makes every lazily loaded picture load now and waits
// until each has loaded or failed.
const loadLazyPictures = `Promise.all([...document.images].map(img => {
	img.loading = "eager";
	return img.complete ? true : new Promise(done => { img.onload = img.onerror = () => done(true); });
})).then(() => true)`

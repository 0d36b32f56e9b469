// Package browsertest drives the headless Chromium that browser tests
// share. It is apart from hubtest so that only the packages with browser
// tests link chromedp: in hubtest it went into every test binary that
// builds a site, half a second more of link each.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Chromium is the headless Chromium that a package's browser tests share:
// the first test to open a tab starts it, and the package's TestMain
// closes it. Starting one costs 2.5 s of CPU (5.5 s before the flags in
// start), more than most browser tests take; a tab costs under one.
//
//	var chromium browsertest.Chromium
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		chromium.Close()
//		os.Exit(code)
//	}
type Chromium struct {
	mu   sync.Mutex
	ctx  context.Context
	stop func()
}

// TabLimit bounds a test's time in its tab: a bound on a hung test, not a
// speed check.
const TabLimit = 90 * time.Second

// Tab opens a tab for one test, with JavaScript or without, that closes
// when the test ends. CI installs Debian's chromium; where it is missing
// the test is skipped, except under CI (CI set), where it fails.
//
// Tabs share one browser profile, but each test serves its site on a port
// of its own, so no test's origin, and with it its cookies, storage and
// cache, is another's. (A browser context for each tab cost nearly a
// browser's start.)
func (c *Chromium) Tab(t testing.TB, javascript bool) context.Context {
	t.Helper()
	return c.TabFor(t, javascript, TabLimit)
}

// TabFor is Tab for a test that takes longer in its tab than TabLimit.
func (c *Chromium) TabFor(t testing.TB, javascript bool, limit time.Duration) context.Context {
	t.Helper()
	path, err := browserPath()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed; .ci/run installs it")
		}
		t.Skip("chromium is not installed (apt-get install -y chromium-headless-shell, or chromium)")
	}
	browser, err := c.start(path)
	if err != nil {
		t.Fatal(err)
	}
	tab, closeTab := chromedp.NewContext(browser)
	ctx, cancel := context.WithTimeout(tab, limit)
	t.Cleanup(func() { cancel(); closeTab() })
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

// browserPath finds the browser: Chromium's headless shell (Debian's
// chromium-headless-shell) where it is installed, else Chromium itself.
// The shell is the same Blink and V8 without the browser around them,
// which is what Playwright and Puppeteer run headless tests in: the root
// package's browser tests took 17-21 s in it against 25 s in Chromium,
// TestAccessibility alone 8 s against 13 s.
func browserPath() (string, error) {
	path, err := exec.LookPath("chromium-headless-shell")
	if err != nil {
		path, err = exec.LookPath("chromium")
	}
	return path, err
}

func (c *Chromium) start(path string) (context.Context, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ctx != nil {
		return c.ctx, nil
	}
	profile, err := os.MkdirTemp("", "hubtest-chromium-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		// chromedp's default list (Translate,BlinkGenPropertyTrees) and
		// the address bar's WebUI popups: Chromium 156 loads both into
		// a renderer of their own as it starts, for a window headless
		// never shows, and that took 3 of the 5.5 s of CPU a start
		// cost (found with Target.getTargets: browser_ui targets
		// chrome://omnibox-popup.top-chrome/).
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,WebUIOmniboxPopup,WebUIOmniboxAimPopup"),
		chromedp.UserDataDir(profile),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(actx)
	stop := func() { cancelBrowser(); cancelAlloc(); os.RemoveAll(profile) }
	if err := chromedp.Do(ctx); err != nil { // starts it, with a first tab
		stop()
		return nil, err
	}
	c.ctx, c.stop = ctx, stop
	return ctx, nil
}

// Close stops the browser, if a test started it.
func (c *Chromium) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stop != nil {
		c.stop()
		c.ctx, c.stop = nil, nil
	}
}

// Do runs steps in the tab, failing the test at the first error.
func Do(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// Eval runs one action that yields a value, failing the test on error.
func Eval[T any](t testing.TB, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Until waits for a JavaScript condition to hold in the tab, across the
// reloads a preview causes (an evaluation cut short by a navigation is
// tried again).
func Until(t testing.TB, ctx context.Context, cond string) {
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

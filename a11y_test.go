package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/ideas-hub/hub/internal/hubtest"
)

// The accessibility test runs axe-core in Chromium on every page kind, at a
// phone's and a laptop's width, light and dark: each page kind with a
// layout of its own at one of the four in the quick run (quickViews), every
// page kind at all four in the long runs (hubtest.Long).
// axe-core is kept in testdata/axe (see its README), so the test needs no
// network or npm.

// axeRun opens every <details> (folded filters are read too, once a reader
// opens them), runs axe-core with the WCAG 2.2 A and AA rules (axe tags
// each rule with the version that brought it in) and lists each failing
// element.
const axeRun = `document.querySelectorAll("details").forEach(d => d.open = true);
axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
  resultTypes: ["violations"],
}).then(r => r.violations.flatMap(v => v.nodes.map(n => ({
  rule: v.id, help: v.help,
  target: n.target.join(" "),
  detail: [...n.any, ...n.all, ...n.none].map(c => c.message).join("; "),
}))))`

// axeFinding is one element that breaks one rule.
type axeFinding struct {
	Rule   string `json:"rule"`
	Help   string `json:"help"`
	Target string `json:"target"`
	Detail string `json:"detail"`
}

func TestAccessibility(t *testing.T) {
	t.Parallel()
	source, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	s := serveOwnSite(t)
	views := quickViews
	if hubtest.Long() {
		views = everyView
	}
	// The page kinds are shared between two tabs that run at once: a tab
	// spends much of each view waiting for Chromium to lay out the page
	// and for axe, and this test was the longest of the quick run.
	const tabs = 2
	var mu sync.Mutex
	found := map[axeFinding][]string{} // the pages and viewports each finding was seen at
	t.Run("tabs", func(t *testing.T) {
		for tab := range tabs {
			t.Run(fmt.Sprint(tab), func(t *testing.T) {
				t.Parallel()
				ctx := chromium.TabFor(t, true, 5*time.Minute)
				// Every document the tab opens gets axe-core before its own scripts.
				if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: string(source)}); err != nil {
					t.Fatal(err)
				}
				checkAxeFindsViolations(t, ctx)
				share := func(kind int) []viewport {
					if kind%tabs != tab {
						return nil
					}
					return views(kind)
				}
				eachView(t, ctx, s.url, share, func(k pageKind, v viewport) {
					findings, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeFinding](axeRun, chromedp.EvalAwaitPromise))
					if err != nil {
						t.Fatalf("%s at %s: running axe: %v", k.path, v, err)
					}
					mu.Lock()
					defer mu.Unlock()
					for _, f := range findings {
						found[f] = append(found[f], fmt.Sprintf("%s (%s) at %s", k.path, k.name, v))
					}
				})
			})
		}
	})
	for _, f := range slices.SortedFunc(func(yield func(axeFinding) bool) {
		for f := range found {
			if !yield(f) {
				return
			}
		}
	}, func(a, b axeFinding) int {
		return strings.Compare(found[a][0]+a.Rule+a.Target, found[b][0]+b.Rule+b.Target)
	}) {
		t.Errorf("%s: %s at %s: %s\n\tseen on %s", f.Rule, f.Help, f.Target, f.Detail, strings.Join(found[f], "\n\t         "))
	}
	kinds, n := 0, 0
	for i := range pageKinds {
		if len(views(i)) > 0 {
			kinds++
		}
		n += len(views(i))
	}
	t.Logf("axe-core ran on %d of %d page kinds at %d views", kinds, len(pageKinds), n)
}

// checkAxeFindsViolations runs axe on a page made to fail, so that a
// broken set-up (axe not loaded, the rules not selected) cannot pass.
func checkAxeFindsViolations(t *testing.T, ctx context.Context) {
	t.Helper()
	bad := `<!doctype html><title>Bad</title><img src="x.png"><button></button>`
	if err := chromedp.Do(ctx, chromedp.Navigate("data:text/html;charset=utf-8,"+url.PathEscape(bad))); err != nil {
		t.Fatal(err)
	}
	findings, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeFinding](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe: %v", err)
	}
	var rules []string
	for _, f := range findings {
		rules = append(rules, f.Rule)
	}
	for _, want := range []string{"html-has-lang", "image-alt", "button-name"} {
		if !slices.Contains(rules, want) {
			t.Fatalf("axe found %q on a page made to break %q", rules, want)
		}
	}
}

package sitesearch_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/ideas-hub/hub/internal/hubtest/browsertest"
)

// chromium is the browser the package's tests share (see browsertest.Chromium).
var chromium browsertest.Chromium

func TestMain(m *testing.M) {
	code := m.Run()
	chromium.Close()
	os.Exit(code)
}

// readResults is what a reader reads of a search, as JSON: the count, the
// facet groups beside the results, the form's taxonomy boxes, and each
// hit's terms, by URL.
const readResults = `JSON.stringify((() => {
	const read = (n) => n ? n.textContent.replace(/\s+/g, " ").trim() : "";
	const groups = [...document.querySelectorAll("aside.facets h3")].map((h) => [read(h),
		...[...h.nextElementSibling.querySelectorAll("a.facet")].map((a) => (a.classList.contains("selected") ? "*" : "") + a.getAttribute("href") + " " + read(a))]);
	const filters = [...document.querySelectorAll("form.search-form fieldset.term-filter")].map((f) => [f.dataset.param, read(f.querySelector("legend")),
		...[...f.querySelectorAll("label")].map((l) => (l.querySelector("input").checked ? "*" : "") + l.querySelector("input").name + "=" + l.querySelector("input").value + " " + read(l))]);
	const hits = {};
	for (const c of document.querySelectorAll(".hits .card")) hits[c.querySelector(".card-title a").getAttribute("href")] =
		[...c.querySelectorAll(".meta .terms")].map((s) => s.dataset.taxonomy + ": " + read(s) + " " + [...s.querySelectorAll("a")].map((a) => a.getAttribute("href")).join(" "));
	return {count: read(document.querySelector(".results-count")), chosen: read(document.querySelector(".filters summary")), groups, filters, hits};
})())`

// results reads the search shown in ctx's tab.
func results(t *testing.T, ctx context.Context) (string, map[string]any) {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](readResults))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return s, v
}

// With JavaScript, choosing a region in the form or among the facets
// filters the results, and the script draws the facet groups, the form's
// boxes and the hits' terms as the server draws them. Without it, the
// form's boxes filter as well. Parameters that are no filter never reach
// the endpoint from the script either.
func TestBrowserSearchByTaxonomy(t *testing.T) {
	s := newHubSite(t, regionsSite, regionsSchema())
	ctx, noJS := chromium.Tab(t, true), chromium.Tab(t, false)
	wantServer := func(path string) string {
		t.Helper()
		browsertest.Do(t, noJS, chromedp.Navigate(s.served.URL+path), chromedp.WaitVisible(chromedp.CSS(".results-count")))
		page, _ := results(t, noJS)
		return page
	}
	server := wantServer("/search/?q=timebank&region=wales")

	// Tick Wales in the form: the script searches and redraws.
	browsertest.Do(t, ctx,
		chromedp.Navigate(s.served.URL+"/search/?q=timebank"),
		chromedp.WaitVisible(chromedp.CSS(".hits .card")),
		chromedp.Click(chromedp.CSS(".filters summary")),
		chromedp.Click(chromedp.CSS(`fieldset.term-filter input[value="wales"]`)),
	)
	browsertest.Until(t, ctx, `location.search === "?q=timebank&region=wales" && document.querySelectorAll(".hits .card").length === 2 && !!document.querySelector('a.facet.selected[data-term="wales"]')`)
	js, seen := results(t, ctx)
	if js != server {
		t.Errorf("after ticking Wales the script draws\n%s\nthe server draws\n%s", js, server)
	}
	if hits := seen["hits"].(map[string]any); len(hits) != 2 || hits["/case-studies/valley-timebank/"] == nil || hits["/case-studies/harbour-timebank/"] == nil {
		t.Errorf("ticking Wales finds %v, want the valley's and the harbour's timebanks", hits)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.name + "=" + document.activeElement.value`))
	if err != nil || focused != "region=wales" {
		t.Errorf("after the redraw, focus is on %q, want the box ticked (%v)", focused, err)
	}

	// Choose South West among the facets: both regions now, in the form too.
	server = wantServer("/search/?q=timebank&region=wales&region=south-west")
	browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(`a.facet[data-field="region"][data-term="south-west"]`)))
	browsertest.Until(t, ctx, `location.search === "?q=timebank&region=wales&region=south-west" && document.querySelectorAll(".hits .card").length === 3`)
	if js, _ := results(t, ctx); js != server {
		t.Errorf("after choosing South West the script draws\n%s\nthe server draws\n%s", js, server)
	}

	// Without JavaScript the form's boxes filter once the form is sent.
	browsertest.Do(t, noJS,
		chromedp.Navigate(s.served.URL+"/search/?q=timebank"),
		chromedp.Click(chromedp.CSS(".filters summary")),
		chromedp.Click(chromedp.CSS(`fieldset.term-filter input[value="south-west"]`)),
		chromedp.Click(chromedp.CSS(".filters button[type=submit]")),
	)
	browsertest.Until(t, noJS, `location.search.includes("region=south-west")`)
	browsertest.Do(t, noJS, chromedp.WaitVisible(chromedp.CSS(".results-count")))
	if _, seen := results(t, noJS); seen["count"] != "1 result for “timebank”" {
		t.Errorf("without JavaScript, ticking South West and applying: %v", seen)
	}

	// A shared link with utm_source: back to it, the script asks the
	// endpoint again, without it.
	browsertest.Do(t, ctx,
		chromedp.Navigate(s.served.URL+"/search/?q=timebank&utm_source=newsletter"),
		chromedp.WaitVisible(chromedp.CSS(".hits .card")),
		chromedp.Click(chromedp.CSS(`a.facet[data-field="region"][data-term="wales"]`)),
	)
	browsertest.Until(t, ctx, `document.querySelectorAll(".hits .card").length === 2`)
	browsertest.Do(t, ctx, chromedp.NavigateBack())
	browsertest.Until(t, ctx, `location.search === "?q=timebank&utm_source=newsletter" && document.querySelectorAll(".hits .card").length === 4 && !document.querySelector(".notice.error")`)

	// On a static host the script alone searches, from the URL.
	browsertest.Do(t, ctx, chromedp.Navigate(s.static.URL+"/search/?q=timebank&utm_source=newsletter"))
	browsertest.Until(t, ctx, `!!document.querySelector(".results-count, .notice.error")`)
	page, seen := results(t, ctx)
	if seen["count"] != "4 results for “timebank”" {
		t.Errorf("the static page with utm_source: %v", seen)
	}
	// The script names each region as the site spells it, as it does tags,
	// in the facets, the form and the hits.
	for _, want := range []string{"South West 1 result", "region=wales Wales 2 results", "Regions: Wales /regions/wales/"} {
		if !strings.Contains(page, want) {
			t.Errorf("the static page's script draws no %q:\n%s", want, page)
		}
	}
}

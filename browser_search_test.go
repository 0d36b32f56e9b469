package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/internal/hubtest/browsertest"
)

// resultsLabels is what a reader reads in the search results: each facet's
// label by field and term, and each hit's type, date and tags by URL.
const resultsLabels = `(() => {
	const facets = {};
	for (const a of document.querySelectorAll("a.facet")) facets[a.dataset.field + "=" + a.dataset.term] = a.firstChild.nodeType === 3 ? a.firstChild.textContent.trim() : a.childNodes[1].textContent.trim();
	const hits = {};
	for (const c of document.querySelectorAll(".hits .card")) hits[c.querySelector(".card-title a").getAttribute("href")] = {
		type: c.querySelector(".type").textContent,
		date: c.querySelector("time") ? c.querySelector("time").textContent : "",
		tags: [...c.querySelectorAll(".tags a")].map((a) => a.textContent),
		terms: [...c.querySelectorAll(".terms a")].map((a) => a.textContent),
	};
	return {facets, hits};
})()`

type labelsSeen struct {
	Facets map[string]string `json:"facets"`
	Hits   map[string]struct {
		Type string   `json:"type"`
		Date string   `json:"date"`
		Tags []string `json:"tags"`
		// Terms are the names of its authors, organisations and regions.
		Terms []string `json:"terms"`
	} `json:"hits"`
}

// After the script redraws the results they read as the server-rendered
// page did: plural type names and tag names in the facets, the site's long
// dates and tag names on the hits, whatever the browser's locale; and the
// keyboard focus stays on the facet the reader chose.
func TestBrowserSearchReadsAsTheServerPage(t *testing.T) {
	t.Parallel()
	s := serve(t, hubtest.CopySite(t, "testdata/site"), "--watch=false")
	ctx := chromium.Tab(t, true)
	if _, err := chromedp.Call(ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "de_DE"}); err != nil {
		t.Fatal(err)
	}
	browsertest.Do(t, ctx, chromedp.Navigate(s.url+"search/?tag=co-production"), chromedp.WaitVisible(chromedp.CSS(".hits .card")))
	server, err := chromedp.Run(ctx, chromedp.Evaluate[labelsSeen](resultsLabels))
	if err != nil {
		t.Fatal(err)
	}
	if server.Facets["type=event"] != "Events" || server.Facets["tag=wales"] != "Wales" || server.Hits["/events/roadshow/"].Date != "29 March 2027" {
		t.Fatalf("the server-rendered page: %+v", server)
	}
	// Authors, organisations and regions read as their term pages name
	// them, as tags do, not as the slugs the endpoint answers with.
	if got := strings.Join(server.Hits["/case-studies/night-bus/"].Terms, ", "); got != "Nia Evans, Example Community Transport, Wales" {
		t.Errorf("the server-rendered page names the night bus's terms %q", got)
	}
	if server.Facets["author=nia-evans"] != "Nia Evans" || server.Facets["region=wales"] != "Wales" {
		t.Errorf("the server-rendered page's facets: %v", server.Facets)
	}

	// Choose the "Events" facet from the keyboard: the script redraws.
	browsertest.Do(t, ctx,
		chromedp.Focus(chromedp.CSS(`a.facet[data-field="type"][data-term="event"]`)),
		chromedp.KeyEvent("\r"),
	)
	browsertest.Until(t, ctx, `!!document.querySelector('a.facet.selected[data-term="event"]') && location.search.includes("type=event")`)
	js, err := chromedp.Run(ctx, chromedp.Evaluate[labelsSeen](resultsLabels))
	if err != nil {
		t.Fatal(err)
	}
	for key, label := range js.Facets {
		if want, ok := server.Facets[key]; ok && label != want {
			t.Errorf("facet %s reads %q after the script's update, %q on the server's page", key, label, want)
		}
	}
	if js.Facets["type=event"] != "Events" || js.Facets["tag=wales"] != "Wales" {
		t.Errorf("facets after the script's update: %v", js.Facets)
	}
	if len(js.Hits) == 0 {
		t.Fatal("no hits after choosing the facet")
	}
	for url, hit := range js.Hits {
		if want := server.Hits[url]; hit.Type != want.Type || hit.Date != want.Date || strings.Join(hit.Tags, ",") != strings.Join(want.Tags, ",") {
			t.Errorf("hit %s reads %+v after the script's update, %+v on the server's page", url, hit, want)
		}
	}
	focused := browsertest.Eval(t, ctx, chromedp.Evaluate[string](`(a => a ? a.tagName + " " + a.className + " " + (a.dataset.term || "") : "")(document.activeElement)`))
	if focused != "A facet selected event" {
		t.Errorf("after choosing a facet, focus is on %q, want the facet (now selected)", focused)
	}
	// Enter again removes it, and focus stays on it still.
	browsertest.Do(t, ctx, chromedp.KeyEvent("\r"))
	browsertest.Until(t, ctx, `!document.querySelector('a.facet.selected[data-term="event"]') && !location.search.includes("type=event")`)
	if focused := browsertest.Eval(t, ctx, chromedp.Evaluate[string](`document.activeElement.dataset.term || document.activeElement.tagName`)); focused != "event" {
		t.Errorf("after removing the facet, focus is on %q", focused)
	}
	// The script has drawn the first search again: every facet and hit
	// reads as the server drew them, terms of every taxonomy included.
	browsertest.Until(t, ctx, `!!document.querySelector('.hits .card-title a[href="/case-studies/night-bus/"]')`)
	again, err := chromedp.Run(ctx, chromedp.Evaluate[labelsSeen](resultsLabels))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range server.Facets {
		if again.Facets[key] != want {
			t.Errorf("facet %s reads %q as the script draws it again, %q on the server's page", key, again.Facets[key], want)
		}
	}
	for url, want := range server.Hits {
		if got := again.Hits[url]; !slices.Equal(got.Terms, want.Terms) {
			t.Errorf("hit %s names its terms %q as the script draws it again, %q on the server's page", url, got.Terms, want.Terms)
		}
	}

	// A search typed into the static page's form, drawn only by the script.
	browsertest.Do(t, ctx,
		chromedp.Navigate(s.url+"search/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "roadshow"),
	)
	browsertest.Until(t, ctx, `!!document.querySelector(".hits time")`)
	if date := browsertest.Eval(t, ctx, chromedp.Text(chromedp.CSS(".hits time"))); date != "29 March 2027" {
		t.Errorf("the script writes the date %q, want 29 March 2027", date)
	}
	// A tag chosen from the facets joins the form, by name, and the next
	// words typed search within it.
	browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(`a.facet[data-term="wales"]`)))
	browsertest.Until(t, ctx, `location.search === "?q=roadshow&tag=wales" && !!document.querySelector("a.facet.selected")`)
	chosen := browsertest.Eval(t, ctx, chromedp.Evaluate[string](`document.querySelector("fieldset.tags-chosen label").textContent.trim() + " | " + document.querySelector(".filters summary").textContent`))
	if chosen != "Wales | Filters and sorting (1 chosen)" {
		t.Errorf("the form after choosing a tag: %q", chosen)
	}
	browsertest.Do(t, ctx, chromedp.SendKeys(chromedp.ID("q"), " co-production"))
	browsertest.Until(t, ctx, `location.search === "?q=roadshow+co-production&tag=wales"`)
}

// drawnResults is the markup of the results, with the parameters of each
// link to a search in one order (the server sorts them, the script keeps
// the order the reader chose them in: the same search).
const drawnResults = `(() => {
	const copy = document.getElementById("search-results").cloneNode(true);
	for (const a of copy.querySelectorAll('a[href^="/search/?"]')) {
		const p = new URLSearchParams(a.getAttribute("href").slice(9));
		p.sort();
		a.setAttribute("href", "/search/?" + p);
	}
	return copy.innerHTML;
})()`

// box is where an element lies on the page, in CSS pixels.
type box struct{ Top, Left, Bottom float64 }

const layoutBoxes = `(() => {
	const at = (sel) => { const e = document.querySelector(sel); if (!e) return null; const r = e.getBoundingClientRect(); return {top: r.top + scrollY, left: r.left, bottom: r.bottom + scrollY}; };
	return {hit: at(".hits .card"), facets: at("aside.facets")};
})()`

// On a phone the results come first and the filters wait below them, with
// JavaScript and without, with filters chosen and without; on a wide screen
// the facets take the column to the right of the results.
func TestBrowserSearchResultsFirstOnAPhone(t *testing.T) {
	t.Parallel()
	s := serve(t, ownSite(t), "--watch=false")
	shots := os.Getenv("HUB_SCREENSHOTS")
	for _, javascript := range []bool{false, true} {
		ctx := chromium.Tab(t, javascript)
		for _, width := range []int64{360, 1280} {
			for _, query := range []string{"q=timebank", "q=timebank&type=case-study&tag=wales"} {
				browsertest.Do(t, ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(s.url+"search/?"+query), chromedp.WaitVisible(chromedp.CSS(".hits .card")))
				if javascript { // the results as the script draws them, from the same form
					server := browsertest.Eval(t, ctx, chromedp.Evaluate[string](drawnResults))
					browsertest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector(".results-count").dataset.server = "yes"; document.querySelector("form.search-form").requestSubmit()`))
					browsertest.Until(t, ctx, `!!document.querySelector(".results-count:not([data-server])") && !!document.querySelector(".hits .card")`)
					// Drawn alike, they read alike: labels, dates, order.
					if drawn := browsertest.Eval(t, ctx, chromedp.Evaluate[string](drawnResults)); drawn != server {
						i := 0
						for i < min(len(drawn), len(server)) && drawn[i] == server[i] {
							i++
						}
						from := max(0, i-200)
						t.Errorf("%d px, %s: the script draws the results unlike the server, from byte %d:\n%s\nwant\n%s", width, query, i, drawn[from:min(len(drawn), i+200)], server[from:min(len(server), i+200)])
					}
				}
				boxes, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]*box](layoutBoxes))
				if err != nil {
					t.Fatal(err)
				}
				hit, facets := boxes["hit"], boxes["facets"]
				name := fmt.Sprintf("%d px, JavaScript %v, %s", width, javascript, query)
				if hit == nil || facets == nil {
					t.Fatalf("%s: no result or no facets: %+v", name, boxes)
				}
				switch {
				case width == 360 && (hit.Top > 600 || facets.Top < hit.Bottom):
					t.Errorf("%s: the first result is at %.0f px, the filters at %.0f px; want the result first, within 600 px", name, hit.Top, facets.Top)
				case width == 1280 && (facets.Left <= hit.Left || facets.Top > hit.Bottom):
					t.Errorf("%s: the facets at (%.0f, %.0f), the first result at (%.0f, %.0f); want them beside it, to its right", name, facets.Left, facets.Top, hit.Left, hit.Top)
				}
				if shots != "" && !strings.Contains(query, "&") {
					png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
					if err != nil {
						t.Fatal(err)
					}
					js := map[bool]string{true: "js", false: "nojs"}[javascript]
					file := filepath.Join(shots, fmt.Sprintf("search-%s-%d-%s.png", regexp.MustCompile(`\W+`).ReplaceAllString(query, "-"), width, js))
					if err := os.WriteFile(file, png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
}

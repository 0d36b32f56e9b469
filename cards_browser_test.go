package main

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/ideas-hub/hub/internal/hubtest/browsertest"
)

// cardTagCap is how many of its tags a card links to; the rest are
// counted in plain text. A card's own page lists them all.
const cardTagCap = 3

// tabStops presses Tab through the page from its top and counts the
// elements that take focus, and how many of them are in a card's tag list.
func tabStops(t *testing.T, ctx context.Context) (stops, cardTags int) {
	t.Helper()
	const step = `(() => {
	  const e = document.activeElement;
	  if (!e || e === document.body || e.dataset.tabStop) return "";
	  e.dataset.tabStop = "1";
	  return e.closest(".card .tags") ? "card-tag" : "other";
	})()`
	for range 1000 { // a bound on a hung loop, far above any page's stops
		browsertest.Do(t, ctx, chromedp.KeyEvent(kb.Tab))
		switch browsertest.Eval(t, ctx, chromedp.Evaluate[string](step)) {
		case "":
			return stops, cardTags
		case "card-tag":
			cardTags++
		}
		stops++
	}
	t.Fatal("focus never left the page")
	return
}

// card is what the test reads of one card on a page.
type card struct {
	Href       string `json:"href"`       // the title link's
	TitleFirst bool   `json:"titleFirst"` // the title link is the card's first focusable element
	TagLinks   int    `json:"tagLinks"`
	More       string `json:"more"`       // the "+N more" text, if any
	MoreLinked bool   `json:"moreLinked"` // it is, or holds, a link
	AllTags    int    `json:"allTags"`    // the tags its page lists
}

const readCards = `(async () => {
  const cards = [];
  for (const c of document.querySelectorAll(".card")) {
    const title = c.querySelector(".card-title a");
    const more = c.querySelector(".tags-more");
    const page = new DOMParser().parseFromString(await (await fetch(title.href)).text(), "text/html");
    cards.push({
      href: title.getAttribute("href"),
      titleFirst: c.querySelector("a[href], button, input, select, textarea, [tabindex]") === title,
      tagLinks: c.querySelectorAll(".tags a").length,
      more: more ? more.textContent : "",
      moreLinked: !!(more && (more.closest("a") || more.querySelector("a"))),
      allTags: page.querySelectorAll("main .tags:not(.card .tags) a").length,
    });
  }
  return cards;
})()`

// Cards link to a few of their tags, so a keyboard reader does not tab
// through every tag of every card: the home page at 360 px had 103 tab
// stops, 55 of them tag pills on cards.
func TestBrowserCardsKeepTheKeyboardShort(t *testing.T) {
	t.Parallel()
	s := serve(t, ownSite(t), "--watch=false", "--now", "2026-11-22 09:00")
	ctx := chromium.Tab(t, true)
	browsertest.Do(t, ctx, chromedp.EmulateViewport(360, 800, chromedp.EmulateMobile),
		chromedp.Navigate(s.url), chromedp.WaitVisible(chromedp.CSS("footer")))

	cards, err := chromedp.Run(ctx, chromedp.Evaluate[[]card](readCards, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	capped := 0
	for _, c := range cards {
		want := ""
		if c.AllTags > cardTagCap {
			want = "+" + strconv.Itoa(c.AllTags-cardTagCap) + " more"
			capped++
		}
		if c.TagLinks != min(c.AllTags, cardTagCap) || c.More != want || c.MoreLinked || !c.TitleFirst {
			t.Errorf("card %s: %d tag links and %q (linked %v) for a page of %d tags; title link first: %v",
				c.Href, c.TagLinks, c.More, c.MoreLinked, c.AllTags, c.TitleFirst)
		}
	}
	if len(cards) < 10 || capped == 0 {
		t.Fatalf("%d cards, %d with more tags than shown: the home page is not the one this test is about", len(cards), capped)
	}

	height := browsertest.Eval(t, ctx, chromedp.Evaluate[string](`String(document.documentElement.scrollHeight)`))
	stops, cardTags := tabStops(t, ctx)
	t.Logf("home page at 360 px: %s px long, %d tab stops, %d of them card tags, %d cards", height, stops, cardTags, len(cards))
	// Each card: its title and at most cardTagCap tags. The rest of the
	// page (skip link, header, menu, search, "See all" links, popular
	// tags, footer) had 35 stops when this was written; 40 leaves room.
	if cardTags > cardTagCap*len(cards) {
		t.Errorf("Tab meets %d card tags on %d cards; want at most %d a card", cardTags, len(cards), cardTagCap)
	}
	if limit := (1+cardTagCap)*len(cards) + 40; stops > limit {
		t.Errorf("%d tab stops for %d cards; want at most %d", stops, len(cards), limit)
	}
}

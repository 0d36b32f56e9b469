package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/ideas-hub/hub/internal/hubtest/browsertest"
)

// cardLinks counts a similar article's links: to the article (its title
// alone should be one), to its authors' pages, and to anything else.
type cardLinks struct {
	Article, Authors, Other int
}

// similarGrid is what the test reads of a page's "Similar articles".
type similarGrid struct {
	Cards int         `json:"cards"`
	Rows  []string    `json:"rows"` // each row: how many cards, and whether they fill it edge to edge
	Links []cardLinks `json:"links"`
	Meta  []bool      `json:"meta"` // each card shows its date or time, and a summary
}

const readSimilar = `(() => {
  const grid = document.querySelector(".related .cards");
  if (!grid) return {cards: 0, rows: [], links: [], meta: []};
  const g = grid.getBoundingClientRect();
  const rows = new Map();
  for (const li of grid.children) {
    const r = li.getBoundingClientRect();
    const top = Math.round(r.top);
    const row = rows.get(top) || {n: 0, left: 1e9, right: -1e9};
    row.n++; row.left = Math.min(row.left, r.left); row.right = Math.max(row.right, r.right);
    rows.set(top, row);
  }
  const out = [];
  for (const row of rows.values())
    out.push(row.n + (Math.abs(row.left - g.left) < 2 && Math.abs(row.right - g.right) < 2 ? " full" : " gap"));
  const cards = [...grid.querySelectorAll(".card")];
  return {cards: cards.length, rows: out,
    links: cards.map(c => {
      const title = c.querySelector(".card-title a"), links = [...c.querySelectorAll("a[href]")];
      const author = a => new URL(a.href).pathname.startsWith("/authors/");
      return {Article: links.filter(a => title && a.href === title.href).length,
        Authors: links.filter(author).length,
        Other: links.filter(a => !(title && a.href === title.href) && !author(a)).length};
    }),
    meta: cards.map(c => !!c.querySelector("time") && !!c.querySelector(".card-summary"))};
})()`

// Similar articles: every row of the grid is full at a phone's, a
// tablet's and a laptop's width, whatever the number of cards (five left
// one card alone on a second row of a four-column grid before), each
// card's one link to its article is its title, and its authors link to
// their pages.
func TestBrowserSimilarArticlesLeaveNoCardAlone(t *testing.T) {
	t.Parallel()
	s := serveOwnSite(t)
	ctx := chromium.TabFor(t, false, 5*time.Minute)
	pages := []string{"case-studies/denbighshire-nightrider/", "stories/why-the-uniforms-went/",
		"events/stewardship-evening-accountability/", "report-reviews/the-art-of-powerful-questions/", "about/"}
	counts := map[int]bool{}
	authors := 0
	for _, width := range []int64{360, 768, 1280} {
		browsertest.Do(t, ctx, chromedp.EmulateViewport(width, 900))
		for _, p := range pages {
			browsertest.Do(t, ctx, chromedp.Navigate(s.url+p), chromedp.WaitVisible(chromedp.CSS("h1")))
			grid, err := chromedp.Run(ctx, chromedp.Evaluate[similarGrid](readSimilar))
			if err != nil {
				t.Fatal(err)
			}
			counts[grid.Cards] = true
			for _, row := range grid.Rows {
				if row[len(row)-3:] == "gap" {
					t.Errorf("%s at %d px: rows %v: a row with a gap beside its cards", p, width, grid.Rows)
					break
				}
			}
			for i, l := range grid.Links {
				authors += l.Authors
				if l.Article != 1 || l.Other != 0 || !grid.Meta[i] {
					t.Errorf("%s at %d px: card %d has %d links to its article (want its title alone) and %d to neither it nor an author; date and summary %v",
						p, width, i+1, l.Article, l.Other, grid.Meta[i])
				}
			}
		}
	}
	if authors == 0 {
		t.Error("no similar article's card links an author")
	}
	if !counts[5] {
		t.Errorf("no page checked had five similar articles (counts %v)", counts)
	}
}

// Share links: there without JavaScript, each named for what it does;
// "Copy link" only where a script can copy; none of it in print.
func TestBrowserShareLinks(t *testing.T) {
	t.Parallel()
	s := serveOwnSite(t)
	page := s.url + "stories/why-the-uniforms-went/"
	const read = `[...document.querySelectorAll(".share a")].map(a => a.textContent).join("|") +
	  " copy:" + (document.querySelector(".share-copy").offsetParent !== null)`
	for _, js := range []bool{false, true} {
		ctx := chromium.Tab(t, js)
		browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("h1")))
		got := browsertest.Eval(t, ctx, chromedp.Evaluate[string](read))
		want := fmt.Sprintf("Email a link to this article|Share on LinkedIn|Share on Bluesky|Share on Mastodon|Share on WhatsApp copy:%v", js)
		if got != want {
			t.Errorf("JavaScript %v: %s, want %s", js, got, want)
		}
		if js {
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				t.Fatal(err)
			}
			if shown := browsertest.Eval(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".share")).display`)); shown != "none" {
				t.Errorf("share links print (display %s)", shown)
			}
		}
	}
}

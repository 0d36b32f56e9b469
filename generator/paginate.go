package generator

import (
	"strconv"

	"github.com/ideas-hub/hub/generator/content"
)

// pagerPage is one page of a paginated list.
type pagerPage struct {
	Pager *Pager
	Pages []*content.Page
}

// paginate splits pages into pages of size items under base ("/events/"):
// page 1 is base itself, page N is base + "page/N/". An empty list still has
// one (empty) page, so the list URL always exists.
func paginate(pages []*content.Page, size int, base string) []pagerPage {
	out := make([]pagerPage, pageCount(len(pages), size))
	for i := range out {
		out[i] = pagerPageAt(pages, size, base, i+1)
	}
	return out
}

// pagerPagesShowing returns the pages of paginate(pages, size, base) that
// show a page for which show is true, making only those.
func pagerPagesShowing(pages []*content.Page, size int, base string, show func(*content.Page) bool) []pagerPage {
	var out []pagerPage
	for i, p := range pages {
		if n := i/size + 1; show(p) && (len(out) == 0 || out[len(out)-1].Pager.Number != n) {
			out = append(out, pagerPageAt(pages, size, base, n))
		}
	}
	return out
}

// pagerPageAt is page n of paginate(pages, size, base).
func pagerPageAt(pages []*content.Page, size int, base string, n int) pagerPage {
	lo := (n - 1) * size
	pg := NewPager(n, pageCount(len(pages), size), len(pages), func(n int) string { return pageURL(base, n) })
	return pagerPage{Pager: pg, Pages: pages[lo:min(lo+size, len(pages))]}
}

// pageCount is how many pages of size items a list of items takes: at
// least one, so the list URL always exists.
func pageCount(items, size int) int { return max(1, (items+size-1)/size) }

// NewPager describes page number current of total pages holding items in
// all, with url giving each page's address.
func NewPager(current, total, items int, url func(n int) string) *Pager {
	pg := &Pager{Number: current, Total: total, Items: items, Links: pagerLinks(current, total, url)}
	if current > 1 {
		pg.Prev = url(current - 1)
	}
	if current < total {
		pg.Next = url(current + 1)
	}
	return pg
}

func pageURL(base string, n int) string {
	if n == 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// pagerLinks lists the first and last pages and two either side of the
// current one, so long lists stay short to navigate by keyboard.
func pagerLinks(current, total int, url func(int) string) []PageLink {
	var links []PageLink
	last := 0
	for n := 1; n <= total; n++ {
		if n != 1 && n != total && (n < current-2 || n > current+2) {
			continue
		}
		links = append(links, PageLink{Number: n, URL: url(n), Current: n == current, GapBefore: last != 0 && n != last+1})
		last = n
	}
	return links
}

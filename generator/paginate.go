package generator

import "strconv"

// pagerPage is one page of a paginated list.
type pagerPage struct {
	Pager *Pager
	Pages []*Page
}

// paginate splits pages into pages of size items under base ("/events/"):
// page 1 is base itself, page N is base + "page/N/". An empty list still has
// one (empty) page, so the list URL always exists.
func paginate(pages []*Page, size int, base string) []pagerPage {
	total := max(1, (len(pages)+size-1)/size)
	out := make([]pagerPage, total)
	for i := range out {
		lo := i * size
		pg := NewPager(i+1, total, len(pages), func(n int) string { return pageURL(base, n) })
		out[i] = pagerPage{Pager: pg, Pages: pages[lo:min(lo+size, len(pages))]}
	}
	return out
}

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

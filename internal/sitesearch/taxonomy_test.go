package sitesearch_test

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// facetGroups reads the facets beside the results: each group's heading
// and its facets as "field=term text", a selected one marked with *.
func facetGroups(doc *html.Node) map[string][]string {
	groups := map[string][]string{}
	aside := first(doc, tag("aside", "facets"))
	if aside == nil {
		return groups
	}
	for _, h := range all(aside, tag("h3")) {
		list := h.NextSibling
		for list != nil && list.Type != html.ElementNode {
			list = list.NextSibling
		}
		for _, a := range all(list, tag("a", "facet")) {
			mark := ""
			if hasClass(a, "selected") {
				mark = "*"
			}
			groups[text(h)] = append(groups[text(h)], mark+attr(a, "data-field")+"="+attr(a, "data-term")+" "+text(a))
		}
	}
	return groups
}

// termFilters reads the search form's boxes of one taxonomy: its legend
// and each box as "name=value label", a checked one marked with *.
func termFilters(doc *html.Node, param string) (string, []string) {
	form := first(doc, tag("form", "search-form"))
	if form == nil {
		return "", nil
	}
	fs := first(form, func(n *html.Node) bool { return tag("fieldset", "term-filter")(n) && attr(n, "data-param") == param })
	if fs == nil {
		return "", nil
	}
	var boxes []string
	for _, label := range all(fs, tag("label")) {
		box := first(label, tag("input"))
		mark := ""
		if hasAttr(box, "checked") {
			mark = "*"
		}
		boxes = append(boxes, mark+attr(box, "name")+"="+attr(box, "value")+" "+text(label))
	}
	return text(first(fs, tag("legend"))), boxes
}

// hitTerms reads each hit's terms in its meta line, by the hit's URL.
func hitTerms(doc *html.Node) map[string][]string {
	hits := map[string][]string{}
	for _, card := range all(doc, tag("article", "card")) {
		url := attr(first(card, tag("a")), "href")
		hits[url] = []string{}
		for _, span := range all(first(card, tag("p", "meta")), tag("span", "terms")) {
			var links []string
			for _, a := range all(span, tag("a")) {
				links = append(links, attr(a, "href"))
			}
			hits[url] = append(hits[url], attr(span, "data-taxonomy")+": "+text(span)+" "+strings.Join(links, " "))
		}
	}
	return hits
}

// The served search page shows a facet group for each taxonomy of the
// index with its title and counts, the chosen term selected; the form has
// the taxonomy's terms as boxes with their counts, the chosen one ticked
// (in any spelling the endpoint takes); and each hit shows its terms.
// Terms are named as the site spells them ("South West"), as tags are.
func TestSearchPageShowsEveryTaxonomy(t *testing.T) {
	s := newHubSite(t, regionsSite, regionsSchema())
	code, doc := get(t, s.served, "/search/?q=timebank&region=Wales")
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	groups := facetGroups(doc)
	if want := []string{"*region=wales Remove filter: Wales 2 results", "region=south-west South West 1 result"}; !slices.Equal(groups["Regions"], want) {
		t.Errorf("the Regions facet group: %q, want %q (all groups: %q)", groups["Regions"], want, groups)
	}
	if want := []string{"tag=timebanking Timebanking 2 results", "tag=repair Repair 1 result"}; !slices.Equal(groups["Tags"], want) {
		t.Errorf("the Tags facet group: %q, want %q", groups["Tags"], want)
	}
	var headings []string
	for _, h := range all(first(doc, tag("aside", "facets")), tag("h3")) {
		headings = append(headings, text(h))
	}
	if want := []string{"Type", "Tags", "Regions"}; !slices.Equal(headings, want) {
		t.Errorf("facet groups %q, want %q", headings, want)
	}
	legend, boxes := termFilters(doc, "region")
	if want := []string{"*region=wales Wales 2 results", "region=south-west South West 1 result"}; legend != "Regions" || !slices.Equal(boxes, want) {
		t.Errorf("the form's regions: %q %q, want Regions %q", legend, boxes, want)
	}
	if got := text(first(doc, tag("span", "chosen"))); got != "(1 chosen)" {
		t.Errorf("the folded filters say %q, want (1 chosen)", got)
	}
	wantHits := map[string][]string{
		"/case-studies/valley-timebank/":  {"regions: Regions: Wales /regions/wales/"},
		"/case-studies/harbour-timebank/": {"regions: Regions: Wales /regions/wales/"},
	}
	if got := hitTerms(doc); !mapsEqual(got, wantHits) {
		t.Errorf("hits and their terms: %q, want %q", got, wantHits)
	}
	// The facet adds or removes its term, and nothing else.
	for _, a := range all(doc, tag("a", "facet")) {
		if attr(a, "data-term") == "south-west" && attr(a, "href") != "/search/?q=timebank&region=Wales&region=south-west" {
			t.Errorf("south-west's facet links %s", attr(a, "href"))
		}
		if attr(a, "data-term") == "wales" && attr(a, "href") != "/search/?q=timebank" {
			t.Errorf("the chosen wales's facet links %s, want it removed", attr(a, "href"))
		}
	}

	// Without the filter, every hit shows its terms; the story has none.
	_, doc = get(t, s.served, "/search/?q=timebank")
	wantHits = map[string][]string{
		"/case-studies/valley-timebank/":  {"regions: Regions: Wales /regions/wales/"},
		"/case-studies/harbour-timebank/": {"regions: Regions: Wales /regions/wales/"},
		"/case-studies/moor-timebank/":    {"regions: Regions: South West /regions/south-west/"},
		"/stories/first-hour/":            {},
	}
	if got := hitTerms(doc); !mapsEqual(got, wantHits) {
		t.Errorf("hits and their terms: %q, want %q", got, wantHits)
	}
	if _, boxes := termFilters(doc, "region"); !slices.Equal(boxes, []string{"region=wales Wales 2 results", "region=south-west South West 1 result"}) {
		t.Errorf("the form's regions, none chosen: %q", boxes)
	}

	// A taxonomy's filter alone is a search, as on the endpoint.
	_, doc = get(t, s.served, "/search/?region=south-west")
	if got := hitTerms(doc); len(got) != 1 || got["/case-studies/moor-timebank/"] == nil {
		t.Errorf("?region=south-west: hits %q", got)
	}

	// Beside a problem, which counts nothing, the form keeps the chosen
	// term, so that sending it again keeps the filter.
	code, doc = get(t, s.served, "/search/?q=timebank&region=wales&sort=sideways")
	if _, boxes := termFilters(doc, "region"); code != 400 || !slices.Equal(boxes, []string{"*region=wales wales"}) {
		t.Errorf("a bad sort: status %d, the form's regions %q", code, boxes)
	}
}

// A site whose index has only tags gets no other group, box or line.
func TestSearchPageWithTagsOnly(t *testing.T) {
	s := newHubSite(t, regionsSite, tagsSchema())
	_, doc := get(t, s.served, "/search/?q=timebank")
	if groups := facetGroups(doc); len(groups) != 2 || groups["Type"] == nil || groups["Tags"] == nil {
		t.Errorf("facet groups %q, want Type and Tags", groups)
	}
	if fs := first(doc, tag("fieldset", "term-filter")); fs != nil || strings.Contains(text(first(doc, func(n *html.Node) bool { return attr(n, "id") == "search-labels" })), "taxonomies") {
		t.Errorf("a site with tags only has taxonomy filters in its form or script labels")
	}
}

// A link to the search page may carry parameters that are no filter (a
// shared link's utm_source): the page drops them and searches, though the
// endpoint refuses them, as it refuses an unknown filter.
func TestSearchPageDropsWhatIsNoFilter(t *testing.T) {
	s := newHubSite(t, regionsSite, regionsSchema())
	res, err := http.Get(s.served.URL + "/search/?q=timebank&utm_source=newsletter&fbclid=x1")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	doc, _ := html.Parse(strings.NewReader(string(body)))
	if res.StatusCode != 200 || first(doc, tag("div", "error")) != nil || text(first(doc, tag("h2", "results-count"))) != "4 results for “timebank”" {
		t.Errorf("status %d, results %q\n%s", res.StatusCode, text(first(doc, tag("h2", "results-count"))), body)
	}
	if strings.Contains(string(body), "utm_source") || strings.Contains(string(body), "fbclid") {
		t.Errorf("the page's links carry the parameters that are no filter")
	}
	for _, query := range []string{"q=timebank&utm_source=newsletter", "q=timebank&nope=x", "nope=x"} {
		res, err := http.Get(s.served.URL + "/api/search?" + query)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 400 || !strings.Contains(string(body), `"error":"unknown parameter`) {
			t.Errorf("/api/search?%s: %d %s, want 400 for the unknown parameter", query, res.StatusCode, body)
		}
	}
}

func mapsEqual(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !slices.Equal(v, w) {
			return false
		}
	}
	return true
}

package bleveengine

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/search"
)

// qualityDocs is a small hub for the tests of soft AND, synonyms,
// questions and compounds; each test relies on what its pages say.
func qualityDocs() []search.Document {
	doc := func(url, typ, title, body string, tags ...string) search.Document {
		return search.Document{URL: url, Type: typ, Title: title, Body: body, Tags: tags}
	}
	return []search.Document{
		doc("/carers-group/", "case-study", "A support group for carers", "Carers meet every week in the library; the group evaluation found they felt less alone.", "carers"),
		doc("/carers-cafe/", "case-study", "Carers cafe", "A support group meets at the cafe, where carers drop in for advice.", "carers"),
		doc("/carers-walk/", "story", "Walking with carers", "A walk for carers and the people they care for.", "carers", "walking"),
		doc("/caregiver/", "story", "One caregiver's year", "What a caregiver learnt in a year of looking after her father.", "carers"),
		doc("/timebank/", "case-study", "Blaengarw timebank", "Members trade hours in the timebank: an hour of help for an hour back.", "timebanking"),
		doc("/coproduction/", "report-review", "The challenge of co-production", "Co-production means equal partnership between professionals and the public.", "co-production"),
		doc("/coproduction-plain/", "story", "Coproduction in a care home", "Residents and staff planned the garden together, a plain case of coproduction."),
		doc("/rough-sleeping/", "case-study", "Off the street", "Outreach workers met people sleeping rough and found them rooms.", "housing"),
		doc("/befriending/", "case-study", "Befriending older neighbours", "Volunteers visit older neighbours each week for a chat.", "befriending"),
		doc("/warm-space/", "story", "A warm space in the church hall", "Tea, soup and company all winter.", "cost-of-living"),
	}
}

func qualityServer(t *testing.T, syn search.Synonyms) string {
	s := search.DefaultSchema()
	s.Synonyms = syn
	return docsServer(t, s, qualityDocs())
}

func params(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}

// Soft AND: pages with every word first, then pages with most of them;
// never an empty page while some words match; nothing for words no page
// has; totals and facets counted over the pages shown.
func TestSoftAnd(t *testing.T) {
	base := qualityServer(t, search.Synonyms{})
	r := searchOK(t, base, q("carers support group evaluation"))
	got := urls(r)
	if len(got) < 2 || got[0] != "/carers-group/" {
		t.Fatalf("hits %q: want the page with every word first", got)
	}
	if !slices.Contains(got, "/carers-cafe/") {
		t.Errorf("hits %q lack /carers-cafe/, which has three of the four words", got)
	}
	if slices.Contains(got, "/carers-walk/") {
		t.Errorf("hits %q have /carers-walk/, which has one word of four", got)
	}
	// One word the hub never uses leaves the others to find pages.
	if got := urls(searchOK(t, base, q("timebank evaluation"))); len(got) == 0 {
		t.Error("timebank evaluation: nothing found, though a page has timebank")
	}
	for _, nonsense := range []string{"zxqv plorbt", "kwyjibo", "the of and"} {
		if r := searchOK(t, base, q(nonsense)); r.Total != 0 || len(r.Hits) != 0 {
			t.Errorf("%q found %d pages", nonsense, r.Total)
		}
	}
	// The total and the facets count the pages shown, filters or not.
	for _, query := range []string{params("q", "carers support group evaluation"), params("q", "carers cafe walk", "tag", "walking")} {
		r := searchOK(t, base, query+"&size=50")
		if int(r.Total) != len(r.Hits) {
			t.Errorf("?%s: total %d, %d hits", query, r.Total, len(r.Hits))
		}
		types := map[string]int{}
		for _, h := range r.Hits {
			types[h.Type]++
		}
		if f := facet(r.Facets.Type); !mapsEqual(f, types) {
			t.Errorf("?%s: type facet %v, hits %v", query, f, types)
		}
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// Synonyms find the writer's word for the reader's, below pages that use
// the reader's own; a site's groups add to hub's thesaurus, or replace it.
func TestSynonyms(t *testing.T) {
	base := qualityServer(t, search.Synonyms{})
	got := urls(searchOK(t, base, q("caregiver")))
	if len(got) < 2 || got[0] != "/caregiver/" || !slices.Contains(got, "/carers-group/") {
		t.Errorf("caregiver: hits %q, want /caregiver/ first, then the carers' pages", got)
	}
	if got := urls(searchOK(t, base, q("rough sleepers"))); !slices.Equal(got, []string{"/rough-sleeping/"}) {
		t.Errorf("rough sleepers: hits %q", got)
	}
	if got := urls(searchOK(t, base, q("homelessness"))); !slices.Contains(got, "/rough-sleeping/") {
		t.Errorf("homelessness: hits %q lack the page on sleeping rough", got)
	}
	r := searchOK(t, base, q("caregiver"))
	if i := slices.IndexFunc(r.Hits, func(h search.Hit) bool { return h.URL == "/carers-group/" }); i < 0 || !strings.Contains(r.Hits[i].Snippet, "<mark>Carers</mark>") {
		t.Errorf("caregiver: the carers' page's snippet does not mark carers: %+v", r.Hits)
	}
	if got := urls(searchOK(t, base, q("warm bank"))); !slices.Contains(got, "/warm-space/") {
		t.Errorf("warm bank: hits %q", got)
	}

	site := qualityServer(t, search.Synonyms{Groups: [][]string{{"tea and sympathy", "befriending"}}})
	if got := urls(searchOK(t, site, q("tea and sympathy"))); len(got) == 0 || got[0] != "/befriending/" {
		t.Errorf("a site's group: tea and sympathy: hits %q", got)
	}
	if got := urls(searchOK(t, site, q("caregiver"))); !slices.Contains(got, "/carers-group/") {
		t.Errorf("a site's group drops hub's: caregiver: hits %q", got)
	}
	only := qualityServer(t, search.Synonyms{Replace: true, Groups: [][]string{{"tea and sympathy", "befriending"}}})
	if got := urls(searchOK(t, only, q("caregiver"))); !slices.Equal(got, []string{"/caregiver/"}) {
		t.Errorf("replace: caregiver: hits %q, want the page that says it alone", got)
	}
	if got := urls(searchOK(t, only, q("tea and sympathy"))); len(got) == 0 {
		t.Error("replace: the site's own group does not apply")
	}
}

// Question and filler words never restrict a query.
func TestQuestions(t *testing.T) {
	base := qualityServer(t, search.Synonyms{})
	for _, tc := range []struct{ query, want string }{
		{"how do I start a timebank", "/timebank/"},
		{"how can I set up a timebank?", "/timebank/"},
		{"where can I find examples of befriending", "/befriending/"},
		{"what is co-production", "/coproduction/"},
		{"can I get help with caring", "/caregiver/"},
	} {
		if got := urls(searchOK(t, base, q(tc.query))); !slices.Contains(got, tc.want) {
			t.Errorf("%q: hits %q lack %s", tc.query, got, tc.want)
		}
	}
}

// Compound words are found however they are written.
func TestCompounds(t *testing.T) {
	base := qualityServer(t, search.Synonyms{Replace: true})
	for _, query := range []string{"co-production", "coproduction", "co production", "cooproduction", "Co-Production"} {
		got := urls(searchOK(t, base, q(query)))
		if !slices.Contains(got, "/coproduction/") || !slices.Contains(got, "/coproduction-plain/") {
			t.Errorf("%q: hits %q, want both spellings' pages", query, got)
		}
	}
	r := searchOK(t, base, q("coproduction"))
	for _, h := range r.Hits {
		if h.URL == "/coproduction/" && !strings.Contains(h.Snippet, "<mark>Co-production</mark>") {
			t.Errorf("coproduction: snippet %q does not mark Co-production", h.Snippet)
		}
	}
}

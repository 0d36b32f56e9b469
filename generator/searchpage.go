package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/taxonomy"
	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"

	"bytes"
	"cmp"
	"errors"
	"io"
	"slices"

	"github.com/ideas-hub/hub/internal/slug"
)

// searchView is the search page's view. It carries the site's tags
// (sorted by slug) and the terms of its other taxonomies for SearchLabels.
func searchView(s *Site, sv *SearchView) *View {
	m := s.msgs()
	title := m.text(msgSearch)
	return &View{Kind: "search", URL: "/search/", Title: title, Search: sv, Tags: s.Tags, Terms: s.otherTerms(),
		Breadcrumbs: []Crumb{homeCrumb(m), {Name: title, URL: "/search/"}}}
}

// otherTerms is every term of each taxonomy but tags, taxonomy after
// taxonomy, each sorted by slug.
func (s *Site) otherTerms() []*content.Term {
	var out []*content.Term
	for _, terms := range s.Terms {
		out = append(out, terms...)
	}
	return out
}

// SearchLabels is what the search page's script needs to show the
// endpoint's answers as the server-rendered page shows them: the endpoint
// gives types and tags as slugs and dates as YYYY-MM-DD.
type SearchLabels struct {
	Type  map[string]string `json:"type"`  // singular, beside a hit: "Event"
	Types map[string]string `json:"types"` // plural, in the type facet: "Events"
	Tags  map[string]string `json:"tags"`  // display names by slug where they differ: "wales" → "Wales"
	// Terms are the other taxonomies' display names, as Tags, by taxonomy:
	// "authors" → "nia-evans" → "Nia Evans".
	Terms  map[string]map[string]string `json:"terms,omitempty"`
	Months []string                     `json:"months"` // for "4 February 2025", as the date func writes it: the messages' date.months
	// Taxonomies are the facet groups and hit lines beside type and tags
	// (none on a site with only those, whose page stays as it was).
	Taxonomies []SearchTaxonomy `json:"taxonomies,omitempty"`
}

// SearchLabels returns the labels of the search page (kind "search").
func (v *View) SearchLabels() SearchLabels {
	l := SearchLabels{Type: map[string]string{}, Types: map[string]string{}, Tags: make(map[string]string, len(v.Tags))}
	for _, t := range v.Site.types.All() {
		l.Type[t.Name], l.Types[t.Name] = t.Singular, t.Plural
	}
	for _, t := range v.Tags {
		if t.Name != t.Slug { // the script shows the slug itself otherwise
			l.Tags[t.Slug] = t.Name
		}
	}
	for _, t := range v.Terms {
		if t.Name == t.Slug || t.Taxonomy == nil {
			continue
		}
		if l.Terms == nil {
			l.Terms = map[string]map[string]string{}
		}
		names := l.Terms[t.Taxonomy.Name]
		if names == nil {
			names = map[string]string{}
			l.Terms[t.Taxonomy.Name] = names
		}
		names[t.Slug] = t.Name
	}
	if v.Site != nil {
		l.Months = v.Site.messages.Months()
	}
	if v.Site != nil {
		l.Taxonomies = searchLabelTaxonomies(v.Search, v.Site.searchTaxonomies)
	}
	return l
}

// TagName is the display name of the tag a search's tag filter names (its
// slug or any spelling), or the value itself when no tag has it.
func (v *View) TagName(value string) string {
	// slug.Tag, not tagSlug: a value from a request is not kept.
	if t, ok := taxonomy.Find(v.Tags, slug.Tag(value)); ok {
		return t.Name
	}
	return value
}

// Chosen is how many filters the search has, and a sort order other than
// the default: the form's folded filters say so.
func (sv *SearchView) Chosen() int {
	n := len(sv.Types) + len(sv.Tags)
	for _, values := range sv.Terms {
		n += len(values)
	}
	for _, set := range []bool{sv.From != "", sv.To != "", sv.Sort != "" && sv.Sort != "relevance"} {
		if set {
			n++
		}
	}
	return n
}

// RenderSearch writes the search page showing sv's results: the server
// renders it for each query so search works without JavaScript. The site
// must have been rendered.
func (s *Site) RenderSearch(w io.Writer, sv *SearchView) error {
	r := s.rendered
	if r == nil {
		return errors.New("the site has not been rendered")
	}
	m := s.msgs()
	v := searchView(s, sv)
	if sv != nil && sv.Query != "" {
		v.DocTitle = m.docTitle(m.text(msgSearchQuery, "query", sv.Query), s.Config.Title)
	}
	r.prepare(v)
	v.JSONLD = s.jsonLD(v)
	served, err := r.ts.servedSearch()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := served.ExecuteTemplate(&buf, "base", v); err != nil {
		return err
	}
	if r.min != nil {
		return r.min.Minify("text/html", w, &buf)
	}
	_, err = buf.WriteTo(w)
	return err
}

// servedSearch returns a copy of the search layout t whose cached and
// partialCached render in place, each time, for the pages the server
// renders per query.
//
// The build's versions leave a token where a fragment goes, and only the
// build's output writer splices fragments in. A request cannot lean on the
// build's fragments either: a preview rebuild clears the last build's
// partials (cardCache.newBuild) and may do so while a request is between
// rendering its page and splicing it, leaving holes. Rendering the header
// and footer again costs a few microseconds beside the search itself, and
// touches nothing the builds share. Minifying them with the page gives
// the bytes the build splices in: a fragment minifies alone as it does
// in place (see cardCache).
func servedSearch(t *template.Template) (*template.Template, error) {
	served, err := t.Clone()
	if err != nil {
		return nil, err
	}
	inPlace := func(name string, data any) (template.HTML, error) {
		var b bytes.Buffer
		if err := served.ExecuteTemplate(&b, name, data); err != nil {
			return "", err
		}
		return template.HTML(b.String()), nil // html/template escaped it
	}
	served.Funcs(template.FuncMap{
		"cached":        func(name string, p *content.Page) (template.HTML, error) { return inPlace(name, p) },
		"partialCached": func(name string, data any, _ ...any) (template.HTML, error) { return inPlace(name, data) },
	})
	return served, nil
}

// TagBySlug returns the tag with that slug, or nil.
func (s *Site) TagBySlug(slug string) *content.Tag {
	i, ok := slices.BinarySearchFunc(s.Tags, slug, func(t *content.Tag, slug string) int { return cmp.Compare(t.Slug, slug) })
	if !ok {
		return nil
	}
	return s.Tags[i]
}

package generator

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"slices"
)

func searchView(sv *SearchView) *View {
	return &View{Kind: "search", URL: "/search/", Title: "Search", Search: sv,
		Breadcrumbs: []Crumb{{Name: "Home", URL: "/"}, {Name: "Search", URL: "/search/"}}}
}

// RenderSearch writes the search page showing sv's results: the server
// renders it for each query so search works without JavaScript. The site
// must have been rendered.
func (s *Site) RenderSearch(w io.Writer, sv *SearchView) error {
	r := s.rendered
	if r == nil {
		return errors.New("the site has not been rendered")
	}
	v := searchView(sv)
	if sv != nil && sv.Query != "" {
		v.DocTitle = "Search: " + sv.Query + " · " + s.Config.Title
	}
	r.prepare(v)
	v.JSONLD = s.jsonLD(v)
	var buf bytes.Buffer
	if err := r.ts.execute(&buf, "search", v); err != nil {
		return err
	}
	if r.min != nil {
		return r.min.Minify("text/html", w, &buf)
	}
	_, err := buf.WriteTo(w)
	return err
}

// TagBySlug returns the tag with that slug, or nil.
func (s *Site) TagBySlug(slug string) *Tag {
	i, ok := slices.BinarySearchFunc(s.Tags, slug, func(t *Tag, slug string) int { return cmp.Compare(t.Slug, slug) })
	if !ok {
		return nil
	}
	return s.Tags[i]
}

package generator

import (
	"bytes"
	"cmp"
	"errors"
	"html/template"
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
	if err := r.ts.served.ExecuteTemplate(&buf, "base", v); err != nil {
		return err
	}
	if r.min != nil {
		return r.min.Minify("text/html", w, &buf)
	}
	_, err := buf.WriteTo(w)
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
		"cached":        func(name string, p *Page) (template.HTML, error) { return inPlace(name, p) },
		"partialCached": func(name string, data any, _ ...any) (template.HTML, error) { return inPlace(name, data) },
	})
	return served, nil
}

// TagBySlug returns the tag with that slug, or nil.
func (s *Site) TagBySlug(slug string) *Tag {
	i, ok := slices.BinarySearchFunc(s.Tags, slug, func(t *Tag, slug string) int { return cmp.Compare(t.Slug, slug) })
	if !ok {
		return nil
	}
	return s.Tags[i]
}

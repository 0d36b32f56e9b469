package sitesearch

import (
	"net/url"
	"strings"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/internal/slug"
	"github.com/ideas-hub/hub/search"
)

// endpointValues keeps of v the parameters the endpoint takes with schema,
// so that the page asks it only what it answers. The links the page makes
// (facets, pages of results) then carry nothing else either.
func endpointValues(v url.Values, schema search.Schema) url.Values {
	out := url.Values{}
	for _, k := range schema.Params() {
		if vs, ok := v[k]; ok {
			out[k] = vs
		}
	}
	return out
}

// chosenTerms are the values given for each taxonomy but tags, by param.
func chosenTerms(v url.Values, schema search.Schema) map[string][]string {
	var chosen map[string][]string
	for _, t := range schema.Extra() {
		for _, s := range v[t.Param] {
			if s = strings.TrimSpace(s); s != "" {
				if chosen == nil {
					chosen = map[string][]string{}
				}
				chosen[t.Param] = append(chosen[t.Param], s)
			}
		}
	}
	return chosen
}

// searchTaxonomies are the taxonomies of schema as the page shows them.
func searchTaxonomies(site *generator.Site, schema search.Schema) []generator.SearchTaxonomy {
	out := make([]generator.SearchTaxonomy, len(schema.Taxonomies))
	for i, t := range schema.Taxonomies {
		out[i] = site.SearchTaxonomy(t.Name, t.Param)
	}
	return out
}

// hitTerms are hit's terms of each taxonomy but tags that it has any of.
func hitTerms(site *generator.Site, taxonomies []generator.SearchTaxonomy, hit search.Hit) []generator.SearchTerms {
	var out []generator.SearchTerms
	for _, t := range taxonomies {
		slugs := hit.Terms[t.Name]
		if t.Name == search.TagsName || len(slugs) == 0 {
			continue
		}
		st := generator.SearchTerms{Taxonomy: t}
		for _, s := range slugs {
			st.Terms = append(st.Terms, termOf(site, t.Name, s))
		}
		out = append(out, st)
	}
	return out
}

// termOf is the term of a taxonomy with that slug: the site's, with its
// display name, where the site knows it; else (a term only the index
// knows) shown by its slug, linked to the page the contract gives it.
func termOf(site *generator.Site, taxonomy, slug string) *content.Term {
	if t := site.TermBySlug(taxonomy, slug); t != nil {
		return t
	}
	return &content.Term{Slug: slug, Name: slug, URL: "/" + taxonomy + "/" + slug + "/"}
}

func tagOf(site *generator.Site, slug string) *content.Tag {
	if t := site.TagBySlug(slug); t != nil {
		return t
	}
	return &content.Tag{Slug: slug, Name: slug, URL: "/tags/" + slug + "/"}
}

// valueSlug is the term a filter's value chooses, as the endpoint reads it
// (search.ParseRequest): its slug, or the value itself when it has none.
func valueSlug(v string) string {
	if s := slug.Tag(v); s != "" {
		return s
	}
	return strings.TrimSpace(v)
}

// Package sitesearch joins the generator and the search index: it turns a
// built site's pages into search documents, and renders the site's search
// page with results on the server, so search works without JavaScript.
package sitesearch

import (
	"slices"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/search"
)

// Documents returns a search document for every published page.
func Documents(site *generator.Site) []search.Document {
	docs := make([]search.Document, len(site.Pages))
	for i, p := range site.Pages {
		docs[i] = Document(p)
	}
	return docs
}

// Document is the search document of one page: the fields a hit shows and
// the text it is found by, so the endpoint never reads content files.
func Document(p *content.Page) search.Document { return document(p, p.PlainText()) }

// Loaded is the search document of a page as generator.Load hands it to
// Options.Index, with its plain text: before the site's tags are merged, so
// its tags come from its own front matter's slugs, which the merged tags
// share.
func Loaded(p *content.Page, plain string) search.Document {
	d := document(p, plain)
	d.Tags = nil
	for _, s := range p.TagSlugs {
		if s != "" && !slices.Contains(d.Tags, s) {
			d.Tags = append(d.Tags, s)
		}
	}
	return d
}

func document(p *content.Page, body string) search.Document {
	d := search.Document{
		URL: p.URL, Title: p.Title, Summary: p.Summary, Body: body,
		Type: p.Type, Date: p.SortDate(), Authors: p.Authors,
	}
	for _, t := range p.Tags {
		d.Tags = append(d.Tags, t.Slug)
	}
	for _, s := range []string{p.Organisation, p.Place, p.Region, p.ReportTitle, p.ReportAuthor,
		p.ReportPublisher, p.Organiser, p.Location} {
		if s != "" {
			d.Extra = append(d.Extra, s)
		}
	}
	d.Extra = append(d.Extra, p.Featured...)
	d.Extra = append(d.Extra, p.Outcomes...)
	for _, f := range p.Fields { // a site-defined type's own keys: its text is found too
		switch f.Kind {
		case content.KindText:
			d.Extra = append(d.Extra, f.Text)
		case content.KindList:
			d.Extra = append(d.Extra, f.List...)
		}
	}
	d.Terms = terms(p)
	return d
}

// terms are the slugs of p's terms of each taxonomy but tags, by name:
// the page's own, which are its merged terms' slugs, so a page handed to
// the index before the site's terms are merged carries the same.
func terms(p *content.Page) map[string][]string {
	var out map[string][]string
	for _, pt := range p.Terms {
		var slugs []string
		for _, s := range pt.Slugs {
			if s != "" && !slices.Contains(slugs, s) {
				slugs = append(slugs, s)
			}
		}
		if slugs == nil {
			continue
		}
		if out == nil {
			out = make(map[string][]string, len(p.Terms))
		}
		out[pt.Taxonomy.Name] = slugs
	}
	return out
}

// Schema is the search schema of a site's config: its content types and
// its taxonomies, each taxonomy's name the key of its facet and of its
// terms in a hit, its param the name of its filter.
func Schema(cfg *generator.Config) search.Schema {
	s := search.Schema{Types: cfg.Types.Names()}
	for _, t := range cfg.Taxonomies.All() {
		s.Taxonomies = append(s.Taxonomies, search.Taxonomy{Name: t.Name, Param: t.Param})
	}
	s.Synonyms = cfg.Search.SearchSynonyms() // [search.synonyms]
	return s
}

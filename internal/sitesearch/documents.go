// Package sitesearch joins the generator and the search index: it turns a
// built site's pages into search documents, and renders the site's search
// page with results on the server, so search works without JavaScript.
package sitesearch

import (
	"github.com/ideas-hub/hub/generator"
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
func Document(p *generator.Page) search.Document { return document(p, p.PlainText()) }

// Take is Document for a one-off build that renders while it indexes: the
// page lets go of its plain text once taken (Site.TakePlainText).
func Take(site *generator.Site, p *generator.Page) search.Document {
	return document(p, site.TakePlainText(p))
}

func document(p *generator.Page, body string) search.Document {
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
	return d
}

package bleveengine

import (
	index "github.com/blevesearch/bleve_index_api"

	"github.com/ideas-hub/hub/search"
)

// loadHit builds the hit of one page from its stored fields.
func loadHit(r index.IndexReader, url string, snip *snippeter) (search.Hit, error) {
	h := search.Hit{URL: url, Tags: []string{}}
	doc, err := r.Document(url)
	if err != nil || doc == nil {
		return h, err
	}
	var excerpt string
	doc.VisitFields(func(f index.Field) {
		v := string(f.Value())
		switch f.Name() {
		case fieldTitle:
			h.Title = v
		case fieldSummary:
			h.Summary = v
		case fieldType:
			h.Type = v
		case fieldTags:
			h.Tags = append(h.Tags, v)
		case fieldDay:
			h.Date = &v
		case fieldExcerpt:
			excerpt = v
		}
	})
	h.Snippet = snip.snippet(excerpt, h.Summary)
	return h, nil
}

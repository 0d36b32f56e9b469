package bleveengine

import (
	index "github.com/blevesearch/bleve_index_api"

	"github.com/ideas-hub/hub/search"
)

// loadHit builds the hit of one page from its stored fields. termFields
// names the field of each taxonomy but tags; the hit has a list of terms,
// empty if need be, for each.
func loadHit(r index.IndexReader, url string, termFields map[string]string, snip *snippeter) (search.Hit, error) {
	h := search.Hit{URL: url, Tags: []string{}}
	if len(termFields) > 0 {
		h.Terms = make(map[string][]string, len(termFields))
		for _, name := range termFields {
			h.Terms[name] = []string{}
		}
	}
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
		default:
			if name, ok := termFields[f.Name()]; ok {
				h.Terms[name] = append(h.Terms[name], v)
			}
		}
	})
	h.Snippet = snip.snippet(excerpt, h.Summary)
	return h, nil
}

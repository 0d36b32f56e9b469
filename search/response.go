package search

import (
	"encoding/json"
	"io"
)

// Response is the JSON body of GET /api/search.
type Response struct {
	Query  string  `json:"query"`
	Total  uint64  `json:"total"`
	Page   int     `json:"page"`
	Size   int     `json:"size"`
	TookMS float64 `json:"took_ms"`
	Hits   []Hit   `json:"hits"`
	Facets Facets  `json:"facets"`
}

// Hit is one page of the result, built from stored fields only.
type Hit struct {
	URL     string   `json:"url"`
	Title   string   `json:"title"`
	Type    string   `json:"type"`
	Date    *string  `json:"date"` // YYYY-MM-DD, events: the start; null when undated
	Tags    []string `json:"tags"`
	Summary string   `json:"summary"`
	Snippet string   `json:"snippet"` // HTML: escaped text, <mark> around matches
	// Terms are the slugs of the page's terms of each taxonomy but tags,
	// by taxonomy name; each is a key of its own in JSON, after the
	// others ("regions":["wales"]).
	Terms map[string][]string `json:"-"`
}

// Facets are the counts a reader narrows the result with. Each is counted
// with every filter but its own.
type Facets struct {
	Type []FacetCount `json:"type"`
	Tags []FacetCount `json:"tags"`
	// Terms are the facets of the taxonomies but tags, by taxonomy name;
	// each is a key of its own in JSON, after the others.
	Terms map[string][]FacetCount `json:"-"`
}

// FacetCount is one facet value and the number of pages with it.
type FacetCount struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// WriteJSON writes r as the endpoint does (hub search --json prints the same
// object): one line of JSON, with <mark> left as it is rather than escaped as
// \u003c, since the body is JSON, not HTML.
func WriteJSON(w io.Writer, r *Response) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

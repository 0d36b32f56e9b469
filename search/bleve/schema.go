package bleveengine

import (
	"encoding/json"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/ideas-hub/hub/search"
)

// Keys under which an index records, in bleve's internal store, what it
// was built with.
const (
	internalBuildID = "hub.build_id"
	internalSchema  = "hub.schema" // JSON of search.Schema
)

// setSchema records s in the batch that finishes an index.
func setSchema(b *bleve.Batch, s search.Schema) error {
	data, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	b.SetInternal([]byte(internalSchema), data)
	return nil
}

// readSchema returns the schema recorded in bi. An index that records none
// was built before hub kept schemas, when every site had the default types
// and tags as its only taxonomy: its documents have no other terms.
func readSchema(bi bleve.Index) (search.Schema, error) {
	data, err := bi.GetInternal([]byte(internalSchema))
	if err != nil {
		return search.Schema{}, err
	}
	if len(data) == 0 {
		s := search.DefaultSchema()
		s.Taxonomies = s.Taxonomies[:1] // tags
		return s, nil
	}
	var s search.Schema
	if err := json.Unmarshal(data, &s); err != nil {
		return search.Schema{}, fmt.Errorf("its schema is unreadable: %w", err)
	}
	if err := s.Check(); err != nil {
		return search.Schema{}, err
	}
	return s, nil
}

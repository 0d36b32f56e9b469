package search

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
)

// The JSON of a hit and of the facets has a key for each taxonomy beside
// the fixed ones; Go's encoding has no inline maps, so these methods write
// and read them. A response without other taxonomies encodes exactly as
// the plain structs do.

// hitKeys and facetKeys are the fixed keys; no other taxonomy may have
// one of their names (Schema.Check).
func hitKeys() []string {
	return []string{"url", "title", "type", "date", TagsName, "summary", "snippet"}
}

func facetKeys() []string { return []string{"type", TagsName} }

// MarshalJSON writes h's fields, then a key for each taxonomy in Terms.
func (h Hit) MarshalJSON() ([]byte, error) {
	type fields Hit // without these methods
	return withTerms(fields(h), h.Terms)
}

// UnmarshalJSON reads what MarshalJSON writes: keys that are not a hit's
// fields are taxonomies.
func (h *Hit) UnmarshalJSON(data []byte) error {
	type fields Hit
	if err := json.Unmarshal(data, (*fields)(h)); err != nil {
		return err
	}
	terms, err := readTerms[string](data, hitKeys())
	h.Terms = terms
	return err
}

// MarshalJSON writes the type and tag facets, then one for each taxonomy
// in Terms.
func (f Facets) MarshalJSON() ([]byte, error) {
	type fields Facets
	return withTerms(fields(f), f.Terms)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (f *Facets) UnmarshalJSON(data []byte) error {
	type fields Facets
	if err := json.Unmarshal(data, (*fields)(f)); err != nil {
		return err
	}
	terms, err := readTerms[FacetCount](data, facetKeys())
	f.Terms = terms
	return err
}

// withTerms encodes v, a struct, and adds a key for each entry of terms,
// in order of name, with [] for a nil list.
func withTerms[E any](v any, terms map[string][]E) ([]byte, error) {
	b, err := encode(v)
	if err != nil || len(terms) == 0 {
		return b, err
	}
	b = b[:len(b)-1] // the closing brace
	for _, name := range slices.Sorted(maps.Keys(terms)) {
		list := terms[name]
		if list == nil {
			list = []E{}
		}
		k, err := encode(name)
		if err != nil {
			return nil, err
		}
		l, err := encode(list)
		if err != nil {
			return nil, err
		}
		b = append(append(append(append(b, ','), k...), ':'), l...)
	}
	return append(b, '}'), nil
}

// encode is json.Marshal without escaping <, > and &: the encoder that
// writes the whole response decides that (WriteJSON keeps <mark> as it is).
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// readTerms decodes the keys of the object in data other than fixed.
func readTerms[E any](data []byte, fixed []string) (map[string][]E, error) {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	var terms map[string][]E
	for k, raw := range all {
		if slices.Contains(fixed, k) {
			continue
		}
		var list []E
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, err
		}
		if terms == nil {
			terms = map[string][]E{}
		}
		terms[k] = list
	}
	return terms, nil
}

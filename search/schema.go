package search

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Schema is what a site's search knows of the site: the content types a
// page can have and the taxonomies its pages are grouped by. The index is
// built with it and keeps it, so `hub search --index DIR` and the endpoint
// check types and filters without reading the site.
type Schema struct {
	// Types is every value of Document.Type and of the type filter, in the
	// order help texts show them.
	Types []string `json:"types"`
	// Taxonomies are the filters and facets beside type. Tags is always
	// one of them (the contract's tag filter and tags facet).
	Taxonomies []Taxonomy `json:"taxonomies"`
	// Synonyms are the site's own, from [search.synonyms] in hub.toml:
	// kept in the index with the rest, so that the endpoint and `hub
	// search --index` expand queries as the site asked.
	Synonyms Synonyms `json:"synonyms,omitzero"`
}

// Synonyms is a site's thesaurus for search. Each group lists words or
// phrases a reader may use for one another; the engine adds them to its
// own thesaurus of the field, or uses them alone when Replace is set.
type Synonyms struct {
	Groups  [][]string `json:"groups,omitempty"`
	Replace bool       `json:"replace,omitempty"`
}

// Limits of a site's synonyms: they expand every query, so they must stay
// a thesaurus, not a corpus.
const (
	MaxSynonymGroups = 2000
	MaxSynonymRunes  = 100 // of one word or phrase
)

// Check reports what makes the synonyms unusable: a group of fewer than
// two words or phrases, an empty or overlong one, too many groups.
func (s Synonyms) Check() error {
	var errs []string
	if len(s.Groups) > MaxSynonymGroups {
		errs = append(errs, fmt.Sprintf("%d groups of synonyms; the limit is %d", len(s.Groups), MaxSynonymGroups))
	}
	for i, g := range s.Groups {
		if len(g) < 2 {
			errs = append(errs, fmt.Sprintf("synonym group %d has %d words; a group needs two or more", i+1, len(g)))
		}
		for _, w := range g {
			switch n := utf8.RuneCountInString(w); {
			case strings.TrimSpace(w) == "":
				errs = append(errs, fmt.Sprintf("synonym group %d has an empty word", i+1))
			case n > MaxSynonymRunes:
				errs = append(errs, fmt.Sprintf("synonym group %d: %q is %d characters long; the limit is %d", i+1, w, n, MaxSynonymRunes))
			}
		}
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "; "))
	}
	return nil
}

// Taxonomy is one grouping of pages by term: its Name is the facet's key
// and the key of each hit's list of terms; its Param is the name of its
// filter in the endpoint's URL.
type Taxonomy struct {
	Name  string `json:"name"`
	Param string `json:"param"`
}

// Tags is the taxonomy every site has. Its terms travel in Document.Tags,
// Request.Tags, Hit.Tags and Facets.Tags; the other taxonomies' in Terms.
const (
	TagsName  = "tags"
	TagsParam = "tag"
)

// DefaultSchema is the schema of a site that declares nothing: the four
// built-in types with the plain page, and the contract's four default
// taxonomies, which a site without [[taxonomies]] in hub.toml has.
func DefaultSchema() Schema {
	return Schema{
		Types: []string{"case-study", "report-review", "event", "story", "page"},
		Taxonomies: []Taxonomy{
			{Name: TagsName, Param: TagsParam},
			{Name: "authors", Param: "author"},
			{Name: "organisations", Param: "organisation"},
			{Name: "regions", Param: "region"},
		},
	}
}

// ValidType reports whether t is one of s.Types.
func (s Schema) ValidType(t string) bool { return slices.Contains(s.Types, t) }

// Extra is every taxonomy but tags, in the schema's order.
func (s Schema) Extra() []Taxonomy {
	out := make([]Taxonomy, 0, len(s.Taxonomies))
	for _, t := range s.Taxonomies {
		if t.Name != TagsName {
			out = append(out, t)
		}
	}
	return out
}

// reservedParams are the endpoint's parameters that are not a taxonomy's.
func reservedParams() []string {
	return []string{"q", "type", "from", "to", "sort", "page", "size"}
}

// reservedNames are the keys of a hit and of the facets that are not a
// taxonomy's: a taxonomy of one of these names would write a key twice.
func reservedNames() []string {
	return slices.DeleteFunc(hitKeys(), func(k string) bool { return k == TagsName })
}

// Check reports what makes s unusable: no types, a type or taxonomy
// without a name, a name or parameter used twice or taken by the endpoint,
// or tags missing or with another parameter.
func (s Schema) Check() error {
	var errs []string
	if len(s.Types) == 0 {
		errs = append(errs, "no content types")
	}
	for i, t := range s.Types {
		switch {
		case strings.TrimSpace(t) == "" || t != strings.ToLower(t):
			errs = append(errs, fmt.Sprintf("type %q: a type is a lower-case name", t))
		case slices.Contains(s.Types[:i], t):
			errs = append(errs, fmt.Sprintf("type %q is named twice", t))
		}
	}
	names, params := map[string]bool{}, map[string]bool{}
	for _, r := range reservedParams() {
		params[r] = true
	}
	hasTags := false
	for _, t := range s.Taxonomies {
		switch {
		case t.Name == "" || t.Param == "":
			errs = append(errs, fmt.Sprintf("taxonomy %q: a taxonomy needs a name and a param", t.Name))
			continue
		case names[t.Name]:
			errs = append(errs, fmt.Sprintf("taxonomy %q is named twice", t.Name))
		case slices.Contains(reservedNames(), t.Name):
			errs = append(errs, fmt.Sprintf("taxonomy %q: the name is taken by a field of every hit", t.Name))
		case params[t.Param]:
			errs = append(errs, fmt.Sprintf("taxonomy %q: param %q is taken", t.Name, t.Param))
		case t.Name == TagsName && t.Param != TagsParam:
			errs = append(errs, fmt.Sprintf("taxonomy %q: its param is %q", TagsName, TagsParam))
		}
		hasTags = hasTags || t.Name == TagsName
		names[t.Name], params[t.Param] = true, true
	}
	if !hasTags {
		errs = append(errs, fmt.Sprintf("no %q taxonomy: every site has tags", TagsName))
	}
	if err := s.Synonyms.Check(); err != nil {
		errs = append(errs, err.Error())
	}
	if len(errs) > 0 {
		return fmt.Errorf("search schema: %s", strings.Join(errs, "; "))
	}
	return nil
}

package content

import (
	"slices"

	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
)

// Taxonomy groups pages by the values of front matter keys: each value,
// merged across case and surrounding space, is a term with a page of its
// own at /<Name>/<slug>/.
type Taxonomy struct {
	Name     string   // "authors": the URL segment, the search facet's key and a hit's key
	Param    string   // "author": its filter in the search endpoint
	Keys     []string // the front matter keys whose values (text or a list) are its terms
	Title    string   // "Authors": the heading of its index
	Singular string   // "Author": one of its terms
}

// The taxonomy every site has, declared or not.
const (
	TagsName  = "tags"
	TagsParam = "tag"
)

// URL is the taxonomy's index: "/authors/".
func (t *Taxonomy) URL() string { return "/" + t.Name + "/" }

// TermURL is the page of the term with the slug: "/authors/immy-robinson/".
func (t *Taxonomy) TermURL(slug string) string { return "/" + t.Name + "/" + slug + "/" }

// IsTags reports whether t is the tags taxonomy.
func (t *Taxonomy) IsTags() bool { return t.Name == TagsName }

// DefaultTaxonomies are a site's taxonomies when hub.toml declares none.
func DefaultTaxonomies() []*Taxonomy {
	return []*Taxonomy{
		TagsTaxonomy(),
		{Name: "authors", Param: "author", Keys: []string{"authors"}, Title: "Authors", Singular: "Author"},
		{Name: "organisations", Param: "organisation", Keys: []string{"organisation", "organiser", "featured"},
			Title: "Organisations", Singular: "Organisation"},
		{Name: "regions", Param: "region", Keys: []string{"region"}, Title: "Regions", Singular: "Region"},
	}
}

// TagsTaxonomy is the tags taxonomy as a site has it when it does not
// declare it.
func TagsTaxonomy() *Taxonomy {
	return &Taxonomy{Name: TagsName, Param: TagsParam, Keys: []string{"tags"}, Title: "Tags", Singular: "Tag"}
}

// Taxonomies is a site's taxonomies: tags first, then the others in the
// order hub.toml declares them. A page's Terms follow the order of Others.
type Taxonomies struct {
	all []*Taxonomy
}

// NewTaxonomies makes the registry of the taxonomies declared, adding
// tags when they do not include it. The declarations must be valid (see
// the config's checks): names, params and keys each used once.
func NewTaxonomies(declared []*Taxonomy) *Taxonomies {
	ts := &Taxonomies{}
	i := slices.IndexFunc(declared, func(t *Taxonomy) bool { return t.IsTags() })
	if i < 0 {
		ts.all = append(ts.all, TagsTaxonomy())
	} else {
		ts.all = append(ts.all, declared[i])
	}
	for _, t := range declared {
		if !t.IsTags() {
			ts.all = append(ts.all, t)
		}
	}
	return ts
}

// Defaults returns the registry of a site that declares no taxonomy.
func Defaults() *Taxonomies { return NewTaxonomies(DefaultTaxonomies()) }

// All returns every taxonomy, tags first.
func (ts *Taxonomies) All() []*Taxonomy { return ts.all }

// Tags returns the tags taxonomy.
func (ts *Taxonomies) Tags() *Taxonomy { return ts.all[0] }

// Others returns every taxonomy but tags, in the order of a page's Terms.
func (ts *Taxonomies) Others() []*Taxonomy { return ts.all[1:] }

// Lookup returns the taxonomy called name.
func (ts *Taxonomies) Lookup(name string) (*Taxonomy, bool) {
	for _, t := range ts.all {
		if t.Name == name {
			return t, true
		}
	}
	return nil, false
}

// OfKey returns the taxonomy whose terms the front matter key holds.
func (ts *Taxonomies) OfKey(key string) (*Taxonomy, bool) {
	for _, t := range ts.all {
		if slices.Contains(t.Keys, key) {
			return t, true
		}
	}
	return nil, false
}

// Keys returns every front matter key a taxonomy reads, tags' included.
func (ts *Taxonomies) Keys() []string {
	var keys []string
	for _, t := range ts.all {
		keys = append(keys, t.Keys...)
	}
	return keys
}

// Term is one term of a taxonomy: the spellings of a value that share a
// slug, named by the spelling most pages use.
type Term struct {
	Taxonomy *Taxonomy
	Slug     string
	Name     string
	URL      string
	Pages    []*Page // newest first
	// About is what the term's description file says of it, nil without one.
	About *TermInfo
}

// Tag is a term of the tags taxonomy.
type Tag = Term

// Count is the number of published pages with the term.
func (t *Term) Count() int { return len(t.Pages) }

// PageTerms are a page's terms of one taxonomy other than tags.
type PageTerms struct {
	Taxonomy *Taxonomy
	Names    []string // trimmed, as written, in the order of the taxonomy's keys
	Slugs    []string // the slug of each name
	Keys     []string // the key each name is written under
	Terms    []*Term  // the merged terms, once each, set when the site is assembled
}

// KeyTerms returns the terms p's front matter key holds, once each, in the
// order written: an event's `organiser` among its organisations. It is
// nil when the key is no taxonomy's: the layouts then show the value as
// text. The tags key gives the page's tags.
func (p *Page) KeyTerms(key string) []*Term {
	if key == TagsName {
		return p.Tags
	}
	for _, pt := range p.Terms {
		if !slices.Contains(pt.Keys, key) {
			continue
		}
		var out []*Term
		for i, k := range pt.Keys {
			if k != key {
				continue
			}
			for _, t := range pt.Terms {
				if t.Slug == pt.Slugs[i] && !slices.Contains(out, t) {
					out = append(out, t)
				}
			}
		}
		return out
	}
	return nil
}

// TermInfo is a term's description file, content/<taxonomy>/<slug>.md:
// shown at the head of the term's page, and not a page of its own.
type TermInfo struct {
	Path     string // "content/authors/immy-robinson.md"
	Slug     string // the file's name: the term it describes
	Title    string // "" when it gives none: the term's name stands
	Summary  string
	Website  string
	Image    string
	ImageAlt string
	Body     Packed // rendered markdown (HTML)
	Key      uint64 // hash of everything above, for the term page's key
}

// BodyHTML is the description's rendered body. (Not Content: a layout
// naming a page's Content makes every list follow every body edit.)
func (ti *TermInfo) BodyHTML() template.HTML { return template.HTML(ti.Body.String()) }

// WithKeys returns a registry of the same types in which every type also
// takes the keys given: the taxonomies' keys, which any page may hold.
func (ts *Types) WithKeys(keys []string) *Types {
	out := &Types{all: ts.all, known: slices.Clone(ts.known)}
	for _, k := range keys {
		if !slices.Contains(out.known, k) {
			out.known = append(out.known, k)
		}
	}
	slices.Sort(out.known)
	return out
}

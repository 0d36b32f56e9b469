package search

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ideas-hub/hub/internal/slug"
)

// Limits and defaults of the outside contract.
const (
	MaxQueryRunes   = 256
	DefaultPageSize = 10
	MaxPageSize     = 50
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortNewest    = "newest"
	SortOldest    = "oldest"
	SortTitle     = "title"
)

// Request is a search, as ParseRequest makes it from a URL or the CLI from
// its flags. The zero value of Page, Size and Sort means the default;
// Engine.Search validates and normalises the rest.
type Request struct {
	Query string
	Types []string // any of them matches
	Tags  []string // slugs or any spelling of them; any of them matches
	// Terms are the filters of the taxonomies other than tags, by taxonomy
	// name ({"regions": ["wales"]}), each matching as Tags does.
	Terms map[string][]string
	From  time.Time
	To    time.Time // zero = unbounded; both ends inclusive, by day
	Sort  string    // "" = relevance with a query, newest without
	Page  int       // 1-based
	Size  int
}

// RequestError is bad input: the endpoint answers it with 400 and
// {"error": Message}.
type RequestError struct {
	Param   string // the URL parameter at fault
	Message string
}

func (e *RequestError) Error() string { return e.Message }

func badParam(param, format string, args ...any) error {
	return &RequestError{Param: param, Message: fmt.Sprintf(format, args...)}
}

// ParseRequest validates the URL query of GET /api/search as the contract
// says, with the types and taxonomies of schema s. Empty values count as
// absent, so a plain HTML form (type=&sort=) works; of a repeated
// single-valued parameter the first is used. A parameter that is neither
// the endpoint's nor a taxonomy's is an error.
func ParseRequest(v url.Values, s Schema) (Request, error) {
	var r Request
	if err := checkParams(v, s); err != nil {
		return r, err
	}
	raw := strings.TrimSpace(v.Get("q"))
	if n := utf8.RuneCountInString(raw); n > MaxQueryRunes {
		return r, badParam("q", "q is %d characters long; the limit is %d", n, MaxQueryRunes)
	}
	r.Query = normalizeQuery(raw)
	for _, t := range v["type"] {
		if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
			r.Types = appendUnique(r.Types, t)
		}
	}
	r.Tags = termSlugs(v[TagsParam])
	for _, t := range s.Extra() {
		if terms := termSlugs(v[t.Param]); len(terms) > 0 {
			if r.Terms == nil {
				r.Terms = map[string][]string{}
			}
			r.Terms[t.Name] = terms
		}
	}
	var err error
	if r.From, err = parseDay(v, "from"); err != nil {
		return r, err
	}
	if r.To, err = parseDay(v, "to"); err != nil {
		return r, err
	}
	r.Sort = strings.ToLower(strings.TrimSpace(v.Get("sort")))
	if r.Page, err = parseInt(v, "page", 1); err != nil {
		return r, err
	}
	if r.Page < 1 { // in a Request 0 means the default, in a URL it is an error
		return r, badParam("page", "page must be 1 or more")
	}
	if r.Size, err = parseInt(v, "size", DefaultPageSize); err != nil {
		return r, err
	}
	if r.Size < 1 {
		return r, badParam("size", "size must be between 1 and %d", MaxPageSize)
	}
	return r, r.Validate(s)
}

// Validate checks what ParseRequest checks, for requests made in Go (the
// CLI builds its Request from flags), against the types and taxonomies of
// schema s.
func (r *Request) Validate(s Schema) error {
	if n := utf8.RuneCountInString(r.Query); n > MaxQueryRunes {
		return badParam("q", "q is %d characters long; the limit is %d", n, MaxQueryRunes)
	}
	for _, t := range r.Types {
		if !s.ValidType(t) {
			return badParam("type", "unknown type %q: use one of %s", t, strings.Join(s.Types, ", "))
		}
	}
	for name := range r.Terms {
		if !slices.ContainsFunc(s.Extra(), func(t Taxonomy) bool { return t.Name == name }) {
			return badParam(name, "unknown taxonomy %q: use one of %s", name, strings.Join(taxonomyNames(s.Extra()), ", "))
		}
	}
	if r.Sort != "" && !slices.Contains(sorts(), r.Sort) {
		return badParam("sort", "unknown sort %q: use one of %s", r.Sort, strings.Join(sorts(), ", "))
	}
	if r.Page < 0 {
		return badParam("page", "page must be 1 or more")
	}
	if r.Size < 0 || r.Size > MaxPageSize {
		return badParam("size", "size must be between 1 and %d", MaxPageSize)
	}
	if strings.TrimSpace(r.Query) == "" && !r.hasFilter() {
		return badParam("q", "give a query (q) or a filter (%s)", strings.Join(s.FilterParams(), ", "))
	}
	return nil
}

// FilterParams are the parameters that filter (type, each taxonomy's
// param, from, to), in the order messages name them: what `hub search
// --filter` takes.
func (s Schema) FilterParams() []string {
	params := []string{"type"}
	for _, t := range s.Taxonomies {
		params = append(params, t.Param)
	}
	return append(params, "from", "to")
}

// Params are every parameter the endpoint takes: the filters, then q,
// sort, page and size. A page that passes a URL's query on to the
// endpoint keeps only these.
func (s Schema) Params() []string {
	return append(s.FilterParams(), "q", "sort", "page", "size")
}

// checkParams refuses a parameter the endpoint does not take, such as a
// misspelt filter, which would otherwise be ignored and widen the result
// without a word.
func checkParams(v url.Values, s Schema) error {
	known := s.Params()
	for _, name := range slices.Sorted(maps.Keys(v)) {
		if !slices.Contains(known, name) {
			return badParam(name, "unknown parameter %q: use %s", name, strings.Join(known, ", "))
		}
	}
	return nil
}

func taxonomyNames(list []Taxonomy) []string {
	names := make([]string, len(list))
	for i, t := range list {
		names[i] = t.Name
	}
	return names
}

// termSlugs returns the distinct slugs of terms, in the order given.
func termSlugs(terms []string) []string {
	var out []string
	for _, t := range terms {
		if s := termSlug(t); s != "" {
			out = appendUnique(out, s)
		}
	}
	return out
}

// termSlug normalises a term as front matter tags are. A spelling without
// letters or digits has no slug: it is kept as it is, an impossible term,
// so that the filter matches nothing rather than silently vanishing.
func termSlug(t string) string {
	if s := slug.Tag(t); s != "" {
		return s
	}
	return strings.TrimSpace(t)
}

func sorts() []string { return []string{SortRelevance, SortNewest, SortOldest, SortTitle} }

// normalizeQuery trims q, collapses runs of white space (they never change
// the result, so they must not change the cache key either) and replaces
// invalid UTF-8.
func normalizeQuery(q string) string {
	q = strings.ToValidUTF8(q, "\uFFFD")
	return strings.Join(strings.Fields(q), " ")
}

// hasFilter reports whether r restricts the result by anything but text.
// The contract names type and the taxonomies; a date range restricts just
// as well.
func (r *Request) hasFilter() bool {
	for _, terms := range r.Terms {
		if len(terms) > 0 {
			return true
		}
	}
	return len(r.Types) > 0 || len(r.Tags) > 0 || !r.From.IsZero() || !r.To.IsZero()
}

func parseDay(v url.Values, param string) (time.Time, error) {
	s := strings.TrimSpace(v.Get(param))
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(DayLayout, s)
	if err != nil {
		return time.Time{}, badParam(param, "%s must be a date as YYYY-MM-DD, not %q", param, s)
	}
	return t, nil
}

func parseInt(v url.Values, param string, def int) (int, error) {
	s := strings.TrimSpace(v.Get(param))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, badParam(param, "%s must be a whole number, not %q", param, s)
	}
	return n, nil
}

func appendUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// Normalized returns r with defaults filled in and filters sorted, so that
// requests that must give the same answer are equal. It does not validate.
func (r Request) Normalized() Request {
	r.Query = normalizeQuery(r.Query)
	if r.Page == 0 {
		r.Page = 1
	}
	if r.Size == 0 {
		r.Size = DefaultPageSize
	}
	r.Sort = strings.ToLower(strings.TrimSpace(r.Sort))
	if r.Sort == "" {
		r.Sort = SortNewest
		if r.Query != "" {
			r.Sort = SortRelevance
		}
	}
	types := make([]string, 0, len(r.Types))
	for _, t := range r.Types {
		if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
			types = append(types, t)
		}
	}
	r.Types, r.Tags = sortedUnique(types), normalizedTerms(r.Tags)
	var terms map[string][]string
	for name, list := range r.Terms {
		if list = normalizedTerms(list); list != nil {
			if terms == nil {
				terms = map[string][]string{}
			}
			terms[name] = list
		}
	}
	r.Terms = terms
	return r
}

// normalizedTerms returns the slugs of terms, sorted, once each; nil for none.
func normalizedTerms(terms []string) []string {
	out := make([]string, 0, len(terms))
	for _, t := range terms {
		if t = termSlug(t); t != "" {
			out = append(out, t)
		}
	}
	return sortedUnique(out)
}

func sortedUnique(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	list = slices.Clone(list)
	slices.Sort(list)
	return slices.Compact(list)
}

// key is the canonical form of a normalized request: the cache key and,
// with the build id, the ETag.
func (r Request) key() string {
	var b strings.Builder
	b.WriteString(url.QueryEscape(r.Query))
	for _, t := range r.Types {
		b.WriteString("&type=" + url.QueryEscape(t))
	}
	for _, t := range r.Tags {
		b.WriteString("&tag=" + url.QueryEscape(t))
	}
	// Taxonomy names may be any text: a prefix keeps them apart from the
	// parameters above.
	for _, name := range slices.Sorted(maps.Keys(r.Terms)) {
		for _, t := range r.Terms[name] {
			b.WriteString("&terms." + url.QueryEscape(name) + "=" + url.QueryEscape(t))
		}
	}
	if !r.From.IsZero() {
		b.WriteString("&from=" + r.From.Format(DayLayout))
	}
	if !r.To.IsZero() {
		b.WriteString("&to=" + r.To.Format(DayLayout))
	}
	fmt.Fprintf(&b, "&sort=%s&page=%d&size=%d", r.Sort, r.Page, r.Size)
	return b.String()
}

package sitesearch

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ideas-hub/hub/generator"
	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
	"github.com/ideas-hub/hub/search"
)

// Page renders /search/?q=… with results on the server.
type Page struct {
	Site    func() *generator.Site // the site as last built
	Index   search.IndexSource
	Timeout time.Duration // per search; 0 means 3s
	Logger  *slog.Logger

	spell spellers
}

func (h *Page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	site := h.Site()
	if site == nil {
		http.Error(w, "the site has not been built yet", http.StatusServiceUnavailable)
		return
	}
	status, view := h.results(r, site)
	var buf bytes.Buffer
	if err := site.RenderSearch(&buf, view); err != nil {
		h.logger().Error("rendering the search page", "error", err)
		http.Error(w, "internal server error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = buf.WriteTo(w)
	}
}

func (h *Page) logger() *slog.Logger {
	if h.Logger != nil {
		return h.Logger
	}
	return slog.Default()
}

// results runs the search the URL asks for and returns the status and view.
func (h *Page) results(r *http.Request, site *generator.Site) (int, *generator.SearchView) {
	schema := search.CurrentSchema(h.Index)
	// The endpoint refuses a parameter it does not take; a link to this
	// page may well carry one that is no filter (utm_source on a shared
	// link), and the reader asked for nothing wrong.
	values := endpointValues(r.URL.Query(), schema)
	sv := &generator.SearchView{
		Query: values.Get("q"), Types: values["type"], Tags: values["tag"],
		From: values.Get("from"), To: values.Get("to"), Sort: values.Get("sort"),
		Terms: chosenTerms(values, schema), Taxonomies: searchTaxonomies(site, schema),
	}
	if !asksSomething(values, schema) {
		return http.StatusOK, sv // an empty form: nothing to search for yet
	}
	req, err := search.ParseRequest(values, schema)
	var rerr *search.RequestError
	if errors.As(err, &rerr) {
		sv.Error = rerr.Message
		return http.StatusBadRequest, sv
	}
	ix := h.Index.Current()
	if ix == nil {
		sv.Error = "Search is not available right now: the search index is missing. Browse the tags and sections instead."
		return http.StatusServiceUnavailable, sv
	}
	timeout := h.Timeout
	if timeout <= 0 {
		timeout = 3 * time.Second
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()
	res, err := ix.Search(ctx, req)
	for try := 0; errors.Is(err, search.ErrClosed) && try < 3; try++ {
		// Swapped out by a rebuild or a deploy between Current and Search,
		// as the endpoint's handler retries: ask the index now in place.
		next := h.Index.Current()
		if next == nil || next == ix {
			break
		}
		ix = next
		res, err = ix.Search(ctx, req)
	}
	if err != nil {
		h.logger().Error("search page", "query", r.URL.RawQuery, "error", err)
		sv.Error = "The search did not finish. Please try again."
		return http.StatusServiceUnavailable, sv
	}
	sv.Total, sv.Page, sv.Size = res.Total, res.Page, res.Size
	if res.Total == 0 && req.Query != "" {
		sv.Suggest = h.suggest(ctx, site, ix, req)
	}
	for _, hit := range res.Hits {
		sh := generator.SearchHit{URL: hit.URL, Title: hit.Title, Type: hit.Type, Summary: hit.Summary,
			Snippet: template.HTML(hit.Snippet)} // the index escapes all but <mark>
		if hit.Date != nil {
			sh.Date = *hit.Date
			sh.Time, _ = time.ParseInLocation("2006-01-02", *hit.Date, site.Config.Location())
		}
		for _, slug := range hit.Tags {
			sh.Tags = append(sh.Tags, tagOf(site, slug))
		}
		sh.Terms = hitTerms(site, sv.Taxonomies, hit)
		sv.Hits = append(sv.Hits, sh)
	}
	for _, f := range res.Facets.Type {
		sv.Facets = append(sv.Facets, facet(values, "type", f, site.Config.Types.Plural(f.Term)))
	}
	for _, t := range sv.Taxonomies {
		list := res.Facets.Terms[t.Name]
		if t.Name == search.TagsName {
			list = res.Facets.Tags
		}
		for _, f := range list {
			sv.Facets = append(sv.Facets, facet(values, t.Param, f, termOf(site, t.Name, f.Term).Name))
		}
	}
	sv.Pager = pager(values, res)
	return http.StatusOK, sv
}

// suggest returns a corrected query when it would find something.
func (h *Page) suggest(ctx context.Context, site *generator.Site, ix search.Engine, req search.Request) string {
	fixed, ok := h.spell.forSite(site).correct(req.Query)
	if !ok {
		return ""
	}
	req.Query, req.Page = fixed, 1
	if res, err := ix.Search(ctx, req); err != nil || res.Total == 0 {
		return ""
	}
	return fixed
}

// asksSomething reports whether the URL has a query or a filter; a form
// sent with only its sort order is still an empty search.
func asksSomething(v url.Values, schema search.Schema) bool {
	for _, k := range append(schema.FilterParams(), "q") {
		for _, s := range v[k] {
			if strings.TrimSpace(s) != "" {
				return true
			}
		}
	}
	return false
}

// facet is a facet value with the link that adds or removes it. A value
// in the URL chooses the term in any spelling the endpoint takes for it.
func facet(values url.Values, field string, f search.FacetCount, label string) generator.SearchFacet {
	chosen := func(s string) bool { return valueSlug(s) == f.Term }
	selected := slices.ContainsFunc(values[field], chosen)
	v := cloneValues(values)
	v.Del("page")
	if selected {
		v[field] = slices.DeleteFunc(slices.Clone(v[field]), chosen)
	} else {
		v.Add(field, f.Term)
	}
	return generator.SearchFacet{Field: field, Term: f.Term, Label: label, Count: f.Count, Selected: selected, URL: "/search/?" + v.Encode()}
}

func pager(values url.Values, res *search.Response) *generator.Pager {
	total := max(1, int((res.Total+uint64(res.Size)-1)/uint64(res.Size)))
	return generator.NewPager(res.Page, total, int(res.Total), func(n int) string {
		v := cloneValues(values)
		v.Set("page", strconv.Itoa(n))
		if n == 1 {
			v.Del("page")
		}
		return "/search/?" + v.Encode()
	})
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

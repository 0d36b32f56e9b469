package search

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// fakeEngine answers every valid request with one hit naming its build,
// so that the handler is tested apart from any index. It validates and
// normalises requests as an Engine must, honours ctx and refuses searches
// once closed.
type fakeEngine struct {
	build  string
	schema Schema

	mu     sync.Mutex
	closed bool
}

func newFakeEngine(build string) *fakeEngine {
	return &fakeEngine{build: build, schema: DefaultSchema()}
}

func (e *fakeEngine) Search(ctx context.Context, req Request) (*Response, error) {
	r := req.Normalized()
	if err := r.Validate(e.schema); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	hit := Hit{URL: "/" + e.build + "/", Title: r.Query, Type: "story", Tags: []string{}}
	return &Response{Query: r.Query, Total: 1, Page: r.Page, Size: r.Size, Hits: []Hit{hit},
		Facets: Facets{Type: []FacetCount{{Term: "story", Count: 1}}, Tags: []FacetCount{}}}, nil
}

func (e *fakeEngine) Schema() Schema  { return e.schema }
func (e *fakeEngine) BuildID() string { return e.build }

func (e *fakeEngine) DocCount() (uint64, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return 0, ErrClosed
	}
	return 1, nil
}

func (e *fakeEngine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.closed = true
	return nil
}

// fixtureServer serves the endpoint over a fake engine of build "b1".
func fixtureServer(t testing.TB, opts HandlerOptions) *httptest.Server {
	t.Helper()
	return fakeServer(t, NewHolder(newFakeEngine("b1")), opts)
}

func fakeServer(t testing.TB, src IndexSource, opts HandlerOptions) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(NewHandler(src, opts))
	t.Cleanup(srv.Close)
	return srv
}

// searchOK asks the server and decodes a 200 answer.
func searchOK(t *testing.T, base string, query string) Response {
	t.Helper()
	res, body := hubtest.Request(t, http.MethodGet, base+SearchPath+"?"+query, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET ?%s: status %d, body %s", query, res.StatusCode, body)
	}
	var r Response
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("GET ?%s: %v in %s", query, err, body)
	}
	return r
}

func itoa(n int) string { return strconv.Itoa(n) }

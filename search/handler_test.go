package search

import (
	"bytes"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// The handler's tests answer from fakeEngine (engine_test.go): what they
// check is the endpoint's HTTP behaviour, whatever the engine. The answers
// of the bleve engine through the handler are tested in search/bleve.

func TestSearchHeaders(t *testing.T) {
	srv := fixtureServer(t, HandlerOptions{CORSOrigin: "https://ideas.example"})
	u := srv.URL + SearchPath + "?q=timebank"

	res, body := hubtest.Request(t, http.MethodGet, u, nil)
	etag := res.Header.Get("ETag")
	checks := map[string]string{
		"Content-Type":                "application/json; charset=utf-8",
		"Access-Control-Allow-Origin": "https://ideas.example",
		"Cache-Control":               "public, max-age=60",
	}
	for k, v := range checks {
		if got := res.Header.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if !strings.HasPrefix(etag, `"`) || len(etag) < 10 {
		t.Errorf("ETag %q", etag)
	}

	t.Run("HEAD", func(t *testing.T) {
		res, hbody := hubtest.Request(t, http.MethodHead, u, nil)
		if res.StatusCode != 200 || len(hbody) != 0 {
			t.Errorf("HEAD: %d with %d bytes", res.StatusCode, len(hbody))
		}
		if res.Header.Get("ETag") != etag || res.Header.Get("Content-Length") != itoa(len(body)) {
			t.Errorf("HEAD headers %v", res.Header)
		}
	})
	t.Run("304", func(t *testing.T) {
		for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
			res, b := hubtest.Request(t, http.MethodGet, u, http.Header{"If-None-Match": {inm}})
			if res.StatusCode != http.StatusNotModified || len(b) != 0 {
				t.Errorf("If-None-Match %s: %d", inm, res.StatusCode)
			}
		}
		res, _ := hubtest.Request(t, http.MethodGet, u, http.Header{"If-None-Match": {`"stale"`}})
		if res.StatusCode != 200 {
			t.Errorf("stale ETag: %d", res.StatusCode)
		}
	})
	t.Run("ETag follows the normalized query", func(t *testing.T) {
		same, _ := hubtest.Request(t, http.MethodGet, srv.URL+SearchPath+"?q=++timebank+&page=1&size=10&sort=relevance", nil)
		other, _ := hubtest.Request(t, http.MethodGet, srv.URL+SearchPath+"?q=timebank&page=2", nil)
		if same.Header.Get("ETag") != etag {
			t.Error("equivalent query has another ETag")
		}
		if other.Header.Get("ETag") == etag {
			t.Error("page 2 has page 1's ETag")
		}
	})
	t.Run("405", func(t *testing.T) {
		for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodPatch} {
			res, b := hubtest.Request(t, m, u, nil)
			if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s: %d, Allow %q", m, res.StatusCode, res.Header.Get("Allow"))
			}
			if !strings.Contains(string(b), `"error"`) {
				t.Errorf("%s: body %s", m, b)
			}
		}
	})
	t.Run("CORS on errors too", func(t *testing.T) {
		res, _ := hubtest.Request(t, http.MethodGet, srv.URL+SearchPath, nil)
		if res.StatusCode != 400 || res.Header.Get("Access-Control-Allow-Origin") != "https://ideas.example" {
			t.Errorf("%d %v", res.StatusCode, res.Header)
		}
	})
	t.Run("no CORS header unless configured", func(t *testing.T) {
		plain := fixtureServer(t, HandlerOptions{})
		res, _ := hubtest.Request(t, http.MethodGet, plain.URL+SearchPath+"?q=timebank", nil)
		if v, ok := res.Header["Access-Control-Allow-Origin"]; ok {
			t.Errorf("Access-Control-Allow-Origin %q", v)
		}
	})
}

func TestHealthAndMissingIndex(t *testing.T) {
	srv := fixtureServer(t, HandlerOptions{})
	if res, _ := hubtest.Request(t, http.MethodGet, srv.URL+HealthPath, nil); res.StatusCode != 200 {
		t.Errorf("/healthz with index: %d", res.StatusCode)
	}
	if res, _ := hubtest.Request(t, http.MethodHead, srv.URL+HealthPath, nil); res.StatusCode != 200 {
		t.Errorf("HEAD /healthz with index: %d", res.StatusCode)
	}

	holder := NewHolder(nil)
	empty := fakeServer(t, holder, HandlerOptions{})
	if res, _ := hubtest.Request(t, http.MethodGet, empty.URL+HealthPath, nil); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/healthz without index: %d", res.StatusCode)
	}
	res, body := hubtest.Request(t, http.MethodGet, empty.URL+SearchPath+"?q=timebank", nil)
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), `"error"`) {
		t.Errorf("search without index: %d %s", res.StatusCode, body)
	}
	// Bad input is still 400 without an index.
	if res, _ := hubtest.Request(t, http.MethodGet, empty.URL+SearchPath+"?size=500&q=x", nil); res.StatusCode != 400 {
		t.Errorf("bad input without index: %d", res.StatusCode)
	}

	// An index swapped in at run time is used at once; the old one closes.
	if old := holder.Swap(newFakeEngine("b1")); old != nil {
		t.Fatal("holder was not empty")
	}
	if res, _ := hubtest.Request(t, http.MethodGet, empty.URL+HealthPath, nil); res.StatusCode != 200 {
		t.Errorf("/healthz after swap: %d", res.StatusCode)
	}
	searchOK(t, empty.URL, "q=timebank")
	if err := holder.Swap(nil).Close(); err != nil {
		t.Fatal(err)
	}
	if res, _ := hubtest.Request(t, http.MethodGet, empty.URL+HealthPath, nil); res.StatusCode != 503 {
		t.Errorf("/healthz after removal: %d", res.StatusCode)
	}
	if res, _ := hubtest.Request(t, http.MethodGet, empty.URL+"/elsewhere", nil); res.StatusCode != 404 {
		t.Errorf("other path: %d", res.StatusCode)
	}
}

// A site without [[taxonomies]] has the contract's four. Before its index
// opens (while hub serve builds it), a filter of any of them answers as a
// search does without an index, not as an unknown parameter.
func TestDefaultTaxonomiesWithoutIndex(t *testing.T) {
	srv := fakeServer(t, NewHolder(nil), HandlerOptions{})
	for _, q := range []string{"tag=repair", "author=immy-robinson", "organisation=black-thrive", "region=wales"} {
		res, body := hubtest.Request(t, http.MethodGet, srv.URL+SearchPath+"?"+q, nil)
		if res.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("?%s without an index: %d %s, want 503", q, res.StatusCode, body)
		}
	}
	res, body := hubtest.Request(t, http.MethodGet, srv.URL+SearchPath+"?colour=red", nil)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "colour") {
		t.Errorf("?colour=red without an index: %d %s, want 400", res.StatusCode, body)
	}
}

func TestClosedIndexIsNotAServerFault(t *testing.T) {
	ix := newFakeEngine("b1")
	ix.Close()
	srv := fakeServer(t, NewHolder(ix), HandlerOptions{})
	res, body := hubtest.Request(t, http.MethodGet, srv.URL+SearchPath+"?q=timebank", nil)
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("closed index: %d %s", res.StatusCode, body)
	}
}

// A rebuild may close the index a request picked before it searches: the
// request is answered by the new index, not with an error.
func TestIndexSwappedDuringRequest(t *testing.T) {
	old, cur := newFakeEngine("old"), newFakeEngine("new")
	old.Close()
	var calls atomic.Int32
	src := IndexFunc(func() Engine {
		if calls.Add(1) <= 2 { // ParseRequest's look at the schema, then the search
			return old
		}
		return cur
	})
	srv := fakeServer(t, src, HandlerOptions{})
	if r := searchOK(t, srv.URL, "q=timebank"); r.Hits[0].URL != "/new/" {
		t.Errorf("answered by %s", r.Hits[0].URL)
	}
}

func TestPanicIsLoggedAndAnswered500(t *testing.T) {
	var logs bytes.Buffer
	src := IndexFunc(func() Engine { panic("index source exploded") })
	srv := fakeServer(t, src, HandlerOptions{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	res, body := hubtest.Request(t, http.MethodGet, srv.URL+SearchPath+"?q=timebank", nil)
	if res.StatusCode != http.StatusInternalServerError || !strings.Contains(string(body), `"error"`) {
		t.Errorf("%d %s", res.StatusCode, body)
	}
	if !strings.Contains(logs.String(), "index source exploded") {
		t.Errorf("panic not logged: %q", logs.String())
	}
}

func TestTimeLimit(t *testing.T) {
	srv := fixtureServer(t, HandlerOptions{Timeout: time.Nanosecond})
	res, body := hubtest.Request(t, http.MethodGet, srv.URL+SearchPath+"?q=timebank", nil)
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "too long") {
		t.Errorf("%d %s", res.StatusCode, body)
	}
	if res.Header.Get("ETag") != "" || res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("a failure must not be cached: %v", res.Header)
	}
}

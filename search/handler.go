package search

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// Endpoint paths of the outside contract.
const (
	SearchPath = "/api/search"
	HealthPath = "/healthz"
)

// HandlerOptions configures NewHandler. The zero value is usable.
type HandlerOptions struct {
	// CORSOrigin is sent as Access-Control-Allow-Origin ("*" or an origin
	// such as "https://ideas.example"), so that a site on a static host can
	// call an endpoint elsewhere. Empty sends no CORS header.
	CORSOrigin string
	// Timeout bounds each search; 0 means 3s.
	Timeout time.Duration
	// MaxAge is the Cache-Control max-age of results; 0 means 60s.
	MaxAge time.Duration
	// CacheEntries is the size of the in-memory LRU of results; 0 means
	// 256, negative disables it.
	CacheEntries int
	// Logger receives panics and server faults; nil means slog.Default().
	Logger *slog.Logger
	// Warning says why the index served is not the newest one put in place
	// (Reloader.Problem), or "". HealthPath shows it: still 200 while an
	// index serves, for a replica that answers from the last good index is
	// healthy; a load balancer must not take it out of rotation.
	Warning func() string
}

// Handler is the endpoint: see NewHandler.
type Handler struct {
	src     IndexSource
	opts    HandlerOptions
	log     *slog.Logger
	cache   *resultCache
	control string // Cache-Control value
}

// NewHandler serves GET and HEAD on SearchPath and HealthPath, answering from
// whatever index src holds at the time of each request.
func NewHandler(src IndexSource, opts HandlerOptions) *Handler {
	if opts.Timeout <= 0 {
		opts.Timeout = 3 * time.Second
	}
	if opts.MaxAge <= 0 {
		opts.MaxAge = time.Minute
	}
	if opts.CacheEntries == 0 {
		opts.CacheEntries = 256
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Handler{
		src:     src,
		opts:    opts,
		log:     log,
		cache:   newResultCache(opts.CacheEntries),
		control: fmt.Sprintf("public, max-age=%d", int(opts.MaxAge.Seconds())),
	}
}

// CacheStats returns how many answers came from the cache of answers and
// how many were searched, so far.
func (h *Handler) CacheStats() (hits, misses uint64) { return h.cache.stats() }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			h.log.Error("search handler panic", "path", r.URL.Path, "query", r.URL.RawQuery, "panic", v, "stack", string(debug.Stack()))
			writeError(w, r, http.StatusInternalServerError, "internal error")
		}
	}()
	if h.opts.CORSOrigin != "" {
		w.Header().Set("Access-Control-Allow-Origin", h.opts.CORSOrigin)
	}
	if r.URL.Path != SearchPath && r.URL.Path != HealthPath {
		writeError(w, r, http.StatusNotFound, "not found")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, r, http.StatusMethodNotAllowed, "method not allowed: use GET or HEAD")
		return
	}
	if r.URL.Path == HealthPath {
		h.health(w, r)
		return
	}
	h.search(w, r)
}

func (h *Handler) health(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	var warning string
	if h.opts.Warning != nil {
		warning = h.opts.Warning()
	}
	e := h.src.Current()
	if e == nil {
		msg := "no search index is open"
		if warning != "" {
			msg += ": " + warning
		}
		writeJSON(w, r, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": msg})
		return
	}
	n, err := e.DocCount()
	if errors.Is(err, ErrClosed) && h.src.Current() != e {
		e = h.src.Current() // swapped out meanwhile: report the new one
		if e != nil {
			n, err = e.DocCount()
		}
	}
	if err != nil || e == nil {
		writeJSON(w, r, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": fmt.Sprint(err)})
		return
	}
	body := map[string]any{"status": "ok", "build_id": e.BuildID(), "documents": n}
	if warning != "" {
		body["warning"] = warning
	}
	writeJSON(w, r, http.StatusOK, body)
}

// maxSwapRetries is how many times a search swapped out from under it is
// asked again of the newer index: each swap takes a deploy, so more than
// one during a search of a few milliseconds is already unlikely.
const maxSwapRetries = 3

func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	req, err := ParseRequest(r.URL.Query(), CurrentSchema(h.src))
	if err != nil {
		writeError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	normalized := req.Normalized().key()
	for attempt := 0; ; attempt++ {
		e := h.src.Current()
		if e == nil {
			writeError(w, r, http.StatusServiceUnavailable, "search is not available: no index is open")
			return
		}
		key := e.BuildID() + "\x00" + normalized
		etag := makeETag(key)
		if etagMatches(r.Header.Get("If-None-Match"), etag) {
			w.Header().Set("ETag", etag)
			w.Header().Set("Cache-Control", h.control)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		body, ok := h.cache.get(key)
		if !ok {
			var status int
			body, status, err = h.answer(r.Context(), e, req)
			if errors.Is(err, ErrClosed) && attempt < maxSwapRetries && h.src.Current() != e {
				continue // swapped out by a rebuild or a deploy meanwhile: ask the new index
			}
			if err != nil {
				w.Header().Set("Cache-Control", "no-store")
				writeError(w, r, status, err.Error())
				return
			}
			h.cache.put(key, body)
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Cache-Control", h.control)
		writeBody(w, r, http.StatusOK, body)
		return
	}
}

// answer runs the search under the time limit and encodes the result. On
// failure it returns the status and a message fit for the client.
func (h *Handler) answer(ctx context.Context, e Engine, req Request) ([]byte, int, error) {
	ctx, cancel := context.WithTimeout(ctx, h.opts.Timeout)
	defer cancel()
	resp, err := e.Search(ctx, req)
	var reqErr *RequestError
	switch {
	case err == nil:
	case errors.As(err, &reqErr):
		return nil, http.StatusBadRequest, reqErr
	case errors.Is(err, context.DeadlineExceeded):
		return nil, http.StatusServiceUnavailable, errors.New("the search took too long; try fewer or longer words")
	case errors.Is(err, ErrClosed):
		return nil, http.StatusServiceUnavailable, err
	case errors.Is(err, context.Canceled):
		return nil, http.StatusServiceUnavailable, errors.New("search is not available right now; try again")
	default:
		h.log.Error("search failed", "query", req.Query, "error", err)
		return nil, http.StatusInternalServerError, errors.New("internal error")
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, resp); err != nil {
		h.log.Error("encode search response", "error", err)
		return nil, http.StatusInternalServerError, errors.New("internal error")
	}
	return buf.Bytes(), 0, nil
}

// makeETag derives a strong validator from the build id and the normalized
// request: the same request on the same index always has the same body
// (took_ms aside, which caches may ignore).
func makeETag(key string) string {
	sum := sha256.Sum256([]byte(key))
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// etagMatches implements If-None-Match's weak comparison.
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

func writeError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	writeJSON(w, r, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		body = []byte(`{"error":"internal error"}`)
		status = http.StatusInternalServerError
	}
	writeBody(w, r, status, append(body, '\n'))
}

func writeBody(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	hd.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

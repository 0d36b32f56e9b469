package preview

import (
	"bytes"
	_ "embed"
	"net/http"
	"strings"
)

// Path is where the preview's own files are served.
const Path = "/_hub/"

//go:embed reload.js
var reloadJS []byte

//go:embed overlay.css
var overlayCSS []byte

// Handler serves /_hub/events, /_hub/reload.js and /_hub/overlay.css.
func (b *Broker) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+Path+"events", b.ServeEvents)
	mux.HandleFunc("GET "+Path+"reload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(reloadJS)
	})
	mux.HandleFunc("GET "+Path+"overlay.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(overlayCSS)
	})
	return mux
}

// Snippet is what Inject adds to each HTML page.
const Snippet = `<script src="` + Path + `reload.js" defer></script>`

// Inject adds the live reload script to HTML responses of next. The built
// files stay as `hub build` writes them; only what the preview serves
// carries the script.
func Inject(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, Path) {
			next.ServeHTTP(w, r)
			return
		}
		rec := &htmlRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		rec.finish()
	})
}

// htmlRecorder buffers HTML bodies so the script can go before </body>;
// anything else passes straight through.
type htmlRecorder struct {
	http.ResponseWriter
	status  int
	html    bool
	decided bool
	buf     bytes.Buffer
}

func (h *htmlRecorder) WriteHeader(status int) {
	h.status = status
	if h.Header().Get("Content-Type") == "" {
		return // the first Write sniffs the type, as net/http would
	}
	h.decide()
	if !h.html {
		h.ResponseWriter.WriteHeader(status)
	}
}

func (h *htmlRecorder) decide() {
	if h.decided {
		return
	}
	h.decided = true
	h.html = strings.HasPrefix(h.Header().Get("Content-Type"), "text/html")
	if h.html {
		h.Header().Del("Content-Length")
		h.Header().Del("ETag")
		h.Header().Set("Cache-Control", "no-store")
	}
}

func (h *htmlRecorder) Write(p []byte) (int, error) {
	if !h.decided {
		if h.Header().Get("Content-Type") == "" {
			h.Header().Set("Content-Type", http.DetectContentType(p))
		}
		h.decide()
		if !h.html {
			h.ResponseWriter.WriteHeader(h.status)
		}
	}
	if !h.html {
		return h.ResponseWriter.Write(p)
	}
	return h.buf.Write(p)
}

func (h *htmlRecorder) finish() {
	if !h.decided { // a header with no body
		h.ResponseWriter.WriteHeader(h.status)
		return
	}
	if !h.html {
		return
	}
	body := h.buf.Bytes()
	if i := bytes.LastIndex(body, []byte("</body>")); i >= 0 {
		body = append(body[:i:i], append([]byte(Snippet), body[i:]...)...)
	} else if len(body) > 0 {
		body = append(body, Snippet...)
	}
	h.ResponseWriter.WriteHeader(h.status)
	_, _ = h.ResponseWriter.Write(body)
}

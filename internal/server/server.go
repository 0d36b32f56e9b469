// Package server serves a built hub: the static site, the search endpoint
// and the server-rendered search page, with the headers a public site needs.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// Config says what a Server serves.
type Config struct {
	PublicDir string       // the built site
	API       http.Handler // /api/search and /healthz; nil answers 503
	// SearchPage renders /search/ with results when the URL has a query;
	// nil serves the static search page.
	SearchPage http.Handler
	// Hub serves /_hub/ (the preview's live reload).
	Hub http.Handler
	// Pages wraps the handlers of the site's pages (the preview injects its
	// script there); nil leaves them as they are.
	Pages  func(http.Handler) http.Handler
	Logger *slog.Logger
}

// Server is an HTTP server for one site. Open listens first, so an address
// of 127.0.0.1:0 picks a free port that URL then reports.
type Server struct {
	cfg    Config
	ln     net.Listener
	srv    *http.Server
	cancel context.CancelFunc // of every request's context, for Shutdown
}

// New returns a server for cfg; call Open, then Serve.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Server{cfg: cfg}
	base, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.srv = &http.Server{
		BaseContext:       func(net.Listener) context.Context { return base },
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
	}
	return s
}

// Open starts listening on addr (host:port).
func (s *Server) Open(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.ln = ln
	return nil
}

// URL is the address the server listens on, as http://host:port/.
func (s *Server) URL() string {
	return "http://" + s.ln.Addr().String() + "/"
}

// Serve answers requests until Shutdown; it returns nil after a shutdown.
func (s *Server) Serve() error {
	err := s.srv.Serve(s.ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting requests and waits for those under way until
// ctx ends. Then it cancels the ones left (a search stops at its next look
// at its context) and closes their connections: a process told to stop
// must, even with a download stalled by its reader.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if err != nil {
		s.cancel()
		err = s.srv.Close()
	}
	s.cancel()
	return err
}

// Handler is the server's whole routing, for tests with httptest.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	api := s.cfg.API
	if api == nil {
		api = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, `{"error":"search is not available"}`, http.StatusServiceUnavailable)
		})
	}
	mux.Handle("/api/", api)
	mux.Handle("/healthz", api)
	if s.cfg.Hub != nil {
		mux.Handle("/_hub/", s.cfg.Hub)
	}
	pages := func(h http.Handler) http.Handler {
		if s.cfg.Pages != nil {
			return s.cfg.Pages(h)
		}
		return h
	}
	static := staticFiles{dir: s.cfg.PublicDir}
	mux.Handle("/", pages(static))
	if s.cfg.SearchPage != nil {
		mux.Handle("/search/{$}", pages(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.RawQuery == "" {
				static.ServeHTTP(w, r)
				return
			}
			s.cfg.SearchPage.ServeHTTP(w, r)
		})))
	}
	return s.recoverPanics(securityHeaders(mux))
}

// contentSecurityPolicy allows only the site's own scripts, styles and
// connections; the default theme has no inline scripts or styles (its
// JSON-LD block is data, which CSP does not block).
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data: https:; " +
	"style-src 'self'; script-src 'self'; connect-src 'self'; font-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		next.ServeHTTP(w, r)
	})
}

// recoverPanics logs a handler's panic and answers 500, so one bad request
// never takes the server down.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.cfg.Logger.Error("panic serving request", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", strings.TrimSpace(string(debug.Stack())))
				http.Error(w, "internal server error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/internal/preview"
	"github.com/ideas-hub/hub/internal/server"
	"github.com/ideas-hub/hub/internal/sitesearch"
	"github.com/ideas-hub/hub/search"
)

// runServe builds the site, serves it with the search endpoint and, with
// --watch, rebuilds on every change with live reload (internal/preview).
// Without --watch it is the endpoint in production (see production).
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", stderr)
	var f buildFlags
	f.register(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on; port 0 picks a free one")
	watching := fs.Bool("watch", true, "rebuild on change and reload open pages")
	cors := fs.String("cors-origin", "", "Access-Control-Allow-Origin for the search endpoint, for a site on another host")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "hub serve: unexpected argument %q\n", rest[0])
		return ExitUsage
	}
	opts, err := f.options()
	if err != nil {
		fmt.Fprintln(stderr, "hub serve:", err)
		return ExitUsage
	}
	out, indexDir := f.paths()
	level := slog.LevelWarn
	if !*watching {
		level = slog.LevelInfo // in production, say which index is served
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	cfg := server.Config{PublicDir: out, Logger: logger}
	var site servedSite
	if *watching {
		p := preview.New(preview.Config{Site: f.site, Out: out, Index: indexDir, Options: opts,
			Stdout: stdout, Stderr: stderr, Logger: logger})
		cfg.Hub, cfg.Pages = p.Events(), p.Pages
		// serve writes the index itself: it is always the one served.
		withSearch(&cfg, p.Index(), p.Site, *cors, nil)
		site = p
	} else {
		p := newProduction(opts, out, indexDir, stderr, logger)
		withSearch(&cfg, p.index, p.site.Load, *cors, p.reloader.Problem)
		site = p
	}
	defer site.Close()
	return serve(ctx, server.New(cfg), *addr, site, *watching, stdout, stderr)
}

// servedSite is what serve builds and keeps up to date: the preview
// (internal/preview), or the endpoint in production (production).
type servedSite interface {
	// Start builds the site and returns the line to print, "" when the
	// build failed (it has said why). An error stops serve.
	Start(ctx context.Context) (string, error)
	// Run keeps the site up to date until ctx ends.
	Run(ctx context.Context)
	// Stop lets go of what would keep the server's shutdown waiting.
	Stop()
	// Close releases the rest, once the server is shut down.
	Close()
}

// serve opens srv, builds the site, serves it, and shuts down when ctx
// ends. watching says whether the site is committed before its index is
// built, for the message a stop during the build prints.
func serve(ctx context.Context, srv *server.Server, addr string, site servedSite, watching bool, stdout, stderr io.Writer) int {
	if err := srv.Open(addr); err != nil {
		fmt.Fprintln(stderr, "hub serve:", err)
		return ExitBuild
	}
	// The first build may fail: the server starts anyway and shows the errors.
	summary, err := site.Start(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "hub serve:", err)
		return ExitBuild
	}
	if ctx.Err() != nil {
		// Under --watch the site is committed before its index is built.
		return interrupted(stderr, "serve", !watching)
	}
	fmt.Fprintf(stdout, "serving %s\n", srv.URL())
	if summary != "" {
		fmt.Fprintln(stdout, summary)
	}

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve() }()
	go site.Run(ctx)

	select {
	case err := <-serveErr:
		if err != nil {
			fmt.Fprintln(stderr, "hub serve:", err)
			return ExitBuild
		}
	case <-ctx.Done():
	}
	site.Stop()
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintln(stderr, "hub serve: shutting down:", err)
	}
	return ExitOK
}

// withSearch serves the search endpoint and the server-rendered search
// page over index. warning, when not nil, says for /healthz why the index
// served is not the one in the folder.
func withSearch(cfg *server.Config, index *search.Holder, site func() *generator.Site, corsOrigin string, warning func() string) {
	cfg.API = search.NewHandler(index, search.HandlerOptions{CORSOrigin: corsOrigin, Logger: cfg.Logger, Warning: warning})
	cfg.SearchPage = &sitesearch.Page{Site: site, Index: index, Logger: cfg.Logger}
}

// shutdownGrace is how long requests under way may take to finish once
// serve is told to stop: searches take milliseconds, and SIGINT and SIGTERM
// must stop serve within a second. A load balancer drains a replica before
// it stops it; what is still open after this is cut.
const shutdownGrace = 500 * time.Millisecond

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/internal/preview"
	"github.com/ideas-hub/hub/internal/server"
	"github.com/ideas-hub/hub/internal/sitesearch"
	"github.com/ideas-hub/hub/internal/watch"
	"github.com/ideas-hub/hub/search"
	bleveengine "github.com/ideas-hub/hub/search/bleve"
)

// runServe builds the site, serves it with the search endpoint and, with
// --watch, rebuilds on every change with live reload.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", stderr)
	var f buildFlags
	f.register(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on; port 0 picks a free one")
	watching := fs.Bool("watch", true, "rebuild on change and reload open pages")
	cors := fs.String("cors-origin", "", "Access-Control-Allow-Origin for the search endpoint, for a site on another host")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "hub serve: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	opts, err := f.options()
	if err != nil {
		fmt.Fprintln(stderr, "hub serve:", err)
		return exitUsage
	}
	out, indexDir := f.paths()
	level := slog.LevelWarn
	if !*watching {
		level = slog.LevelInfo // in production, say which index is served
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	p := newPipeline(f.site, indexDir, stdout, stderr, logger)
	var reload <-chan struct{}
	if *watching {
		opts.WriteLock = &p.files
		p.builder = generator.NewBuilder(opts, out, true)
		go p.indexer(ctx)
	} else {
		p.reloader = bleveengine.NewReloader(indexDir, p.index, logger)
		// Before the build: SIGHUP's default action ends the process.
		var stop func()
		reload, stop = hangups()
		defer stop()
	}
	defer p.close()
	srv := server.New(p.serverConfig(out, *cors, *watching))
	if err := srv.Open(*addr); err != nil {
		fmt.Fprintln(stderr, "hub serve:", err)
		return exitBuild
	}
	// Watch before the first build, so an edit made while it runs is the
	// next batch rather than lost.
	var w *watch.Watcher
	if *watching {
		if w, err = startWatching(ctx, f.site, out, indexDir, logger); err != nil {
			fmt.Fprintln(stderr, "hub serve: watching for changes:", err)
			return exitBuild
		}
		defer w.Close()
	}
	// The first build may fail: the server starts anyway and shows the errors.
	var summary string
	if *watching {
		summary = p.rebuild(ctx, nil)
	} else {
		summary = p.buildOnce(ctx, opts, out)
		go p.reloader.Run(ctx, reload)
	}
	if ctx.Err() != nil {
		// Under --watch the site is committed before its index is built.
		return interrupted(stderr, "serve", !*watching)
	}
	fmt.Fprintf(stdout, "serving %s\n", srv.URL())
	if summary != "" {
		fmt.Fprintln(stdout, summary)
	}

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve() }()
	if w != nil {
		go p.watch(ctx, w)
	}

	select {
	case err := <-serveErr:
		if err != nil {
			fmt.Fprintln(stderr, "hub serve:", err)
			return exitBuild
		}
	case <-ctx.Done():
	}
	p.broker.Close()
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintln(stderr, "hub serve: shutting down:", err)
	}
	return exitOK
}

// shutdownGrace is how long requests under way may take to finish once
// serve is told to stop: searches take milliseconds, and SIGINT and SIGTERM
// must stop serve within a second. A load balancer drains a replica before
// it stops it; what is still open after this is cut.
const shutdownGrace = 500 * time.Millisecond

// startWatching watches the site's sources, not its output or index.
func startWatching(ctx context.Context, site, out, indexDir string, logger *slog.Logger) (*watch.Watcher, error) {
	w, err := watch.New(watch.Options{
		Roots:  []string{filepath.Join(site, generator.ContentDir), filepath.Join(site, generator.LayoutsDir), filepath.Join(site, "static")},
		Files:  []string{filepath.Join(site, generator.ConfigFile)},
		Skip:   []string{out, indexDir},
		Logger: logger,
	})
	if err != nil {
		return nil, err
	}
	go w.Run(ctx)
	return w, nil
}

func newPipeline(siteDir, indexDir string, stdout, stderr io.Writer, logger *slog.Logger) *pipeline {
	p := &pipeline{
		siteDir: siteDir, indexDir: indexDir,
		index: search.NewHolder(nil), broker: preview.NewBroker(),
		upsert: map[string]search.Document{}, remove: map[string]bool{}, wake: make(chan struct{}, 1),
		stdout: stdout, stderr: stderr, logger: logger,
	}
	p.live = bleveengine.NewLive(indexDir, p.index)
	return p
}

// serverConfig serves the built site with the endpoint and the search
// page; with watching, the live reload too.
func (p *pipeline) serverConfig(out, corsOrigin string, watching bool) server.Config {
	cfg := server.Config{
		PublicDir:  out,
		API:        search.NewHandler(p.index, search.HandlerOptions{CORSOrigin: corsOrigin, Logger: p.logger, Warning: p.indexWarning}),
		SearchPage: &sitesearch.Page{Site: p.site.Load, Index: p.index, Logger: p.logger},
		Logger:     p.logger,
	}
	if watching {
		cfg.Hub = p.broker.Handler()
		cfg.Pages = func(h http.Handler) http.Handler { return preview.Inject(p.holdFiles(h)) }
	}
	return cfg
}

// holdFiles keeps rebuilds from rewriting a file in place while h reads
// it: the builder takes the write side of p.files for each such file.
func (p *pipeline) holdFiles(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.files.RLock()
		defer p.files.RUnlock()
		h.ServeHTTP(w, r)
	})
}

// pipeline rebuilds the site and its index and tells open pages.
type pipeline struct {
	siteDir, indexDir string
	builder           *generator.Builder
	files             sync.RWMutex // see holdFiles
	site              atomic.Pointer[generator.Site]
	index             *search.Holder
	broker            *preview.Broker
	live              *bleveengine.Live
	reloader          *search.Reloader // without --watch: the index a deploy puts in place
	stdout, stderr    io.Writer

	// The index's pending work, merged by URL; wake tells the indexer.
	mu     sync.Mutex
	upsert map[string]search.Document
	remove map[string]bool
	wake   chan struct{}
	logger *slog.Logger

	// warned is the warnings last printed, so a rebuild prints them only
	// when they change rather than on every save, and shown is them as
	// the overlay shows them, with their lines read from the files. Only
	// rebuild and fail, which run one build at a time, touch them.
	warned generator.Diagnostics
	shown  []preview.Problem
}

// watch rebuilds after each batch of changes until ctx ends.
func (p *pipeline) watch(ctx context.Context, w *watch.Watcher) {
	for batch := range w.Batches() {
		var changed []string
		for _, abs := range batch.Paths {
			if rel, ok := p.relative(abs); ok {
				changed = append(changed, rel)
			}
		}
		if len(changed) == 0 {
			continue
		}
		if line := p.rebuild(ctx, changed); line != "" {
			fmt.Fprintln(p.stdout, line)
		}
	}
}

// relative turns a watcher path into the site-relative slash path the
// builder takes.
func (p *pipeline) relative(abs string) (string, bool) {
	root, err := filepath.Abs(p.siteDir)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// rebuild builds (everything when changed is nil), updates the index and the
// open pages, and returns the line to print; errors go to stderr and to the
// pages' overlay, and the last good site stays served.
func (p *pipeline) rebuild(ctx context.Context, changed []string) string {
	start := time.Now()
	res, err := p.builder.Build(ctx, changed)
	if ctx.Err() != nil {
		return "" // stopping: the output and index stay as they were
	}
	if err != nil {
		p.fail(err)
		return ""
	}
	p.site.Store(res.Site)
	took := time.Since(start).Round(time.Millisecond)
	p.noteWarnings(res.Site.Warnings, changed)
	shown := p.shown
	// The pages are written: tell the browsers now, and bring the index up
	// to date after, so an edit is on screen before search catches up.
	switch {
	case changed != nil && generator.OnlyCSS(changed):
		for _, c := range changed {
			p.broker.SwapCSS(res.Site.AssetURL(filepath.Base(c)), shown)
		}
	default:
		p.broker.Reload(shown)
	}
	if changed == nil {
		p.resetIndex(ctx, res.Site) // the first index is ready before "serving"
	} else {
		p.queueIndex(res.Site)
	}
	if changed == nil {
		return res.Stats.Summary(took)
	}
	return fmt.Sprintf("rebuilt after %s: %d %s written, %d removed in %s",
		describeChanges(changed), res.Stats.Rendered, plural(res.Stats.Rendered, "file", "files"), res.Stats.Removed, took)
}

// queueIndex adds what the build changed to the index's pending work and
// wakes the indexer; edits made while it writes are applied together.
func (p *pipeline) queueIndex(site *generator.Site) {
	p.mu.Lock()
	for _, url := range site.Gone {
		delete(p.upsert, url)
		p.remove[url] = true
	}
	for _, page := range site.Changed {
		delete(p.remove, page.URL)
		p.upsert[page.URL] = sitesearch.Document(page)
	}
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default: // the indexer is already due to run
	}
}

// indexQuiet is how long the indexer waits after the last rebuild of a
// run of edits. An update takes one of the machine's cores for 50–150 ms
// at 10,000 pages; while an editor is saving again and again, the pages
// they are looking at come first, and search catches up once they pause.
// A stream of saves that never pauses (a script writing content) still
// reaches search within indexMaxWait of its first change; at 5 s, the
// updates take at most a few percent of a core from the rebuilds (with
// 2 s, the tag-edit p50 in BenchmarkEditToReload10000 went from 45 to
// 53–66 ms).
const (
	indexQuiet   = 150 * time.Millisecond
	indexMaxWait = 5 * time.Second
)

// indexDelay is how long after now the indexer should run, given the
// oldest change it has not applied.
func indexDelay(oldest, now time.Time) time.Duration {
	return max(0, min(indexQuiet, oldest.Add(indexMaxWait).Sub(now)))
}

// indexer applies pending changes to the index until ctx ends.
func (p *pipeline) indexer(ctx context.Context) {
	quiet := time.NewTimer(indexQuiet)
	quiet.Stop()
	var oldest time.Time // of the changes not yet applied
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.wake:
			now := time.Now()
			if oldest.IsZero() {
				oldest = now
			}
			quiet.Reset(indexDelay(oldest, now))
			continue
		case <-quiet.C:
		}
		oldest = time.Time{}
		p.mu.Lock()
		upsert := make([]search.Document, 0, len(p.upsert))
		for _, d := range p.upsert {
			upsert = append(upsert, d)
		}
		remove := make([]string, 0, len(p.remove))
		for url := range p.remove {
			remove = append(remove, url)
		}
		clear(p.upsert)
		clear(p.remove)
		p.mu.Unlock()
		if len(upsert)+len(remove) == 0 {
			continue
		}
		if err := p.live.Update(ctx, newBuildID(), upsert, remove); err != nil && ctx.Err() == nil {
			p.logger.Warn("search index not updated; searches use the previous one", "error", err)
		}
	}
}

// resetIndex writes the whole index of the site and swaps it in.
func (p *pipeline) resetIndex(ctx context.Context, site *generator.Site) {
	// Sites do not declare types or taxonomies yet: every site has the default ones.
	if err := p.live.Reset(ctx, newBuildID(), search.DefaultSchema(), sitesearch.Documents(site)); err != nil && ctx.Err() == nil {
		p.logger.Warn("search index cannot be built; the site is served without search", "error", err)
	}
}

// fail reports a failed build, with its warnings, in the terminal and in
// every open page.
func (p *pipeline) fail(err error) {
	var diags generator.Diagnostics
	if !errors.As(err, &diags) {
		diags = generator.Diagnostics{{Path: "(build)", Msg: err.Error()}}
	}
	for _, d := range diags {
		fmt.Fprintln(p.stderr, d.Error())
	}
	fmt.Fprintf(p.stderr, "build failed: %s; serving the last good build\n", tally(diags))
	p.warned, p.shown = nil, nil // the next good build prints its warnings again
	p.broker.Fail(p.problems(diags))
}

// noteWarnings prints a good build's warnings when they differ from the
// last printed, and makes them ready for the overlay when they or a file
// they are in changed.
func (p *pipeline) noteWarnings(warnings generator.Diagnostics, changed []string) {
	if slices.Equal(warnings, p.warned) && !slices.ContainsFunc(warnings, func(d generator.Diagnostic) bool {
		return slices.Contains(changed, d.Path)
	}) {
		return
	}
	if !slices.Equal(warnings, p.warned) {
		printDiagnostics(p.stderr, warnings)
	}
	p.warned, p.shown = warnings, p.problems(warnings)
}

// problems turns diagnostics into what the overlay shows.
func (p *pipeline) problems(diags generator.Diagnostics) []preview.Problem {
	if len(diags) == 0 {
		return nil
	}
	problems := make([]preview.Problem, len(diags))
	for i, d := range diags {
		problems[i] = preview.Problem{Path: d.Path, Line: d.Line, Col: d.Col, Message: d.Msg, Source: sourceLine(p.siteDir, d)}
		if d.Severity == generator.SeverityWarning {
			problems[i].Severity = preview.Warning
		}
	}
	return problems
}

// sourceLine is the line of the file a diagnostic points at, for the overlay.
func sourceLine(siteDir string, d generator.Diagnostic) string {
	if d.Line < 1 {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(d.Path)))
	if err != nil {
		return ""
	}
	lines := strings.Split(string(data), "\n")
	if d.Line > len(lines) {
		return ""
	}
	return strings.TrimRight(lines[d.Line-1], "\r")
}

func describeChanges(changed []string) string {
	if len(changed) == 1 {
		return changed[0]
	}
	return fmt.Sprintf("%s and %d more", changed[0], len(changed)-1)
}

func (p *pipeline) close() {
	if ix := p.index.Swap(nil); ix != nil {
		ix.Close()
	}
}

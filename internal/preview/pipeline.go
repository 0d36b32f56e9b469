package preview

import (
	"context"
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
	"github.com/ideas-hub/hub/internal/report"
	"github.com/ideas-hub/hub/internal/sitesearch"
	"github.com/ideas-hub/hub/internal/watch"
	"github.com/ideas-hub/hub/search"
	bleveengine "github.com/ideas-hub/hub/search/bleve"
)

// Config says what a Pipeline builds, from where, and where it says so.
type Config struct {
	Site    string            // the site folder: what is watched, and where the overlay reads lines
	Out     string            // the output folder the server serves
	Index   string            // the search index folder
	Options generator.Options // Options.Site reads the Site folder
	Stdout  io.Writer         // a line for each rebuild
	Stderr  io.Writer         // diagnostics and failed builds
	Logger  *slog.Logger
}

// Pipeline is the preview's loop: it rebuilds the site on every change,
// tells open pages, and brings the search index up to date behind it.
// It only reads what the generator hands back; the generator knows
// nothing of it (the lock readers take is the Builder's own).
type Pipeline struct {
	siteDir, out, indexDir string
	builder                *generator.Builder
	watcher                *watch.Watcher // set by Start
	site                   atomic.Pointer[generator.Site]
	index                  *search.Holder
	broker                 *Broker
	live                   *bleveengine.Live
	stdout, stderr         io.Writer

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
	shown  []Problem
}

// New returns the pipeline for cfg; Start it, then Run it.
func New(cfg Config) *Pipeline {
	p := &Pipeline{
		siteDir: cfg.Site, out: cfg.Out, indexDir: cfg.Index,
		builder: generator.NewBuilder(cfg.Options, cfg.Out, true),
		index:   search.NewHolder(nil), broker: NewBroker(),
		upsert: map[string]search.Document{}, remove: map[string]bool{}, wake: make(chan struct{}, 1),
		stdout: cfg.Stdout, stderr: cfg.Stderr, logger: cfg.Logger,
	}
	p.live = bleveengine.NewLive(cfg.Index, p.index)
	return p
}

// Index is the search index the pipeline keeps up to date, for the
// endpoint and the search page.
func (p *Pipeline) Index() *search.Holder { return p.index }

// Site is the last site built without errors, or nil before the first.
func (p *Pipeline) Site() *generator.Site { return p.site.Load() }

// Events serves /_hub/: the event stream open pages listen to, and the
// script and stylesheet of the overlay.
func (p *Pipeline) Events() http.Handler { return p.broker.Handler() }

// Pages wraps the handlers of the site's pages: they get the live reload
// script, and never a file half rewritten.
func (p *Pipeline) Pages(h http.Handler) http.Handler { return Inject(p.holdFiles(h)) }

// holdFiles keeps rebuilds from rewriting a file in place while h reads
// it: the builder takes the write side of its lock for each such file.
func (p *Pipeline) holdFiles(h http.Handler) http.Handler {
	files := p.builder.ReadLocker()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		files.Lock()
		defer files.Unlock()
		h.ServeHTTP(w, r)
	})
}

// Start starts watching the site's sources (not its output or index),
// then builds everything and the whole index, and returns the line to
// print. Watching starts first, so an edit made while the build runs is
// the next batch rather than lost. A failed build is reported (the server
// starts anyway, and its pages show the errors) and returns "".
func (p *Pipeline) Start(ctx context.Context) (string, error) {
	site := p.siteDir
	w, err := watch.New(watch.Options{
		Roots:  []string{filepath.Join(site, generator.ContentDir), filepath.Join(site, generator.LayoutsDir), filepath.Join(site, "static")},
		Files:  []string{filepath.Join(site, generator.ConfigFile)},
		Skip:   []string{p.out, p.indexDir},
		Logger: p.logger,
	})
	if err != nil {
		return "", fmt.Errorf("watching for changes: %w", err)
	}
	p.watcher = w
	go w.Run(ctx)
	return p.rebuild(ctx, nil), nil
}

// Run rebuilds after each batch of changes, and brings the index up to
// date behind the rebuilds, until ctx ends.
func (p *Pipeline) Run(ctx context.Context) {
	go p.indexer(ctx)
	if p.watcher != nil {
		p.watch(ctx, p.watcher)
	}
}

// Stop ends the open pages' event streams, so a server shutting down does
// not wait for them.
func (p *Pipeline) Stop() { p.broker.Close() }

// Close stops watching and closes the index; call it once the server is
// shut down.
func (p *Pipeline) Close() {
	if p.watcher != nil {
		p.watcher.Close()
	}
	if ix := p.index.Swap(nil); ix != nil {
		ix.Close()
	}
}

// watch rebuilds after each batch of changes until ctx ends.
func (p *Pipeline) watch(ctx context.Context, w *watch.Watcher) {
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
func (p *Pipeline) relative(abs string) (string, bool) {
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
func (p *Pipeline) rebuild(ctx context.Context, changed []string) string {
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
	// The first index is ready before "serving"; a hub.toml that adds or
	// drops a type changes what the index takes: it is made anew.
	if changed == nil || !sameSchema(sitesearch.Schema(&res.Site.Config), search.CurrentSchema(p.index)) {
		p.resetIndex(ctx, res.Site)
	} else {
		p.queueIndex(res.Site)
	}
	if changed == nil {
		return res.Stats.Summary(took)
	}
	return fmt.Sprintf("rebuilt after %s: %d %s written, %d removed in %s",
		describeChanges(changed), res.Stats.Rendered, report.Plural(res.Stats.Rendered, "file", "files"), res.Stats.Removed, took)
}

// queueIndex adds what the build changed to the index's pending work and
// wakes the indexer; edits made while it writes are applied together.
func (p *Pipeline) queueIndex(site *generator.Site) {
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
func (p *Pipeline) indexer(ctx context.Context) {
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
		if err := p.live.Update(ctx, sitesearch.NewBuildID(), upsert, remove); err != nil && ctx.Err() == nil {
			p.logger.Warn("search index not updated; searches use the previous one", "error", err)
		}
	}
}

// resetIndex writes the whole index of the site and swaps it in, in place
// of any pending changes: it holds them.
func (p *Pipeline) resetIndex(ctx context.Context, site *generator.Site) {
	p.mu.Lock()
	clear(p.upsert)
	clear(p.remove)
	p.mu.Unlock()
	if err := p.live.Reset(ctx, sitesearch.NewBuildID(), sitesearch.Schema(&site.Config), sitesearch.Documents(site)); err != nil && ctx.Err() == nil {
		p.logger.Warn("search index cannot be built; the site is served without search", "error", err)
	}
}

func sameSchema(a, b search.Schema) bool {
	return slices.Equal(a.Types, b.Types) && slices.Equal(a.Taxonomies, b.Taxonomies) &&
		a.Synonyms.Replace == b.Synonyms.Replace && slices.EqualFunc(a.Synonyms.Groups, b.Synonyms.Groups, slices.Equal)
}

// fail reports a failed build in the terminal and in every open page.
func (p *Pipeline) fail(err error) {
	diags := report.Failed(p.stderr, err)
	p.warned, p.shown = nil, nil // the next good build prints its warnings again
	p.broker.Fail(p.problems(diags))
}

// noteWarnings prints a good build's warnings when they differ from the
// last printed, and makes them ready for the overlay when they or a file
// they are in changed.
func (p *Pipeline) noteWarnings(warnings generator.Diagnostics, changed []string) {
	if slices.Equal(warnings, p.warned) && !slices.ContainsFunc(warnings, func(d generator.Diagnostic) bool {
		return slices.Contains(changed, d.Path)
	}) {
		return
	}
	if !slices.Equal(warnings, p.warned) {
		report.Diagnostics(p.stderr, warnings)
	}
	p.warned, p.shown = warnings, p.problems(warnings)
}

// problems turns diagnostics into what the overlay shows.
func (p *Pipeline) problems(diags generator.Diagnostics) []Problem {
	if len(diags) == 0 {
		return nil
	}
	problems := make([]Problem, len(diags))
	for i, d := range diags {
		problems[i] = Problem{Path: d.Path, Line: d.Line, Col: d.Col, Message: d.Msg, Source: sourceLine(p.siteDir, d)}
		if d.Severity == generator.SeverityWarning {
			problems[i].Severity = Warning
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

package cli

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/internal/report"
	"github.com/ideas-hub/hub/search"
	bleveengine "github.com/ideas-hub/hub/search/bleve"
)

// production is `hub serve --watch=false`, the search endpoint in
// production: it builds once, then serves whatever index a deploy puts in
// the folder, opening it again on SIGHUP (search.Reloader).
type production struct {
	opts          generator.Options
	out, indexDir string
	site          atomic.Pointer[generator.Site] // nil until a build succeeds
	index         *search.Holder
	reloader      *search.Reloader
	reload        <-chan struct{} // from hangups
	stopHangups   func()
	stderr        io.Writer
	logger        *slog.Logger
}

// newProduction listens for SIGHUP at once: before the build, SIGHUP's
// default action would end the process.
func newProduction(opts generator.Options, out, indexDir string, stderr io.Writer, logger *slog.Logger) *production {
	p := &production{opts: opts, out: out, indexDir: indexDir, index: search.NewHolder(nil), stderr: stderr, logger: logger}
	p.reloader = bleveengine.NewReloader(indexDir, p.index, logger)
	p.reload, p.stopHangups = hangups()
	return p
}

// Start builds the site and its index together, as `hub build` makes
// them, so that a stop (SIGINT, SIGTERM) leaves both as they were. Then it
// serves whatever index is in the folder: the one just built, or after a
// failed build the one a deploy left there.
func (p *production) Start(ctx context.Context) (string, error) {
	start := time.Now()
	site, st, warnings, err := buildSite(ctx, p.opts, p.out, p.indexDir, true)
	var diags generator.Diagnostics
	if err != nil && ctx.Err() == nil && !errors.As(err, &diags) {
		// Not the content: the index cannot be written (or the output).
		// The site is still worth serving, without search.
		p.logger.Warn("search index cannot be built; the site is served without it", "error", err)
		site, st, warnings, err = buildSite(ctx, p.opts, p.out, "", true)
	}
	if ctx.Err() != nil {
		return "", nil
	}
	report.Diagnostics(p.stderr, warnings) // a failed load's are in err
	if err != nil {
		report.Failed(p.stderr, err)
	} else {
		p.site.Store(site)
	}
	_ = p.reloader.Reload(ctx) // a refusal is logged, and /healthz says why
	if err != nil {
		return "", nil
	}
	return st.Summary(time.Since(start)), nil
}

// Run opens the index in the folder again on each SIGHUP, and when it
// sees a new one there, until ctx ends.
func (p *production) Run(ctx context.Context) { p.reloader.Run(ctx, p.reload) }

// Stop has nothing to do: no request of the endpoint streams.
func (p *production) Stop() {}

func (p *production) Close() {
	p.stopHangups()
	if ix := p.index.Swap(nil); ix != nil {
		ix.Close()
	}
}

// hangups turns SIGHUP into a request to open the index in the folder
// again, the way a deploy says "the new index is in place", until stop.
func hangups() (reload <-chan struct{}, stop func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGHUP)
	out := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-sig:
				select {
				case out <- struct{}{}:
				default: // one is already due
				}
			}
		}
	}()
	return out, func() {
		signal.Stop(sig)
		close(done)
	}
}

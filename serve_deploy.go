package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/ideas-hub/hub/generator"
)

// buildOnce is the build of `hub serve --watch=false`, the search endpoint
// in production: the site and its index together, as `hub build` makes
// them, so that a stop (SIGINT, SIGTERM) leaves both as they were. Then it
// serves whatever index is in the folder: the one just built, or after a
// failed build the one a deploy left there.
func (p *pipeline) buildOnce(ctx context.Context, opts generator.Options, out string) string {
	start := time.Now()
	site, st, warnings, err := buildSite(ctx, opts, out, p.indexDir, true)
	var diags generator.Diagnostics
	if err != nil && ctx.Err() == nil && !errors.As(err, &diags) {
		// Not the content: the index cannot be written (or the output).
		// The site is still worth serving, without search.
		p.logger.Warn("search index cannot be built; the site is served without it", "error", err)
		site, st, warnings, err = buildSite(ctx, opts, out, "", true)
	}
	if ctx.Err() != nil {
		return ""
	}
	if err != nil {
		printDiagnostics(p.stderr, warnings) // a failed load's are in err
		p.fail(err)
	} else {
		p.site.Store(site)
		p.noteWarnings(warnings, nil)
	}
	_ = p.reloader.Reload(ctx) // a refusal is logged, and /healthz says why
	if err != nil {
		return ""
	}
	return st.Summary(time.Since(start))
}

// indexWarning is why the index served is not the one in the folder, for
// /healthz; "" when it is, and always under --watch, where serve writes the
// index itself.
func (p *pipeline) indexWarning() string {
	if p.reloader == nil {
		return ""
	}
	return p.reloader.Problem()
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

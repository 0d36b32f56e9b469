// Command hub builds a good-practice ideas hub from markdown into a tagged,
// accessible static site with an offline search index, and previews it.
package main

import (
	"context"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

	"github.com/ideas-hub/hub/layouts"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal asks the command to stop cleanly; after it, the
	// signals' default action is back, so a second one ends the process.
	context.AfterFunc(ctx, stop)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// theme returns the embedded default layouts with layouts/ as the root.
func theme() fs.FS { return layouts.FS() }

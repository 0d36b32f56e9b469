// Command hub builds a good-practice ideas hub from markdown into a tagged,
// accessible static site with an offline search index, and previews it.
// The program is internal/cli; this is the process around it.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/ideas-hub/hub/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal asks the command to stop cleanly; after it, the
	// signals' default action is back, so a second one ends the process.
	context.AfterFunc(ctx, stop)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

package main

import (
	"context"
	"io"
	"io/fs"

	"github.com/ideas-hub/hub/internal/cli"
	"github.com/ideas-hub/hub/layouts"
)

// The tests of this package drive the program in-process, as main does,
// through these names.

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return cli.Run(ctx, args, stdout, stderr)
}

// theme returns the embedded default layouts with layouts/ as the root.
func theme() fs.FS { return layouts.FS() }

const (
	exitOK          = cli.ExitOK
	defaultIndexDir = cli.DefaultIndexDir
	keptOutputDir   = cli.KeptOutputDir
)

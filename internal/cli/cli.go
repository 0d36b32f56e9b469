// Package cli is the hub command line: its commands (build, serve, search,
// check, new), their flags, the usage text and the exit statuses. main only
// wraps Run in a process; tests call Run in theirs.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/imageproc"
	"github.com/ideas-hub/hub/generator/sitefs"
	"github.com/ideas-hub/hub/internal/report"
	"github.com/ideas-hub/hub/layouts"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitBuild = 1 // content or build errors
	ExitUsage = 2 // bad command line
)

const usage = `hub builds and previews a good-practice ideas hub.

Usage:
  hub build  [--site DIR] [--out DIR] [--index DIR] [--base-url URL]
             [--drafts] [--future] [--no-minify] [--no-index] [--quiet]
  hub serve  [--site DIR] [--out DIR] [--index DIR] [--addr HOST:PORT]
             [--watch=BOOL] [--drafts] [--future]
  hub search [--index DIR] [--type TYPE] [--tag TAG]... [--limit N] [--json] QUERY
  hub check  [--site DIR]
  hub new    TYPE "Title"  [--site DIR]

Run "hub COMMAND -h" for the flags of one command.
`

// Run is the whole program: main only adds the process around it. args
// are the command line without the program's name.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	commands := map[string]func(context.Context, []string, io.Writer, io.Writer) int{
		"build":  runBuild,
		"check":  runCheck,
		"new":    runNew,
		"search": runSearch,
		"serve":  runServe,
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "hub: unknown command %q\n\n%s", args[0], usage)
		return ExitUsage
	}
	return cmd(ctx, args[1:], stdout, stderr)
}

// parseArgs parses flags that may come before, between or after the
// positional arguments ("hub new event "Title" --site x").
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("hub "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// siteFlags are the flags that say which site to load and what to publish.
type siteFlags struct {
	site           string
	drafts, future bool
	now            string
}

func (f *siteFlags) register(fs *flag.FlagSet, publishing bool) {
	fs.StringVar(&f.site, "site", ".", "folder that holds content/, layouts/, static/ and hub.toml")
	fs.StringVar(&f.now, "now", "", "build clock (e.g. 2026-11-22 09:00), for reproducible builds; default: the config's `now`, else the current time")
	if publishing {
		fs.BoolVar(&f.drafts, "drafts", false, "publish drafts")
		fs.BoolVar(&f.future, "future", false, "publish pages dated in the future")
	}
}

// options turns the flags into generator options.
func (f *siteFlags) options() (generator.Options, error) {
	opts := generator.Options{Site: sitefs.DirFS(f.site), Theme: layouts.FS(), Drafts: f.drafts, Future: f.future,
		Keep:   filepath.Join(f.site, filepath.FromSlash(KeptOutputDir)),
		Images: &imageproc.Store{Dir: filepath.Join(f.site, filepath.FromSlash(ImageStoreDir)), Settings: imageproc.DefaultSettings()}}
	if f.now != "" {
		t, _, err := content.ParseDate(f.now, time.UTC)
		if err != nil {
			return opts, fmt.Errorf("--now: %w", err)
		}
		opts.Now = t
	}
	return opts, nil
}

// reportError prints an error: every diagnostic on its own line, as
// path:line:col: message; anything else prefixed with "hub:".
func reportError(stderr io.Writer, err error) int {
	var diags generator.Diagnostics
	if errors.As(err, &diags) {
		report.Diagnostics(stderr, diags)
		return ExitBuild
	}
	fmt.Fprintln(stderr, "hub: "+strings.TrimSpace(err.Error()))
	return ExitBuild
}

// interrupted reports a command stopped by SIGINT or SIGTERM, and whether
// it left its output folder and search index as they were. Exit status 1:
// what was asked for was not done.
func interrupted(stderr io.Writer, command string, untouched bool) int {
	if untouched {
		fmt.Fprintf(stderr, "hub %s: interrupted; the output folder and the search index are as they were\n", command)
	} else {
		fmt.Fprintf(stderr, "hub %s: interrupted\n", command)
	}
	return ExitBuild
}

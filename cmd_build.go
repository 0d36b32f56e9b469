package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/ideas-hub/hub/generator"
)

// buildFlags are the flags build and serve share.
type buildFlags struct {
	siteFlags
	out, index string
}

func (f *buildFlags) register(fs *flag.FlagSet) {
	f.siteFlags.register(fs, true)
	fs.StringVar(&f.out, "out", "", "output folder (default <site>/public)")
	fs.StringVar(&f.index, "index", "", "search index folder (default <site>/"+defaultIndexDir+", outside the output)")
}

// defaultIndexDir is where the search index goes, relative to the site. It
// sits outside public/ so a deploy of public/ never ships it; .gitignore it.
const defaultIndexDir = ".hub/search.bleve"

func (f *buildFlags) paths() (out, index string) {
	out, index = f.out, f.index
	if out == "" {
		out = filepath.Join(f.site, "public")
	}
	if index == "" {
		index = filepath.Join(f.site, filepath.FromSlash(defaultIndexDir))
	}
	return out, index
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("build", stderr)
	var f buildFlags
	f.register(fs)
	baseURL := fs.String("base-url", "", "base URL of the published site (overrides hub.toml's base_url)")
	noMinify := fs.Bool("no-minify", false, "write HTML, CSS, JS and XML as rendered")
	noIndex := fs.Bool("no-index", false, "do not build the search index")
	quiet := fs.Bool("quiet", false, "print nothing on success")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "hub build: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	opts, err := f.options()
	if err != nil {
		fmt.Fprintln(stderr, "hub build:", err)
		return exitUsage
	}
	opts.BaseURL = *baseURL
	out, index := f.paths()
	start := time.Now()
	st, err := buildSite(ctx, opts, out, index, !*noMinify, !*noIndex)
	if err != nil {
		return report(stderr, err)
	}
	if !*quiet {
		fmt.Fprintln(stdout, st.Summary(time.Since(start)))
	}
	return exitOK
}

// buildSite writes the site and, unless told not to, its search index.
func buildSite(ctx context.Context, opts generator.Options, out, index string, minify, withIndex bool) (generator.Stats, error) {
	_, st, err := generator.Build(ctx, opts, out, minify)
	return st, err
}

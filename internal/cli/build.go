package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/internal/memtune"
	"github.com/ideas-hub/hub/internal/report"
	"github.com/ideas-hub/hub/internal/sitesearch"
	"github.com/ideas-hub/hub/search"
	bleveengine "github.com/ideas-hub/hub/search/bleve"
)

// buildFlags are the flags build and serve share.
type buildFlags struct {
	siteFlags
	out, index string
}

func (f *buildFlags) register(fs *flag.FlagSet) {
	f.siteFlags.register(fs, true)
	fs.StringVar(&f.out, "out", "", "output folder (default <site>/public)")
	fs.StringVar(&f.index, "index", "", "search index folder (default <site>/"+DefaultIndexDir+", outside the output)")
}

// DefaultIndexDir is where the search index goes, relative to the site. It
// sits outside public/ so a deploy of public/ never ships it; .gitignore it.
const DefaultIndexDir = ".hub/search.bleve"

// KeptOutputDir is where a build keeps the output it replaced, relative to
// the site, for the next build to write into (generator.Options.Keep).
const KeptOutputDir = ".hub/previous-output"

// ImageStoreDir is where what was made of the site's pictures is kept
// between builds, relative to the site (generator.Options.Images).
const ImageStoreDir = ".hub/images"

func (f *buildFlags) paths() (out, index string) {
	out, index = f.out, f.index
	if out == "" {
		out = filepath.Join(f.site, "public")
	}
	if index == "" {
		index = filepath.Join(f.site, filepath.FromSlash(DefaultIndexDir))
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
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file (for go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a profile of the build's allocations to this file (for go tool pprof)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "hub build: unexpected argument %q\n", rest[0])
		return ExitUsage
	}
	opts, err := f.options()
	if err != nil {
		fmt.Fprintln(stderr, "hub build:", err)
		return ExitUsage
	}
	opts.BaseURL = *baseURL
	out, index := f.paths()
	if *noIndex {
		index = ""
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, "hub build:", err)
			return ExitUsage
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(stderr, "hub build:", err)
			return ExitUsage
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	_, st, warnings, err := buildSite(ctx, opts, out, index, !*noMinify)
	// Warnings fail nothing, and are printed even with --quiet: each is
	// something the site shows otherwise than the editor wrote it.
	report.Diagnostics(stderr, warnings)
	if err != nil {
		if ctx.Err() != nil {
			return interrupted(stderr, "build", true)
		}
		return reportError(stderr, err)
	}
	if *memProfile != "" {
		if err := writeHeapProfile(*memProfile); err != nil {
			fmt.Fprintln(stderr, "hub build:", err)
			return ExitBuild
		}
	}
	if !*quiet {
		fmt.Fprintln(stdout, st.Summary(time.Since(start)))
	}
	return ExitOK
}

// buildSite writes the site and, when index is not "", its search index,
// the two at once. Neither replaces the previous one unless both succeed:
// the index, finished while the site renders, is swapped in only once the
// site is fully staged.
// It returns the load's warnings, also when rendering fails after it. A
// cancelled ctx (SIGINT, SIGTERM) stops it with both as they were, unless
// it came after the index had been swapped in: the site then follows it.
func buildSite(ctx context.Context, opts generator.Options, out, index string, minify bool) (*generator.Site, generator.Stats, generator.Diagnostics, error) {
	defer memtune.ForBuild()()
	if index == "" {
		// No index takes the plain text, and then no page holds it.
		opts.Index = func(*content.Page, []byte) error { return nil }
		site, err := generator.Load(ctx, opts)
		if err != nil {
			return nil, generator.Stats{}, nil, err
		}
		// Nothing reads the bodies after rendering.
		site.Lean()
		st, err := site.Render(ctx, out, minify)
		return site, st, site.Warnings, err // a failed load's warnings are in its error
	}
	// The index starts before the load, with the types and taxonomies
	// hub.toml declares; a hub.toml with mistakes fails the load, and the
	// index with it. The config is read as the load reads it, inside the
	// site.
	schema := search.DefaultSchema()
	if cfg, err := generator.SiteConfig(opts); err == nil {
		schema = sitesearch.Schema(&cfg)
	}
	g, gctx := errgroup.WithContext(ctx)
	docs := make(chan search.Document, 256)
	staging := make(chan struct{}) // closed once the site is staged
	g.Go(func() error {
		return bleveengine.BuildStream(gctx, index, sitesearch.NewBuildID(), schema, docs, staging)
	})
	var staged *generator.Staged
	var site *generator.Site
	var warnings generator.Diagnostics
	g.Go(func() error {
		// The index takes each page as soon as its body is rendered, while
		// the rest load: no page holds its plain text for the render, which
		// was a third of what a 100,000-page site held.
		opts.Index = func(p *content.Page, plain []byte) error {
			select {
			case docs <- sitesearch.Loaded(p, string(plain)):
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		var err error
		if site, err = generator.Load(gctx, opts); err != nil {
			return err
		}
		// The load sent every page: the index finishes while the site
		// renders, and replaces the old one only once the site is staged.
		// On any failure staging stays open and the cancelled context
		// stops the index instead.
		close(docs)
		warnings = site.Warnings
		site.Lean()
		st, err := site.Stage(gctx, out, minify)
		if err != nil {
			return err
		}
		staged = st
		close(staging)
		return nil
	})
	if err := g.Wait(); err != nil {
		if staged != nil {
			staged.Discard()
		}
		return nil, generator.Stats{}, warnings, err
	}
	return site, staged.Stats, warnings, staged.Commit()
}

// writeHeapProfile writes the allocations sampled since the process began;
// `go tool pprof -sample_index=alloc_space` shows where they came from.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

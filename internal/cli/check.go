package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/internal/report"
)

// runCheck validates the whole site, drafts and future pages included, and
// renders nothing.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", stderr)
	var f siteFlags
	f.register(fs, false)
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "hub check: unexpected argument %q\n", rest[0])
		return ExitUsage
	}
	f.drafts, f.future = true, true
	opts, err := f.options()
	if err != nil {
		fmt.Fprintln(stderr, "hub check:", err)
		return ExitUsage
	}
	// Links are checked as `hub build` publishes: what check passes, a
	// build without --drafts and --future passes too.
	opts.LinksAsDefaultBuild = true
	// Check reads the pictures the store has, decodes the others to see
	// that they can be, and writes nothing.
	opts.Images.ReadOnly = true
	site, err := generator.Load(ctx, opts)
	if err != nil {
		if ctx.Err() != nil {
			return interrupted(stderr, "check", false)
		}
		return reportError(stderr, err)
	}
	report.Diagnostics(stderr, site.Warnings)
	if err := site.Check(ctx); err != nil {
		if ctx.Err() != nil {
			return interrupted(stderr, "check", false)
		}
		return reportError(stderr, err)
	}
	found := "no problems"
	if len(site.Warnings) > 0 {
		found = "no errors, " + report.Tally(site.Warnings)
	}
	fmt.Fprintf(stdout, "ok: %d pages, %d tags, %s\n", len(site.Pages), len(site.Tags), found)
	return ExitOK
}

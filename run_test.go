package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/ideas-hub/hub/internal/cli"
	"github.com/ideas-hub/hub/internal/hubtest"
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

// TestMain fails the run when a test left a build's output or its .hub/
// folder in the source tree, where `git status` does not show them (they
// are ignored) but the next run would find them: tests build copies in
// t.TempDir() (hubtest.CopySite, hubtest.OwnSite). What was there before
// is left alone. It also stops what the tests share once the last is done:
// the browser (chromium) and the built command (buildBinary). Its
// collector runs less often, and its temporary folders are in memory
// (hubtest.ForTests; not for benchmarks): the in-process builds' garbage
// is most of what the tests allocate, and their folders most of what they
// write.
func TestMain(m *testing.M) {
	untune := hubtest.ForTests()
	var absent []string
	for _, site := range []string{".", filepath.Join("testdata", "site")} {
		for _, dir := range []string{".hub", "public"} {
			p := filepath.Join(site, dir)
			if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
				absent = append(absent, p)
			}
		}
	}
	code := m.Run()
	chromium.Close()
	hubBinary.remove()
	ownStore.remove()
	untune()
	for _, p := range absent {
		if _, err := os.Lstat(p); err == nil {
			fmt.Fprintf(os.Stderr, "FAIL: a test wrote %s into the source tree; build a copy of the site in t.TempDir()\n", p)
			code = 1
		}
	}
	os.Exit(code)
}

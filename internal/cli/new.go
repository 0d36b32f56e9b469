package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ideas-hub/hub/generator"
)

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("new", stderr)
	site := fs.String("site", ".", "folder that holds content/")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(rest) != 2 {
		fmt.Fprintf(stderr, "usage: hub new TYPE \"Title\" [--site DIR]\nTYPE is one of %s\n", strings.Join(generator.TypeNames(*site), ", "))
		return ExitUsage
	}
	rel, err := generator.NewContent(*site, rest[0], rest[1], time.Now())
	if err != nil {
		fmt.Fprintln(stderr, "hub new:", err)
		if strings.HasPrefix(err.Error(), "unknown type") {
			return ExitUsage
		}
		return ExitBuild
	}
	fmt.Fprintf(stdout, "created %s: fill in the TODO values, then run hub check\n", rel)
	return ExitOK
}

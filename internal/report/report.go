// Package report prints what a build found, in the terminal, the same way
// for every command and for the preview: each diagnostic on its own line as
// path:line:col: message, then a tally such as "2 problems, 1 warning".
// It is its own package because both internal/cli and internal/preview
// print so, and the preview must not depend on the command line.
package report

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ideas-hub/hub/generator"
)

// Diagnostics prints each diagnostic on its own line, as
// path:line:col: [warning: ]message, then how many there were. It prints
// nothing for none.
func Diagnostics(w io.Writer, ds generator.Diagnostics) {
	if len(ds) == 0 {
		return
	}
	for _, d := range ds {
		fmt.Fprintln(w, d.Error())
	}
	fmt.Fprintln(w, Tally(ds))
}

// Tally counts diagnostics as "2 problems, 1 warning"; problems are errors.
func Tally(ds generator.Diagnostics) string {
	errs, warns := ds.Count()
	var parts []string
	if errs > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", errs, Plural(errs, "problem", "problems")))
	}
	if warns > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", warns, Plural(warns, "warning", "warnings")))
	}
	return strings.Join(parts, ", ")
}

// Plural picks the word for n things.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Failed prints why a build of a server failed, which goes on serving the
// build before it, and returns the failure as diagnostics: err's own, or
// one at "(build)" for an error that is not about a file.
func Failed(w io.Writer, err error) generator.Diagnostics {
	var diags generator.Diagnostics
	if !errors.As(err, &diags) {
		diags = generator.Diagnostics{{Path: "(build)", Msg: err.Error()}}
	}
	for _, d := range diags {
		fmt.Fprintln(w, d.Error())
	}
	fmt.Fprintf(w, "build failed: %s; serving the last good build\n", Tally(diags))
	return diags
}

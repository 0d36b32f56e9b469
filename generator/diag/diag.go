// Package diag holds what a build reports about the site's files: each problem at
// path:line:col, an error or a warning, collected per file and sorted so a
// run prints every one of them in a stable order.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a diagnostic stops the build.
type Severity uint8

const (
	// SeverityError fails the build: nothing is written.
	SeverityError Severity = iota
	// SeverityWarning tells the editor what the build did with something
	// it could not publish as written (raw HTML it left out, a link it
	// emptied); the build still succeeds.
	SeverityWarning
)

// Diagnostic is one problem in the site's files, located at path:line:col.
// Path is relative to the site folder ("content/events/x.md"); Line and Col
// are 1-based, and 0 when the problem has no better place than the file.
// The zero Severity is an error.
type Diagnostic struct {
	Path     string
	Line     int
	Col      int
	Msg      string
	Severity Severity
}

// Error formats d as path:line:col: message, with "warning: " before the
// message of a warning, as compilers print them.
func (d Diagnostic) Error() string {
	line, col := max(d.Line, 1), max(d.Col, 1)
	if d.Severity == SeverityWarning {
		return fmt.Sprintf("%s:%d:%d: warning: %s", d.Path, line, col, d.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", d.Path, line, col, d.Msg)
}

// Diagnostics is every problem one build found. It is an error so that a
// build returns all of them at once, not only the first. A failed build's
// Diagnostics hold its warnings too, so the editor sees everything in one
// run; a successful build's warnings are in Site.Warnings.
type Diagnostics []Diagnostic

// Count returns how many of ds are errors and how many warnings.
func (ds Diagnostics) Count() (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == SeverityWarning {
			warnings++
		} else {
			errors++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any of ds is an error.
func (ds Diagnostics) HasErrors() bool {
	errors, _ := ds.Count()
	return errors > 0
}

// Warnings returns the Warnings of ds.
func (ds Diagnostics) Warnings() Diagnostics {
	var ws Diagnostics
	for _, d := range ds {
		if d.Severity == SeverityWarning {
			ws = append(ws, d)
		}
	}
	return ws
}

func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Sorted orders diagnostics by file and position so output is stable
// whatever order the parallel workers finished in.
func (ds Diagnostics) Sorted() Diagnostics {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col), cmp.Compare(a.Msg, b.Msg))
	})
	return ds
}

// List collects diagnostics for one file.
type List struct {
	Path  string
	Items Diagnostics
}

func (l *List) Add(p Pos, format string, args ...any) {
	l.Items = append(l.Items, Diagnostic{Path: l.Path, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)})
}

// Warn adds a warning: something the build publishes otherwise than
// written, which the editor should hear of but which fails nothing.
func (l *List) Warn(p Pos, format string, args ...any) {
	l.Items = append(l.Items, Diagnostic{Path: l.Path, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...), Severity: SeverityWarning})
}

// Pos is a 1-based line and column in a source file.
type Pos struct{ Line, Col int }

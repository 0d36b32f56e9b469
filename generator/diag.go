package generator

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Diagnostic is one problem in the site's files, located at path:line:col.
// Path is relative to the site folder ("content/events/x.md"); Line and Col
// are 1-based, and 0 when the problem has no better place than the file.
type Diagnostic struct {
	Path string
	Line int
	Col  int
	Msg  string
}

func (d Diagnostic) Error() string {
	line, col := max(d.Line, 1), max(d.Col, 1)
	return fmt.Sprintf("%s:%d:%d: %s", d.Path, line, col, d.Msg)
}

// Diagnostics is every problem one build found. It is an error so that a
// build returns all of them at once, not only the first.
type Diagnostics []Diagnostic

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

// sorted orders diagnostics by file and position so output is stable
// whatever order the parallel workers finished in.
func (ds Diagnostics) sorted() Diagnostics {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col), cmp.Compare(a.Msg, b.Msg))
	})
	return ds
}

// diagList collects diagnostics for one file.
type diagList struct {
	path string
	list Diagnostics
}

func (l *diagList) add(p pos, format string, args ...any) {
	l.list = append(l.list, Diagnostic{Path: l.path, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, args...)})
}

// pos is a 1-based line and column in a source file.
type pos struct{ line, col int }

package hubtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Read returns the file at the slash path rel under dir, failing the test
// when it is missing.
func Read(t testing.TB, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("reading output: %v", err)
	}
	return string(data)
}

// ReadText is what a reader reads of the page at rel under dir (see Text).
func ReadText(t testing.TB, dir, rel string) string {
	t.Helper()
	return Text(Read(t, dir, rel))
}

// Exists reports whether dir holds the slash path rel.
func Exists(dir, rel string) bool {
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
	return err == nil
}

// Contains fails the test for each of wants that got, named what in the
// message, does not contain.
func Contains(t testing.TB, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q:\n%s", what, w, got)
		}
	}
}

// InOrder fails the test unless got holds each of parts, each after the
// one before: the order a reader meets them in.
func InOrder(t testing.TB, what, got string, parts ...string) {
	t.Helper()
	rest := got
	for i, p := range parts {
		at := strings.Index(rest, p)
		if at < 0 {
			if i > 0 && strings.Contains(got, p) {
				t.Errorf("%s has %q before %q, not after it:\n%s", what, p, parts[i-1], got)
			} else {
				t.Errorf("%s does not contain %q:\n%s", what, p, got)
			}
			return
		}
		rest = rest[at+len(p):]
	}
}

// NotContains fails the test for each of bad that got contains.
func NotContains(t testing.TB, what, got string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(got, b) {
			t.Errorf("%s contains %q:\n%s", what, b, got)
		}
	}
}

// Text is what a reader reads of an HTML page or fragment: its text, less
// scripts, styles and the head, with each run of white space (and each
// element boundary that breaks a line, such as a paragraph or a list item)
// one space. "<h1>A</h1><p>b <em>c</em></p>" reads "A b c".
func Text(page string) string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil { // html.Parse fails only on read errors
		panic(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Head || n.DataAtom == atom.Template):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && !inline(n.DataAtom) {
			b.WriteByte(' ')
		}
	}
	walk(doc)
	return strings.Join(strings.Fields(b.String()), " ")
}

// inline reports whether an element runs on with the text around it;
// every other element ends a line.
func inline(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Abbr, atom.B, atom.Cite, atom.Code, atom.Del, atom.Em, atom.I, atom.Ins,
		atom.Mark, atom.Q, atom.S, atom.Small, atom.Span, atom.Strong, atom.Sub, atom.Sup, atom.Time, atom.U:
		return true
	}
	return false
}

// Snapshot maps each file under dir, by slash path, to a hash of its
// bytes, and each folder below it, by slash path and "/", to "folder": a
// folder left empty is a difference too.
func Snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			files[filepath.ToSlash(rel)+"/"] = "folder"
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		files[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Diff lists, sorted, the files of two snapshots that differ: "changed:",
// "gone:" (in before only) and "new:" (in after only), with the first
// limit of them and a count of the rest (limit 0: all).
func Diff(before, after map[string]string, limit int) []string {
	var diffs []string
	for p, h := range before {
		if a, ok := after[p]; !ok {
			diffs = append(diffs, "gone: "+p)
		} else if a != h {
			diffs = append(diffs, "changed: "+p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			diffs = append(diffs, "new: "+p)
		}
	}
	slices.Sort(diffs)
	if limit > 0 && len(diffs) > limit {
		diffs = append(diffs[:limit], fmt.Sprintf("and %d more", len(diffs)-limit))
	}
	return diffs
}

// SameTrees fails the test unless the folders got and want hold the same
// files, byte for byte; step says in the message after what. With
// HUB_DIFF=1 in the environment it logs both versions of each file that
// differs.
func SameTrees(t testing.TB, step, got, want string) {
	t.Helper()
	diffs := Diff(Snapshot(t, want), Snapshot(t, got), 20)
	if len(diffs) == 0 {
		return
	}
	if os.Getenv("HUB_DIFF") != "" {
		for _, d := range diffs {
			_, rel, _ := strings.Cut(d, ": ")
			g, _ := os.ReadFile(filepath.Join(got, filepath.FromSlash(rel)))
			w, _ := os.ReadFile(filepath.Join(want, filepath.FromSlash(rel)))
			if !bytes.Equal(g, w) {
				t.Logf("%s\ngot:  %s\nwant: %s", rel, g, w)
			}
		}
	}
	t.Fatalf("after %s, the output is not the expected one (gone: missing from it; new: not expected):\n%s", step, strings.Join(diffs, "\n"))
}

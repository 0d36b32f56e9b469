package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/layouts"

	"github.com/ideas-hub/hub/generator/markdown"

	"github.com/ideas-hub/hub/generator/diag"

	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// markdownSeeds are bodies near the limits, and the ways goldmark nests.
var markdownSeeds = []string{
	"",
	"- a\n  - b\n    - c\n",
	"> a\n> > b\n> > > c\nlazy\n",
	"1. a\n   2) b\n      * c\n        + d\n",
	"- [ ] task\n- [x] done\n",
	"| a | b |\n|---|---|\n| > c | - d |\n",
	"[^1]\n\n[^1]: - a\n    > b\n",
	"```\n" + strings.Repeat("> - ", 60) + "\n```\n",
	"    " + strings.Repeat("- ", 60) + "\n",
	strings.Repeat("> ", maxNesting) + "x\n" + strings.Repeat("> ", maxNesting) + "2. y\n",
	strings.Repeat("> ", maxNesting-1) + "x\n\n" + strings.Repeat("> ", maxNesting-1) + "- \n",
	strings.Repeat("- ", maxNesting) + "x\n",
	strings.Repeat("- ", maxNesting+1) + "x\n",
	strings.Repeat(">", maxNesting+1) + "x\n",
	strings.Repeat("1. ", maxNesting+1) + "x\n",
	strings.Repeat("> - ", maxNesting/2+1) + "x\n",
	nestedItems(maxNesting),
	nestedItems(maxNesting + 1),
	strings.Repeat("- ", 2000) + "x\n",
	strings.Repeat("*a ", 500) + strings.Repeat("a* ", 500),
	strings.Repeat("[a](", 200),
	strings.Repeat("\t- x\n", 50),
}

func nestedItems(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return b.String()
}

// deepest is the most block quotes and list items any node of doc is in.
func deepest(doc ast.Node) int {
	most := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			most = max(most, containerDepth(n))
		}
		return ast.WalkContinue, nil
	})
	return most
}

// render parses and renders body with md, reporting whether the parse
// found nesting too deep.
func render(md goldmark.Markdown, body []byte) (doc ast.Node, html []byte, tooDeep bool) {
	pc := parser.NewContext()
	doc = md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, body, doc); err != nil {
		panic(err)
	}
	return doc, b.Bytes(), pc.Get(nestingKey) != nil
}

// FuzzMarkdownBody builds a site of one page with an arbitrary body: a
// start, then a unit repeated up to 4,000 times, as hostile markdown is
// (a list nested 5,000 deep is "- " again and again). The
// build must finish in time proportional to the body, with any error a
// Diagnostic inside the file; no block quote or list may nest deeper
// than maxNesting; and the limit must change nothing in a body that stays
// within it, as goldmark without the limit shows (for bodies small enough
// that goldmark without it is fast).
func FuzzMarkdownBody(f *testing.F) {
	eachContentFile(f, func(data []byte) {
		// The start of each page, where its markdown varies most: whole
		// pages made each run ten times slower and the fuzzer less keen
		// to try the repeated units.
		if src, ok := content.ParseSource(data, &diag.List{}); ok {
			body := src.Body[:min(len(src.Body), 600)]
			if i := bytes.LastIndexByte(body, '\n'); i > 0 {
				body = body[:i+1]
			}
			f.Add(body, []byte(nil), uint16(0))
		}
	})
	for _, s := range markdownSeeds {
		f.Add([]byte(s), []byte(nil), uint16(0))
	}
	// Units that nest, repeated to the limit: one step more is too deep.
	// ("- " again and again is a thematic break, not a list.)
	for lead, depth := range map[string]int{"": 0, "Intro.\n\n": 0, "- a\n  ": 1} {
		for _, unit := range []string{"+ ", "> ", "1. ", "+\t", "* > "} {
			levels := strings.Count(unit, " ") + strings.Count(unit, "\t")
			f.Add([]byte(lead), []byte(unit), uint16((maxNesting-depth)/levels))
		}
	}
	limited, plain := limitNesting(markdown.New(markdown.TaskLabels{})), markdown.New(markdown.TaskLabels{})
	const head = "---\ntitle: Fuzz\ndate: 2024-01-01\n---\n"

	f.Fuzz(func(t *testing.T, lead, unit []byte, times uint16) {
		body := append(lead, bytes.Repeat(unit, int(times)%4001)...)
		if len(head)+len(body) > maxContentFileSize {
			return
		}
		// Generous, for -race and a busy machine: the point is that it
		// grows with the body, not its square (5,000 levels took minutes).
		// The work runs aside, so a body that never ends fails too.
		allowed := 2*time.Second + time.Duration(len(body))*20*time.Microsecond
		done := make(chan bodyResult, 1)
		go func() { done <- loadBody(limited, plain, head, body) }()
		var r bodyResult
		select {
		case r = <-done:
		case <-time.After(allowed + 10*time.Second): // goldmark alone may take some of it
			t.Fatalf("a %d-byte body did not load in %v", len(body), allowed)
		}
		if r.took > allowed {
			t.Fatalf("a %d-byte body took %v to render and load, more than %v", len(body), r.took, allowed)
		}
		if r.depth > maxNesting {
			t.Fatalf("block quotes and lists nest %d deep, more than %d", r.depth, maxNesting)
		}
		if r.compared {
			if deep := r.plainDepth > maxNesting; deep != r.tooDeep {
				t.Fatalf("goldmark nests %d deep, but the limit said too deep: %v", r.plainDepth, r.tooDeep)
			}
			if !r.tooDeep && !bytes.Equal(r.html, r.plainHTML) {
				t.Fatalf("the limit changed a body within it:\n%s\nwithout it:\n%s", r.html, r.plainHTML)
			}
		}
		var ds Diagnostics
		switch {
		case r.err == nil:
			if r.tooDeep {
				t.Fatal("nesting too deep, and the build did not say so")
			}
		case !errors.As(r.err, &ds):
			t.Fatalf("an error that is not a Diagnostic: %v", r.err)
		default:
			checkDiagnostics(t, "Load", append([]byte(head), body...), ds)
			for _, d := range ds {
				if d.Path != "content/stories/fuzz.md" {
					t.Fatalf("a diagnostic of another file: %v", d)
				}
			}
			if r.tooDeep != strings.Contains(ds.Error(), "nest more than") {
				t.Fatalf("nesting too deep: %v; the build said:\n%v", r.tooDeep, ds)
			}
		}
	})
}

// bodyResult is what loadBody found.
type bodyResult struct {
	depth, plainDepth int
	tooDeep, compared bool
	html, plainHTML   []byte
	err               error         // from Load
	took              time.Duration // rendering with the limit, and Load
}

// loadBody renders body with and (when small) without the limit, then
// loads a site of one page with it.
func loadBody(limited, plain goldmark.Markdown, head string, body []byte) (r bodyResult) {
	data := append([]byte(head), body...)
	if src, ok := content.ParseSource(data, &diag.List{}); ok {
		body = src.Body // as a build reads it: line ends made \n
	}
	start := time.Now()
	doc, html, tooDeep := render(limited, body)
	r.took = time.Since(start)
	r.depth, r.html, r.tooDeep = deepest(doc), html, tooDeep
	if len(body) <= 4<<10 { // goldmark without the limit is fast enough
		want, wantHTML, _ := render(plain, body)
		r.compared, r.plainDepth, r.plainHTML = true, deepest(want), wantHTML
	}
	opts := Options{Site: fstest.MapFS{"content/stories/fuzz.md": {Data: data}}, Theme: layouts.FS(), Now: testNow}
	start = time.Now()
	_, r.err = Load(context.Background(), opts)
	r.took += time.Since(start)
	return r
}

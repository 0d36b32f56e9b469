package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkifyBodies are bodies with autolinks and near misses: addresses whose
// '@' is at the edge of how far an address may reach, links after each
// byte that starts a try, and punctuation in their way.
var linkifyBodies = []string{
	"Plain prose with no links at all, over two\nlines, *emphasis* and _more_ ~strike~ (aside).",
	"See www.example.org and http://example.org/x?y=1, https://a.b/c (https://d.e/f) and ftp://f.g/h.",
	"Mail ana@example.org, (ben@example.org), *cy@example.org*, _di@example.org_ ~ed@example.org~.",
	"Near misses: ana@ example, ana\"b@example.org, a[b]@example.org, a(b)c@d.org, ü@example.org, @example.org, ana@example, www.example, http:/example.org, mailto:x@y.z.",
	"Edge " + strings.Repeat("a", 63) + "@example.org and " + strings.Repeat("b", 64) + "@example.org and " +
		strings.Repeat("c", 65) + "@example.org.",
	"ana@example.org starts a line\nwww.example.org starts the next\nhttps://example.org/ the third",
	"In a [link www.example.org](https://x.y/) label, `code www.example.org` and ![alt ana@x.org](p.png).",
	"Trailing dot ana@example.org. and dash ana@example.org-x and under ana@example.org_y, ÿ@example.org.",
	"- item http://example.org/a\n- [ ] task ana@example.org\n\n| a | www.b.org |\n|---|---|\n| c@d.org | e |",
	"-\tlist\twith\ttabs ana@example.org\n\t-\tnested\tb@example.org\n\n>\tquote\tc@example.org\n",
	strings.Repeat("word ", 300) + "then ana@example.org " + strings.Repeat("more ", 30) + "[^1] x@y.org\n\n[^1]: note z@example.org\n",
	"first x@\n" + strings.Repeat("a", 62) + " " + strings.Repeat("b", 64) + "@example.org\n" + strings.Repeat("c ", 40) + "@d.org",
}

// The quick test in front of goldmark's autolinks changes no output.
func TestQuickLinkifyRendersAsGFM(t *testing.T) {
	t.Parallel()
	same := sameAsGFM()
	for _, body := range linkifyBodies {
		html := same(t, body)
		if !strings.HasPrefix(body, "Plain") && !strings.HasPrefix(body, "Near") && !strings.Contains(html, "<a href=") {
			t.Errorf("%q: no link made: %s", body, html)
		}
	}
}

// counting is an inline parser that counts the tries it is given.
type counting struct {
	parser.InlineParser
	n *int
}

func (c counting) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	*c.n++
	return c.InlineParser.Parse(parent, block, pc)
}

// countingLinkify is linkify with the full parser counted.
type countingLinkify struct{ n *int }

func (c countingLinkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(
		quickLinkify{counting{extension.NewLinkifyParser(), c.n}}, 999)))
}

// Prose without a link never reaches the full autolink parser; a link
// does.
func TestQuickLinkifySkipsProse(t *testing.T) {
	t.Parallel()
	var n int
	md := goldmark.New(goldmark.WithExtensions(countingLinkify{&n}))
	var out bytes.Buffer
	if err := md.Convert([]byte(linkifyBodies[0]+"\n\n"+strings.Repeat("many more words ", 100)), &out); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("prose: the full parser was tried %d times", n)
	}
	if err := md.Convert([]byte("mail ana@example.org or see www.example.org"), &out); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("two links: the full parser was tried %d times, want 2", n)
	}
}

// mayLink lets through every address goldmark finds, whatever byte is in
// its name, and turns away a name with a byte no address holds.
func TestMayLinkPassesEveryAddress(t *testing.T) {
	t.Parallel()
	turnedAway := 0
	for c := range 256 {
		for _, line := range [][]byte{{'a', byte(c), '@', 'x', '.', 'o', 'r', 'g'}, {byte(c), '@', 'x', '.', 'o', 'r', 'g'}} {
			found := util.FindEmailIndex(line) >= 0
			if found && !mayLink(line) {
				t.Errorf("%q: an address goldmark finds, turned away", line)
			}
			if !found && !mayLink(line) {
				turnedAway++
			}
		}
	}
	if turnedAway < 2*(256-90) { // all but ASCII letters, digits and the marks
		t.Errorf("only %d names without an address turned away", turnedAway)
	}
}

// BenchmarkParse parses a page of prose with a few links, with goldmark's
// own autolinks and with quickLinkify in front of them.
func BenchmarkParse(b *testing.B) {
	para := "The council met the group on Tuesday, and *everyone* agreed the (new) plan was _good_;\n" +
		"the work starts in spring, once the hall is free and the rota is agreed by all.\n\n"
	links := "Details at https://example.org/plan and from ana@example.org.\n\n"
	body := []byte(strings.Repeat("## A heading\n\n"+strings.Repeat(para, 4)+links+"- one item\n- two items\n\n", 20))
	for _, c := range []struct {
		name string
		ext  goldmark.Extender
	}{{"gfm", extension.Linkify}, {"quick", linkify{}}} {
		md := goldmark.New(goldmark.WithExtensions(c.ext, extension.Table, extension.Strikethrough,
			extension.TaskList, extension.Footnote, extension.Typographer))
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				md.Parser().Parse(text.NewReader(body))
			}
		})
	}
}

// FuzzQuickLinkify holds the quick test in front of goldmark's autolinks
// to GFM's output for any body: a try it turned away wrongly would lose a
// link an editor wrote.
func FuzzQuickLinkify(f *testing.F) {
	for _, body := range linkifyBodies {
		f.Add(body)
	}
	same := sameAsGFM()
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > 4096 {
			return // goldmark's own cost, not the filter's, grows past this
		}
		same(t, body)
	})
}

// sameAsGFM returns a check that a body renders the same through hub's
// extensions (linkify in front of goldmark's autolinks) as through GFM,
// which returns hub's HTML.
func sameAsGFM() func(t *testing.T, body string) string {
	ours := goldmark.New(goldmark.WithExtensions(linkify{}, extension.Table, extension.Strikethrough,
		extension.TaskList, extension.Footnote, extension.Typographer))
	theirs := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer))
	return func(t *testing.T, body string) string {
		t.Helper()
		var a, b bytes.Buffer
		if err := ours.Convert([]byte(body), &a); err != nil {
			t.Fatal(err)
		}
		if err := theirs.Convert([]byte(body), &b); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("%q:\n got %s\nwant %s", body, a.String(), b.String())
		}
		return a.String()
	}
}

// Package markdown is hub's one goldmark set-up: CommonMark with tables,
// task lists and heading ids, links between content files rewritten to
// their URLs by an ASTTransformer, the checks of what a page links to and
// what goldmark would drop without a word, and the plain text of a page
// for search, taken from the AST.
package markdown

import (
	"github.com/ideas-hub/hub/generator/diag"
	"github.com/ideas-hub/hub/generator/imageproc"

	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	grenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// New returns the one goldmark instance a build uses. Raw HTML stays
// off (goldmark's default): editors write markdown, and a body can never
// inject markup or scripts into the site. Task-list boxes are named in the
// site's language.
func New(tasks TaskLabels) goldmark.Markdown {
	return goldmark.New(
		// extension.GFM, with its autolinks behind quickLinkify.
		goldmark.WithExtensions(linkify{}, extension.Table, extension.Strikethrough, extension.TaskList,
			extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkRewriter{}, 100)),
		),
		// Lower numbers win: ours replaces the extension's renderer (500).
		goldmark.WithRendererOptions(grenderer.WithNodeRenderers(util.Prioritized(newTaskCheckBoxRenderer(tasks), 100),
			util.Prioritized(pictureRenderer{}, 100))),
	)
}

// LinkContextKey carries the per-file link resolver into the transformer.
var LinkContextKey = parser.NewContextKey()

// Resolver turns a link destination in one file into the URL of the page
// it names, and records links to content that does not exist; it notes the
// links and images to check once every page is rendered, the page's heading
// ids, and what the renderer will drop (see bodycheck.go).
type Resolver struct {
	Resolve func(dest string) (url, problem, file string)
	Body    []byte
	Line0   int // file line of body[0]
	Diags   *diag.List
	PageURL string // the page's own URL, which relative URLs start from
	SiteURL string // the site's base URL: links under it are internal
	Refs    []Ref
	Anchors []byte // the page's heading ids, each followed by '\n'
	// Picture, when set, finds and processes the picture a body image
	// names (dest as written): pic is nil for an image that is not the
	// site's; problem, when not "", follows "image <dest> " in an error;
	// found is false when the site has no file for it, which the link
	// check then reports.
	Picture func(dest string) (pic *imageproc.Placed, problem string, found bool)
	swaps   []swap
	// positions holds where each link or image found is written;
	// emptySeen counts the images without alt text placed in each block.
	positions map[ast.Node]diag.Pos
	emptySeen map[string]int
}

// linkRewriter is a goldmark ASTTransformer: links between content files
// (`../events/x.md`, `/case-studies/y.md#outcomes`) become output URLs.
type linkRewriter struct{}

func (linkRewriter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	lr, _ := pc.Get(LinkContextKey).(*Resolver)
	if lr == nil {
		return
	}
	_ = ast.Walk(doc, lr.visit)
	lr.swapPictures()
}

// PlainText is the text of a markdown document for search and summaries,
// taken from the AST so no markup or link targets leak into it.
func PlainText(doc ast.Node, src []byte) string {
	var b bytes.Buffer
	WritePlainText(&b, doc, src)
	return b.String()
}

// WritePlainText appends the plain text of doc to b, trimmed of surrounding
// space, with a line break after each block.
func WritePlainText(b *bytes.Buffer, doc ast.Node, src []byte) {
	start := b.Len()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock && b.Len() > start && b.Bytes()[b.Len()-1] != '\n' {
				b.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		writeNodeText(b, n, src)
		return ast.WalkContinue, nil
	})
	trimmed := bytes.TrimSpace(b.Bytes()[start:])
	n := copy(b.Bytes()[start:], trimmed)
	b.Truncate(start + n)
}

// CountWords is len(strings.Fields(string(b))) without the slice of words,
// and with strings.Fields' shortcut for ASCII.
func CountWords(b []byte) int {
	n, inWord := 0, false
	for i := 0; i < len(b); {
		var space bool
		if c := b[i]; c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRune(b[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func writeNodeText(b *bytes.Buffer, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Text:
		b.Write(n.Segment.Value(src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
	case *ast.String:
		// The typographer's quotes and dashes are HTML entities (&ldquo;):
		// plain text wants the characters.
		b.WriteString(html.UnescapeString(string(n.Value)))
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(src))
		}
	case *ast.AutoLink:
		b.Write(n.Label(src))
	}
}

// FirstParagraphText is the plain text of the document's first paragraph.
func FirstParagraphText(doc ast.Node, src []byte) string {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindParagraph {
			return strings.Join(strings.Fields(PlainText(c, src)), " ")
		}
	}
	return ""
}

// summaryLength is the length a summary is cut near, at a word boundary.
const summaryLength = 200

// CutSummary shortens s to at most about summaryLength characters at a word
// boundary, with an ellipsis when it cut anything.
func CutSummary(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= summaryLength {
		return s
	}
	runes := []rune(s)
	cut := summaryLength
	for cut > summaryLength/2 && runes[cut] != ' ' {
		cut--
	}
	if runes[cut] != ' ' {
		cut = summaryLength
	}
	return strings.TrimRight(string(runes[:cut]), " ,;:.-–—") + "…"
}

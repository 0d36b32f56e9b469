package generator

import (
	"github.com/ideas-hub/hub/generator/sitefs"

	"github.com/ideas-hub/hub/generator/content"

	"github.com/ideas-hub/hub/generator/diag"

	"bytes"
	"errors"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Limits that keep what one content file costs in proportion to its size,
// whoever wrote it: a build runs unattended in CI over files from many
// hands, and one file must not hang it, fill its memory or its disk.
const (
	// maxContentFileSize is the largest content file, in bytes. A page is
	// an article: the hub's longest is under 4 KB and the synthetic hubs'
	// about 10 KB; 1 MiB is some 170,000 words, two long novels. A build
	// holds a file's markdown tree while it renders: 17 times the file's
	// size for plain prose, up to 140 times for a file of tiny paragraphs
	// in lists nested to the limit (measured), so one file's share of a
	// build's memory stays under 150 MB.
	maxContentFileSize = 1 << 20
	// maxNesting is how deep block quotes and list items may nest. Parsing
	// costs goldmark, on every line, a step for each level open: a list
	// nested 5,000 deep took minutes and 1.7 GB. markdown-it stops at 100
	// levels of its tokens, where a list and its item are two, so about
	// 50 of ours; nobody writes more than a handful, and at 360 px the
	// theme's indentation leaves no room for a word long before 50.
	maxNesting = 50
	// maxTerms is how many values a page may give one taxonomy (`tags`,
	// `authors`, an event's `organiser` and `featured` together). Each
	// term is a page, an Atom feed and a redirect of its own that lists
	// the page, so one page's terms are files on disk; the hub's most
	// tagged page has 7 tags and the synthetic hubs at most 8. 50 is more
	// than any reader browses by.
	maxTerms = 50
	// maxLinkScan bounds what goldmark reads for link destinations in one
	// run of text without white space. At each "](" it reads the
	// destination on to the end of the run when no ")" closes it, so n
	// such openings in a run cost n²: 20,000 `![a](` (100 KB) took 5.5 s,
	// and a file of 1 MiB would take ten minutes. A run's openings times
	// its length must stay under this, about a tenth of a second of
	// goldmark's time; a run of ten links glued together is thousands.
	maxLinkScan = 20_000_000
)

// readContentFile reads a content file, no bigger than maxContentFileSize.
// A file it must not read (see siteFS) or one too big is reported in dl
// and gives nil data.
func readContentFile(site fs.FS, file string, dl *diag.List) ([]byte, error) {
	fsys, real, info, err := sitefs.LookUp(site, file)
	var se *sitefs.FileError
	switch {
	case errors.As(err, &se):
		dl.Items = append(dl.Items, se.Diagnostic())
		return nil, nil
	case errors.Is(err, fs.ErrNotExist):
		if target, lerr := sitefs.ReadLink(site, file); lerr == nil { // a link listed, leading nowhere
			dl.Add(diag.Pos{}, "symlink to %s leads to no file: remove the link or the file it names", target)
			return nil, nil
		}
		return nil, err
	case err != nil:
		return nil, err
	case info.Size() > maxContentFileSize:
		dl.Add(diag.Pos{Line: 1, Col: 1}, "the file is %s bytes: a content file may be at most 1 MiB (%s bytes); split it into pages that link to each other",
			thousands(info.Size()), thousands(maxContentFileSize))
		return nil, nil
	}
	return fs.ReadFile(fsys, real)
}

// thousands writes n with commas between thousands, as a reader would.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// checkTerms reports a taxonomy given more than maxTerms values by a
// page, at the key whose values pass the limit.
func checkTerms(p *content.Page, dl *diag.List) {
	if n := len(p.TagNames); n > maxTerms {
		dl.Add(p.Source.KeyPos("tags"), "`tags` has %d entries: a page may have at most %d, as each makes pages of its own; keep the ones a reader would look for", n, maxTerms)
	}
	for _, pt := range p.Terms {
		if len(pt.Names) <= maxTerms {
			continue
		}
		var keys []string // the keys the page gives, in the taxonomy's order
		for _, k := range pt.Keys {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		at := p.Source.KeyPos(pt.Keys[maxTerms])
		if len(keys) == 1 {
			dl.Add(at, "`%s` has %d entries: a page may have at most %d, as each makes pages of its own; keep the ones a reader would look for",
				keys[0], len(pt.Names), maxTerms)
			continue
		}
		dl.Add(at, "%s have %d entries together: a page may have at most %d %s, as each makes pages of its own; keep the ones a reader would look for",
			codeList(keys), len(pt.Names), maxTerms, strings.ToLower(pt.Taxonomy.Title))
	}
}

// codeList writes keys for a message: "`organiser` and `featured`".
func codeList(keys []string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = "`" + k + "`"
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// limitNesting makes md's parser stop block quotes and lists nesting
// deeper than maxNesting: the line that would open one level more is kept
// as text, and reportNesting tells the editor.
func limitNesting(md goldmark.Markdown) goldmark.Markdown {
	// Before the list (300) and block quote (800) parsers, after the
	// thematic break's (200), which "- - -" is.
	md.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(nestingGuard{}, 250)))
	return md
}

// nestingKey holds, in a parse's context, the offset of the first line
// that nests too deep.
var nestingKey = parser.NewContextKey()

// nestingGuard is a goldmark block parser that opens nothing until one
// more block quote or list would nest deeper than maxNesting; then it
// takes the line as plain text, so no deeper level ever opens. Each line
// then costs at most maxNesting steps of goldmark's, and a file's parse
// stays in proportion to its size.
type nestingGuard struct{}

func (nestingGuard) Trigger() []byte { return []byte("-+*>0123456789") }

func (nestingGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if containerDepth(parent) < maxNesting {
		return nil, parser.NoChildren
	}
	line, segment := reader.PeekLine()
	at := pc.BlockOffset()
	if at < 0 || !opensContainer(line[at:], interruptsParagraph(parent, pc)) {
		return nil, parser.NoChildren
	}
	if pc.Get(nestingKey) == nil {
		pc.Set(nestingKey, segment.Start+at)
	}
	segment = segment.TrimLeftSpace(reader.Source())
	node := ast.NewTextBlock()
	node.Lines().Append(segment)
	reader.Advance(segment.Len() - 1)
	return node, parser.NoChildren
}

func (nestingGuard) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }
func (nestingGuard) Close(ast.Node, text.Reader, parser.Context)                 {}
func (nestingGuard) CanInterruptParagraph() bool                                 { return true }
func (nestingGuard) CanAcceptIndentedLine() bool                                 { return false }

// containerDepth counts the block quotes and list items n is in, n too.
func containerDepth(n ast.Node) int {
	depth := 0
	for ; n != nil; n = n.Parent() {
		switch n.(type) {
		case *ast.Blockquote, *ast.ListItem:
			depth++
		}
	}
	return depth
}

// interruptsParagraph reports whether the line would end a paragraph open
// in parent, where CommonMark lets fewer lines start a list.
func interruptsParagraph(parent ast.Node, pc parser.Context) bool {
	last := pc.LastOpenedBlock().Node
	return ast.IsParagraph(last) && last.Parent() == parent
}

// opensContainer reports whether line starts a block quote or list item as
// goldmark reads one: `>`, or a bullet `-+*` or number of up to nine digits
// with `.` or `)`, then a space, a tab or the end of the line. After a
// paragraph, only a non-empty item, numbered 1 if numbered, starts a list.
func opensContainer(line []byte, afterParagraph bool) bool {
	if len(line) == 0 {
		return false
	}
	if line[0] == '>' {
		return true
	}
	i := 0
	if bytes.IndexByte([]byte("-+*"), line[0]) < 0 {
		for i < len(line) && i < 9 && line[i] >= '0' && line[i] <= '9' {
			i++
		}
		if i == 0 || i == len(line) || (line[i] != '.' && line[i] != ')') {
			return false
		}
		if afterParagraph && string(line[:i]) != "1" {
			return false
		}
	}
	i++
	if i < len(line) && line[i] != ' ' && line[i] != '\t' && line[i] != '\n' && line[i] != '\r' {
		return false
	}
	return !afterParagraph || len(bytes.TrimSpace(line[i:])) > 0
}

// reportNesting tells the editor where a body nested too deep, if it did.
func reportNesting(pc parser.Context, body []byte, line0 int, dl *diag.List) {
	at, ok := pc.Get(nestingKey).(int)
	if !ok {
		return
	}
	at = min(max(at, 0), len(body))
	start := bytes.LastIndexByte(body[:at], '\n') + 1
	dl.Add(diag.Pos{Line: line0 + bytes.Count(body[:at], []byte("\n")), Col: at - start + 1},
		"block quotes and lists nest more than %d deep here: flatten them, or use headings to structure the page", maxNesting)
}

// checkLinkRuns reports a run of text without white space whose unclosed
// link openings would cost goldmark more than maxLinkScan (see there), and
// says whether the body may be parsed.
func checkLinkRuns(body []byte, line0 int, dl *diag.List) bool {
	// Only a run that holds "](" can hold an opening, so the runs around
	// each are scanned, not every byte of the body: a tenth of the time
	// renderBody took outside goldmark was this scan.
	for from := 0; ; {
		k := bytes.Index(body[from:], []byte("]("))
		if k < 0 {
			return true
		}
		start, end := from+k, from+k
		for start > from && !isSpace(body[start-1]) {
			start--
		}
		for end < len(body) && !isSpace(body[end]) {
			end++
		}
		openings := 0
		for i := start; i < end; i++ {
			switch {
			case body[i] == ']' && i+1 < len(body) && body[i+1] == '(':
				openings++
			case body[i] == ')' && openings > 0:
				openings-- // closed: goldmark read no further than here
			}
		}
		if n := end - start; openings > 0 && int64(openings)*int64(n) > maxLinkScan {
			lineStart := bytes.LastIndexByte(body[:start], '\n') + 1
			dl.Add(diag.Pos{Line: line0 + bytes.Count(body[:start], []byte("\n")), Col: start - lineStart + 1},
				"%s characters without a space hold %s link openings \"](\" that no \")\" closes: markdown's time grows with their square, and hub stops where openings × length pass %s; put spaces or line breaks between links",
				thousands(int64(n)), thousands(int64(openings)), thousands(maxLinkScan))
			return false
		}
		from = end
	}
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

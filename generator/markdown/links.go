package markdown

import (
	"github.com/ideas-hub/hub/generator/diag"

	"bytes"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// What the walk over a parsed body notes for the editor, beside rewriting
// links to content files: the links and images that name a place in the
// site, checked once every page is rendered (linkcheck.go); the page's
// heading ids, which fragments must name; and what goldmark's renderer
// drops without a word (raw HTML, links a browser would run), each a
// warning at its place in the file.

// Ref is a link or image of a page that names a place in the site.
type Ref struct {
	Dest  string // as written, for the message
	Path  string // the site path it resolves to ("/stories/b/"); "" for the page itself
	File  string // for a link to a content file ("b.md#x"): that file
	Frag  string // the fragment, unescaped; "" for none
	At    diag.Pos
	Image bool
	Key   string // the front matter key that names it; "" for the body
}

// visit is the body's walk: see linkRewriter.
func (lr *Resolver) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Heading:
		// goldmark's auto heading id, as the page will carry it.
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				lr.Anchors = append(append(lr.Anchors, b...), '\n')
			}
		}
	case *ast.Link:
		lr.link(n)
	case *ast.Image:
		if isDangerousURL(n.Destination) {
			lr.Diags.Warn(lr.position(n, n.Destination), "%s", droppedURL("image from", n.Destination))
		} else {
			lr.image(n)
		}
	case *ast.AutoLink:
		if u := n.URL(lr.Body); isDangerousURL(u) {
			lr.Diags.Warn(lr.position(n, u), "%s", droppedURL("link to", u))
		}
	case *ast.RawHTML:
		if n.Segments.Len() > 0 {
			lr.rawHTML(n.Segments.At(0).Start, false)
		}
	case *ast.HTMLBlock:
		// A comment block is meant to be unseen: the renderer drops it as asked.
		if n.HTMLBlockType != ast.HTMLBlockType2 && n.Lines().Len() > 0 {
			lr.rawHTML(n.Lines().At(0).Start, true)
		}
	}
	return ast.WalkContinue, nil
}

// link rewrites a link to a content file to its page's URL, or notes a
// link to a URL of the site.
func (lr *Resolver) link(n *ast.Link) {
	dest := n.Destination
	if isDangerousURL(dest) {
		lr.Diags.Warn(lr.position(n, dest), "%s", droppedURL("link to", dest))
		return
	}
	url, problem, file := lr.Resolve(string(dest))
	switch {
	case problem != "":
		lr.Diags.Add(lr.position(n, dest), "%s", problem)
	case url != "":
		if _, frag, ok := strings.Cut(string(dest), "#"); ok && frag != "" {
			lr.Refs = append(lr.Refs, Ref{Dest: string(dest), File: file, Frag: unescapeFragment(frag), At: lr.position(n, dest)})
		}
		n.Destination = []byte(url)
	default:
		lr.note(n, string(dest), false)
	}
}

// note records a link or image whose destination is a URL of the site.
func (lr *Resolver) note(n ast.Node, dest string, image bool) {
	path, frag, ok := SiteLink(dest, lr.PageURL, lr.SiteURL)
	if !ok || path == "" && frag == "" {
		return
	}
	lr.Refs = append(lr.Refs, Ref{Dest: dest, Path: path, Frag: frag, At: lr.position(n, []byte(dest)), Image: image})
}

// SiteLink reads a destination as a reader's browser would from the page
// at pageURL: ok is false for a link off the site (a scheme such as https:
// or mailto:, or //host), path is the site path it leads to ("" for the page
// itself: "#x", "?q=…"), frag its fragment. A link under the site's own base
// URL is a link within the site.
func SiteLink(dest, pageURL, siteURL string) (path, frag string, ok bool) {
	if siteURL != "" && siteURL != "/" {
		if rest, cut := strings.CutPrefix(dest, siteURL); cut {
			dest = "/" + rest
		}
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || dest == "" {
		return "", "", false
	}
	if u.Path == "" {
		return "", u.Fragment, true
	}
	base := &url.URL{Path: pageURL}
	return base.ResolveReference(&url.URL{Path: u.Path}).Path, u.Fragment, true
}

func unescapeFragment(frag string) string {
	if s, err := url.PathUnescape(frag); err == nil {
		return s
	}
	return frag
}

// isDangerousURL is goldmark's own test, on the URL as its renderer sees
// it: a URL it holds dangerous becomes an empty href or src.
func isDangerousURL(dest []byte) bool {
	return html.IsDangerousURL(util.URLEscape(dest, true))
}

// droppedURL says which URL the renderer emptied, and why.
func droppedURL(what string, dest []byte) string {
	scheme, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(string(dest))), ":")
	reason := "a page's content may not run scripts, so it goes nowhere (its address is empty)"
	switch scheme {
	case "file":
		reason = "it names a file on the writer's own computer, which readers cannot open (its address is empty)"
	case "data":
		reason = "data: URLs can carry scripts: only PNG, GIF, JPEG and WebP images are kept (its address is empty)"
	}
	return fmt.Sprintf("%s %s: URL removed; %s", what, scheme, reason)
}

// rawHTML warns of the raw HTML at body offset start: hub renders markdown
// only, so a body can carry no markup or scripts into the site. A comment
// is meant to be unseen, and an inline closing tag goes with its opening
// one, already reported.
func (lr *Resolver) rawHTML(start int, block bool) {
	src := lr.Body[start:]
	indent := len(src) - len(bytes.TrimLeft(src, " \t"))
	src = src[indent:]
	if bytes.HasPrefix(src, []byte("<!--")) || !block && bytes.HasPrefix(src, []byte("</")) {
		return
	}
	at := lr.posAt(start + indent)
	if block {
		lr.Diags.Warn(at, "raw HTML %s is not published (hub renders markdown only); the whole block is left out of the page: write it in markdown, or link to what it embeds", htmlTagName(src))
		return
	}
	lr.Diags.Warn(at, "raw HTML %s is not published (hub renders markdown only); the tag is dropped and the text around it stays", htmlTagName(src))
}

// htmlTagName names the tag src starts with, as "<iframe>" or "</div>".
func htmlTagName(src []byte) string {
	if len(src) == 0 || src[0] != '<' {
		return "HTML"
	}
	name := src[1:]
	closing := bytes.HasPrefix(name, []byte("/"))
	if closing {
		name = name[1:]
	}
	end := bytes.IndexFunc(name, func(r rune) bool {
		return !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	if end < 0 {
		end = len(name)
	}
	if end == 0 { // <?php …?>, <!DOCTYPE …>: show how it starts
		line, _, _ := bytes.Cut(src, []byte("\n"))
		if utf8.RuneCount(line) > 20 {
			line = []byte(string([]rune(string(line))[:20]) + "…")
		}
		return string(line)
	}
	if closing {
		return "</" + strings.ToLower(string(name[:end])) + ">"
	}
	return "<" + strings.ToLower(string(name[:end])) + ">"
}

// position finds where a link or image is written: inline nodes carry no
// position of their own, so take the first text inside it and step back to
// its '[' (an image's '!'). One with no text, such as an image without alt
// text, is found by its destination in its block.
func (lr *Resolver) position(n ast.Node, dest []byte) diag.Pos {
	if at, ok := lr.positions[n]; ok {
		return at
	}
	at := lr.findPosition(n, dest)
	if lr.positions == nil {
		lr.positions = map[ast.Node]diag.Pos{}
	}
	lr.positions[n] = at
	return at
}

func (lr *Resolver) findPosition(n ast.Node, dest []byte) diag.Pos {
	offset := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			offset = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if offset >= 0 {
		if i := bytes.LastIndexByte(lr.Body[:offset], '['); i >= 0 && !bytes.Contains(lr.Body[i:offset], []byte("\n")) {
			offset = i
		}
	} else if start, end := lr.blockRange(n); start >= 0 {
		offset = start
		// An image without alt text: the block's next "[](dest)" not yet
		// taken by an earlier one.
		key := fmt.Sprint(start, " ", string(dest))
		nth := lr.emptySeen[key]
		if lr.emptySeen == nil {
			lr.emptySeen = map[string]int{}
		}
		lr.emptySeen[key]++
		if i := nthIndex(lr.Body[start:end], append([]byte("[]("), dest...), nth); i >= 0 {
			offset = start + i
		} else if i := bytes.Index(lr.Body[start:end], append([]byte("]("), dest...)); i > 0 && lr.Body[start+i-1] == '[' {
			offset = start + i - 1
		} else if i := bytes.Index(lr.Body[start:end], append([]byte("<"), dest...)); i >= 0 { // an autolink
			offset = start + i
		}
	}
	if offset < 0 {
		return diag.Pos{Line: lr.Line0, Col: 1}
	}
	if _, image := n.(*ast.Image); image && offset > 0 && lr.Body[offset-1] == '!' {
		offset--
	}
	return lr.posAt(offset)
}

// blockRange is the part of the body the block holding n spans, or -1.
func (lr *Resolver) blockRange(n ast.Node) (start, end int) {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() != ast.TypeBlock {
			continue // an inline's Lines panics
		}
		if lines := p.Lines(); lines.Len() > 0 {
			return lines.At(0).Start, lines.At(lines.Len() - 1).Stop
		}
	}
	return -1, -1
}

// posAt is the line and column in the file of a byte offset in the body.
func (lr *Resolver) posAt(offset int) diag.Pos {
	lineStart := bytes.LastIndexByte(lr.Body[:offset], '\n') + 1
	return diag.Pos{Line: lr.Line0 + bytes.Count(lr.Body[:offset], []byte("\n")), Col: utf8.RuneCount(lr.Body[lineStart:offset]) + 1}
}

// nthIndex is the offset of the n-th (from 0) sep in b, or -1.
func nthIndex(b, sep []byte, n int) int {
	at := 0
	for {
		i := bytes.Index(b[at:], sep)
		if i < 0 {
			return -1
		}
		if n == 0 {
			return at + i
		}
		n--
		at += i + len(sep)
	}
}

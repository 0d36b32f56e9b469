package markdown

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	grenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/ideas-hub/hub/generator/imageproc"
)

// Pictures. A body image that names a picture of the site (a file in
// static/ or beside the content file) is shown as a <picture>: WebP
// first for the browsers that take it, the source's own format in the
// <img>, each at every width it was made in, so a phone fetches the
// 480 px file and a wide screen the 1600 px one; with its width and
// height, so the page does not move as it loads, and loaded lazily, as
// a body image is rarely in the first screen. An image off the site
// stays goldmark's <img>.

// BodySizes is the sizes attribute of a picture in a page's body: the
// width of the prose column (70ch, about 42rem) on a wide screen, the
// window less the page's margins on a phone.
const BodySizes = "(min-width: 48rem) 42rem, calc(100vw - 2rem)"

// Decorative is the title that marks an image as decoration, with no alt
// text to give: ![](divider.png "decorative").
const Decorative = "decorative"

// KindPicture is the AST kind of a processed body image.
var KindPicture = ast.NewNodeKind("Picture")

// pictureNode stands in the AST for an image whose picture was processed.
type pictureNode struct {
	ast.BaseInline
	pic   *imageproc.Placed
	alt   string
	title string
}

func (n *pictureNode) Kind() ast.NodeKind { return KindPicture }

func (n *pictureNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Source": n.pic.Source}, nil)
}

// swap puts, once the walk is over, a picture node in place of each
// image the walk found a picture for.
type swap struct {
	img *ast.Image
	pic *imageproc.Placed
}

// image checks a body image's alt text and finds its picture; it notes
// the image for the link check when the site has no file for it.
func (lr *Resolver) image(n *ast.Image) {
	dest := string(n.Destination)
	at := lr.position(n, n.Destination)
	alt := strings.TrimSpace(PlainText(n, lr.Body))
	decorative := string(n.Title) == Decorative
	if decorative {
		n.Title = nil // a note to hub, not a tooltip for readers
	}
	if alt == "" && !decorative {
		lr.Diags.Add(at, "image %s has no alt text: write what it shows between the brackets, ![a night bus at the stop](%s), or, if it is only decoration, mark it so: ![](%s %q)", dest, dest, dest, Decorative)
	}
	if lr.Picture != nil {
		pic, problem, found := lr.Picture(dest)
		if problem != "" {
			lr.Diags.Add(at, "image %s %s", dest, problem)
		}
		if found {
			if pic != nil {
				lr.swaps = append(lr.swaps, swap{n, pic})
			}
			return
		}
	}
	lr.note(n, dest, true)
}

// swapPictures replaces the images the walk found pictures for.
func (lr *Resolver) swapPictures() {
	for _, s := range lr.swaps {
		parent := s.img.Parent()
		if parent == nil {
			continue
		}
		alt := ""
		if string(s.img.Title) != Decorative {
			alt = strings.Join(strings.Fields(PlainText(s.img, lr.Body)), " ")
		}
		parent.ReplaceChild(parent, s.img, &pictureNode{pic: s.pic, alt: alt, title: string(s.img.Title)})
	}
	lr.swaps = nil
}

// pictureRenderer writes picture nodes.
type pictureRenderer struct{}

func (pictureRenderer) RegisterFuncs(reg grenderer.NodeRendererFuncRegisterer) {
	reg.Register(KindPicture, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			n := node.(*pictureNode)
			_, _ = w.WriteString(PictureHTML(n.pic, n.alt, n.title, BodySizes, true))
		}
		return ast.WalkSkipChildren, nil
	})
}

// PictureHTML is the markup of a picture: a <picture> with a WebP
// <source> and the source format's <img>, each with its srcset, or a
// plain <img> for a picture published as it is. lazy defers loading
// until it nears the screen: not for the picture at the top of a page.
func PictureHTML(p *imageproc.Placed, alt, title, sizes string, lazy bool) string {
	var b strings.Builder
	attr := func(name, value string) {
		fmt.Fprintf(&b, ` %s="%s"`, name, html.EscapeString(value))
	}
	img := func() {
		b.WriteString("<img")
		attr("src", p.Src(800))
		if set := p.Srcset(p.Fallback()); set != "" {
			attr("srcset", set)
			attr("sizes", sizes)
		}
		if p.Width > 0 {
			attr("width", strconv.Itoa(p.Width))
			attr("height", strconv.Itoa(p.Height))
		}
		attr("alt", alt)
		if title != "" {
			attr("title", title)
		}
		if lazy {
			attr("loading", "lazy")
		} else {
			attr("fetchpriority", "high") // the page's largest paint, usually
		}
		attr("decoding", "async")
		b.WriteString(">")
	}
	if !p.HasWebP() {
		img()
		return b.String()
	}
	b.WriteString(`<picture><source type="image/webp"`)
	attr("srcset", p.Srcset(imageproc.WebP))
	attr("sizes", sizes)
	b.WriteString(">")
	img()
	b.WriteString("</picture>")
	return b.String()
}

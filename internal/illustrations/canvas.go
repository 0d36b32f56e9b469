// Package illustrations draws the hub's own pictures: flat, calm scenes in
// the theme's colours, one for each page that shows one. They are made by
// the project, in Go, so the hub's content holds no picture whose rights
// belong to someone else; `go run ./internal/illustrations/draw` writes
// them to static/img/, and TestIllustrationsAreUpToDate keeps the files
// there the ones this code draws.
package illustrations

import (
	"image"
	"image/color"
	"math"

	"golang.org/x/image/vector"
)

// Width and Height are every illustration's size: wide enough for the
// largest variant hub makes (1600 px), in the shape of a wide photo.
const (
	Width  = 1600
	Height = 900
)

// The theme's colours (layouts/assets/style.css, light scheme).
var (
	paper   = rgb(0xfbfaf7)
	ink     = rgb(0x1c2320)
	brand   = rgb(0x0b5f52)
	mint    = rgb(0xdcefe9)
	line    = rgb(0xdcd8cf)
	tint    = rgb(0xf1efe9)
	plum    = rgb(0x6b2d7b)
	lilac   = rgb(0xf1e4f4)
	rust    = rgb(0x8a3a00)
	peach   = rgb(0xfbe6d4)
	navy    = rgb(0x1f4d8c)
	sky     = rgb(0xe1eaf7)
	sun     = rgb(0xffe27a)
	night   = rgb(0x17264a)
	white   = rgb(0xffffff)
	leaf    = rgb(0x2f8f6b)
	blossom = rgb(0xe8a0a8)
)

func rgb(v uint32) color.RGBA { return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff} }

// canvas is an illustration being drawn: shapes filled with anti-aliased
// edges, each over what is already there. The rasterizer and the path are
// kept from one shape to the next so that their buffers are reused.
type canvas struct {
	m *image.RGBA
	z vector.Rasterizer
	p path
}

func newCanvas(bg color.RGBA) *canvas {
	c := &canvas{m: image.NewRGBA(image.Rect(0, 0, Width, Height))}
	c.rect(0, 0, Width, Height, bg)
	return c
}

// fill fills the path that build draws. It rasterizes only the band of
// rows the shape spans and composites only up to its right edge, not the
// whole canvas: most shapes are small, and the whole canvas for each took
// most of the time to draw a picture. The pixels are the ones a
// rasterizer over the whole canvas makes, to the byte:
//   - the band keeps the canvas's full width, so every x, and every sum
//     of a row, is computed as over the whole canvas;
//   - the band's rows are moved up by a whole number, y0, which float32
//     does exactly for these sizes, and the rasterizer only ever takes
//     differences of ys (curves are cut into segments before the move,
//     see path.CubeTo);
//   - the band starts at a multiple of the width, itself a multiple of
//     four, so the rasterizer's SIMD sum adds in the same groups.
//
// The width stays above 512, so the rasterizer keeps to floating point
// math, as it did over the whole canvas.
func (c *canvas) fill(col color.RGBA, build func(p pen)) {
	c.p.reset()
	build(&c.p)
	y0, y1, x1, ok := c.p.band(Width, Height)
	if !ok {
		return
	}
	c.z.Reset(Width, y1-y0)
	dy := float32(y0)
	for _, s := range c.p.segs {
		if s.start {
			c.z.MoveTo(s.x, s.y-dy)
		} else {
			c.z.LineTo(s.x, s.y-dy)
		}
	}
	c.z.Draw(c.m, image.Rect(0, y0, x1, y1), image.NewUniform(col), image.Point{})
}

func (c *canvas) rect(x0, y0, x1, y1 float32, col color.RGBA) {
	c.poly(col, x0, y0, x1, y0, x1, y1, x0, y1)
}

// poly fills the polygon through the points x0, y0, x1, y1, ….
func (c *canvas) poly(col color.RGBA, pts ...float32) {
	c.fill(col, func(p pen) { polyPath(p, pts...) })
}

func polyPath(p pen, pts ...float32) {
	p.MoveTo(pts[0], pts[1])
	for i := 2; i+1 < len(pts); i += 2 {
		p.LineTo(pts[i], pts[i+1])
	}
	p.ClosePath()
}

// circle fills an ellipse of radii rx, ry around cx, cy.
func (c *canvas) ellipse(cx, cy, rx, ry float32, col color.RGBA) {
	c.fill(col, func(p pen) { ellipsePath(p, cx, cy, rx, ry) })
}

func ellipsePath(p pen, cx, cy, rx, ry float32) {
	const k = 0.5523 // control points of a quarter circle as a cubic
	p.MoveTo(cx+rx, cy)
	p.CubeTo(cx+rx, cy+k*ry, cx+k*rx, cy+ry, cx, cy+ry)
	p.CubeTo(cx-k*rx, cy+ry, cx-rx, cy+k*ry, cx-rx, cy)
	p.CubeTo(cx-rx, cy-k*ry, cx-k*rx, cy-ry, cx, cy-ry)
	p.CubeTo(cx+k*rx, cy-ry, cx+rx, cy-k*ry, cx+rx, cy)
	p.ClosePath()
}

func (c *canvas) circle(cx, cy, r float32, col color.RGBA) { c.ellipse(cx, cy, r, r, col) }

// round fills a rectangle with corners of radius r.
func (c *canvas) round(x0, y0, x1, y1, r float32, col color.RGBA) {
	c.rect(x0+r, y0, x1-r, y1, col)
	c.rect(x0, y0+r, x1, y1-r, col)
	for _, p := range [][2]float32{{x0 + r, y0 + r}, {x1 - r, y0 + r}, {x0 + r, y1 - r}, {x1 - r, y1 - r}} {
		c.circle(p[0], p[1], r, col)
	}
}

// stroke draws a line of width w from x0, y0 to x1, y1, with round ends.
func (c *canvas) stroke(x0, y0, x1, y1, w float32, col color.RGBA) {
	dx, dy := x1-x0, y1-y0
	n := float32(math.Hypot(float64(dx), float64(dy)))
	if n == 0 {
		return
	}
	px, py := -dy/n*w/2, dx/n*w/2
	c.poly(col, x0+px, y0+py, x1+px, y1+py, x1-px, y1-py, x0-px, y0-py)
	c.circle(x0, y0, w/2, col)
	c.circle(x1, y1, w/2, col)
}

// person draws a figure: a head and shoulders, h tall, feet at x, y.
func (c *canvas) person(x, y, h float32, body, skin color.RGBA) {
	c.round(x-h*0.22, y-h*0.62, x+h*0.22, y, h*0.16, body)
	c.circle(x, y-h*0.8, h*0.16, skin)
}

// house draws a house w wide with its floor at x, y.
func (c *canvas) house(x, y, w float32, wall, roof, door color.RGBA) {
	c.rect(x, y-w*0.7, x+w, y, wall)
	c.poly(roof, x-w*0.1, y-w*0.68, x+w/2, y-w*1.15, x+w*1.1, y-w*0.68)
	c.round(x+w*0.38, y-w*0.38, x+w*0.62, y, w*0.05, door)
}

// heart fills a heart of width w centred on x, y.
func (c *canvas) heart(x, y, w float32, col color.RGBA) {
	r := w / 4
	c.circle(x-r, y-r/2, r, col)
	c.circle(x+r, y-r/2, r, col)
	c.poly(col, x-2*r+r*0.06, y-r/4, x+2*r-r*0.06, y-r/4, x, y+w*0.55)
}

// star draws a small four-pointed twinkle.
func (c *canvas) star(x, y, r float32, col color.RGBA) {
	c.poly(col, x, y-r, x+r*0.25, y-r*0.25, x+r, y, x+r*0.25, y+r*0.25, x, y+r, x-r*0.25, y+r*0.25, x-r, y, x-r*0.25, y-r*0.25)
}

type rgbaColor = color.RGBA

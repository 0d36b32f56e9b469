package illustrations

import (
	"bytes"
	"fmt"
	"image"
	"testing"

	"golang.org/x/image/vector"
)

// TestClippedFillEqualsWholeCanvasFill holds canvas.fill, which works only
// on the rows a shape spans and up to its right edge, to a rasterizer over
// the whole canvas, the way the pictures in static/img were first drawn:
// the two must agree to the byte. The shapes put anti-aliased edges in the
// first and last row and the last column of the clip, run off each side
// of the canvas, and are curves cut into segments by path.CubeTo, so a
// clip one pixel short on any side, or a curve cut differently, fails.
func TestClippedFillEqualsWholeCanvasFill(t *testing.T) {
	rect := func(x0, y0, x1, y1 float32) func(pen) {
		return func(p pen) { polyPath(p, x0, y0, x1, y0, x1, y1, x0, y1) }
	}
	ellipse := func(cx, cy, rx, ry float32) func(pen) {
		return func(p pen) { ellipsePath(p, cx, cy, rx, ry) }
	}
	cases := []struct {
		name  string
		shape func(pen)
	}{
		{"edges inside pixels", rect(100.5, 200.25, 300.75, 260.5)},
		{"edges on pixel boundaries", rect(100, 200, 300, 260)},
		{"edges a hair into the next pixel", rect(99.98, 199.97, 300.03, 260.02)},
		{"slanted edges", func(p pen) { polyPath(p, 40.3, 610.6, 410.2, 512.1, 260.9, 880.7) }},
		{"ellipse", ellipse(800.3, 450.7, 123.4, 77.7)},
		{"ellipse taller than 512 rows", ellipse(1200.6, 450.2, 90.1, 430.9)},
		{"off the top left", ellipse(-20.5, -30.25, 80.5, 90.75)},
		{"off the bottom right", rect(1550.5, 850.5, 1700.25, 1000.75)},
		{"across the whole canvas", func(p pen) { polyPath(p, -100, 450.5, 800, -50, 1700, 450.5, 800, 950) }},
		{"wholly above the canvas", rect(100, -200, 300, -100.5)},
		{"wholly right of the canvas", rect(1700, 100, 1800, 200)},
		{"two subpaths, one below the canvas", func(p pen) {
			polyPath(p, 300.5, 300.5, 340.5, 300.5, 320.5, 340.5)
			ellipsePath(p, 320, 990, 40, 40)
		}},
	}
	// One canvas fills clipped, the other over the whole canvas, shape
	// after shape, compared after each: cheaper than a fresh pair each.
	got := newCanvas(paper)
	want := cloneRGBA(got.m)
	var whole vector.Rasterizer
	for _, tc := range cases {
		got.fill(ink, tc.shape)
		whole.Reset(Width, Height)
		tc.shape(&whole)
		whole.Draw(want, want.Bounds(), image.NewUniform(ink), image.Point{})
		if d := firstDifference(got.m, want); d != "" {
			t.Errorf("%s: clipped fill differs from the whole-canvas fill: %s", tc.name, d)
			copy(got.m.Pix, want.Pix) // so that the next shape is judged on its own
		}
	}
}

func cloneRGBA(m *image.RGBA) *image.RGBA {
	c := *m
	c.Pix = bytes.Clone(m.Pix)
	return &c
}

// firstDifference says where got and want first differ, and how many
// pixels do, or is empty when they are the same.
func firstDifference(got, want *image.RGBA) string {
	if got.Bounds() != want.Bounds() {
		return fmt.Sprintf("bounds %v, want %v", got.Bounds(), want.Bounds())
	}
	if bytes.Equal(got.Pix, want.Pix) {
		return ""
	}
	first, n := "", 0
	for y := want.Rect.Min.Y; y < want.Rect.Max.Y; y++ {
		for x := want.Rect.Min.X; x < want.Rect.Max.X; x++ {
			if g, w := got.RGBAAt(x, y), want.RGBAAt(x, y); g != w {
				if n == 0 {
					first = fmt.Sprintf("at %d,%d %v, want %v", x, y, g, w)
				}
				n++
			}
		}
	}
	return fmt.Sprintf("%d pixels differ; the first %s", n, first)
}

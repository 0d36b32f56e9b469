package illustrations

import "math"

// pen is what a shape is drawn with: a path (clipped fill) or, in tests,
// a vector.Rasterizer over the whole canvas to hold the clipped fill to.
type pen interface {
	MoveTo(x, y float32)
	LineTo(x, y float32)
	CubeTo(bx, by, cx, cy, dx, dy float32)
	ClosePath()
}

// path is a shape's outline as the rasterizer is to see it: straight
// segments only, each curve already cut into the segments that
// vector.Rasterizer.CubeTo would cut it into. Knowing every point before
// rasterizing lets fill work on only the rows the shape touches.
type path struct {
	segs           []pathPoint
	firstX, firstY float32
	penX, penY     float32
	minY, maxY     float32
	maxX           float32
	started        bool
}

// pathPoint is a MoveTo (start) or a LineTo to x, y.
type pathPoint struct {
	x, y  float32
	start bool
}

func (p *path) reset() {
	*p = path{segs: p.segs[:0]}
}

// MoveTo starts a new subpath at x, y.
func (p *path) MoveTo(x, y float32) {
	p.firstX, p.firstY = x, y
	p.add(x, y, true)
}

// LineTo adds a segment from the pen to x, y.
func (p *path) LineTo(x, y float32) { p.add(x, y, false) }

// ClosePath adds a segment back to the subpath's start, as
// vector.Rasterizer.ClosePath does.
func (p *path) ClosePath() { p.LineTo(p.firstX, p.firstY) }

func (p *path) add(x, y float32, start bool) {
	p.segs = append(p.segs, pathPoint{x, y, start})
	p.penX, p.penY = x, y
	if !p.started {
		p.minY, p.maxY, p.maxX, p.started = y, y, x, true
		return
	}
	p.minY = min(p.minY, y)
	p.maxY = max(p.maxY, y)
	p.maxX = max(p.maxX, x)
}

// CubeTo adds a cubic Bézier segment from the pen via bx, by and cx, cy to
// dx, dy, cut into straight segments exactly as vector.Rasterizer.CubeTo
// (golang.org/x/image/vector, BSD licence, The Go Authors) cuts it: same
// number of segments, same float32 expressions, so the points, and with
// them every pixel, are the ones the rasterizer's own CubeTo makes.
// TestClippedFillEqualsWholeCanvasFill holds the two to each other.
func (p *path) CubeTo(bx, by, cx, cy, dx, dy float32) {
	ax, ay := p.penX, p.penY
	devsq := devSquared(ax, ay, bx, by, dx, dy)
	if devsqAlt := devSquared(ax, ay, cx, cy, dx, dy); devsq < devsqAlt {
		devsq = devsqAlt
	}
	if devsq >= 0.333 {
		const tol = 3
		n := 1 + int(math.Sqrt(math.Sqrt(tol*float64(devsq))))
		t, nInv := float32(0), 1/float32(n)
		for i := 0; i < n-1; i++ {
			t += nInv
			abx, aby := lerp(t, ax, ay, bx, by)
			bcx, bcy := lerp(t, bx, by, cx, cy)
			cdx, cdy := lerp(t, cx, cy, dx, dy)
			abcx, abcy := lerp(t, abx, aby, bcx, bcy)
			bcdx, bcdy := lerp(t, bcx, bcy, cdx, cdy)
			p.LineTo(lerp(t, abcx, abcy, bcdx, bcdy))
		}
	}
	p.LineTo(dx, dy)
}

func lerp(t, px, py, qx, qy float32) (x, y float32) {
	return px + t*(qx-px), py + t*(qy-py)
}

func devSquared(ax, ay, bx, by, cx, cy float32) float32 {
	devx := ax - 2*bx + cx
	devy := ay - 2*by + cy
	return devx*devx + devy*devy
}

// band is where filling the path can change a pixel: rows y0 to y1 and
// columns 0 to x1 (each end excluded), clipped to a w by h canvas; ok is
// false when that is nowhere. The rasterizer changes the coverage only in
// the rows a segment spans (floor of its top to ceil of its bottom) and,
// in a row, only up to the column of the segment's ceil x; past those,
// its running sum is back at zero but for float32 rounding, far below
// the 256/65535 it takes to change a byte. Columns left of the shape are
// kept: the rasterizer's sum starts at column 0.
func (p *path) band(w, h int) (y0, y1, x1 int, ok bool) {
	if !p.started {
		return 0, 0, 0, false
	}
	top := max(0, math.Floor(float64(p.minY)))
	bottom := min(float64(h), math.Ceil(float64(p.maxY)))
	right := min(float64(w), math.Ceil(float64(p.maxX)))
	if top >= bottom || right <= 0 {
		return 0, 0, 0, false
	}
	return int(top), int(bottom), int(right), true
}

package imageproc

import (
	"image"
	"image/draw"

	xdraw "golang.org/x/image/draw"
)

// Scaling. A 12-megapixel photo scaled straight to 1600 px with
// golang.org/x/image/draw's CatmullRom spends most of a build's image time
// in the kernel's wide taps over every source row; ApproxBiLinear is
// quicker but reads four source pixels for each one it makes, so the
// rest alias (moiré on fabric, jagged roof lines). The source is halved
// first with a 2×2 box (exact averaging, and cheap) while it stays at
// least twice the width wanted, then CatmullRom makes the last, small
// step; smaller widths are made from the largest. BenchmarkScale, a
// decoded 4000×3000 JPEG to 1600 px on the project's VM: CatmullRom
// straight 1,045 ms, halved then CatmullRom 220 ms, ApproxBiLinear 48 ms
// (and the aliasing).

// scaler is the filter of the last step named by Settings.Filter.
func (s Settings) scaler() xdraw.Scaler {
	if s.Filter == "approxbilinear" {
		return xdraw.ApproxBiLinear
	}
	return xdraw.CatmullRom
}

// toRGBA returns m as RGBA halved while it is at least twice w×h (both
// given in m's own orientation).
func toRGBA(m image.Image, w, h int) *image.RGBA {
	b := m.Bounds()
	if b.Dx() >= 2*w && b.Dy() >= 2*h {
		if y, ok := m.(*image.YCbCr); ok {
			return toRGBA(halveYCbCr(y), w, h)
		}
	}
	rgba, ok := m.(*image.RGBA)
	if !ok || b.Min != (image.Point{}) {
		rgba = image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(rgba, rgba.Bounds(), m, b.Min, draw.Src)
	}
	for rgba.Bounds().Dx() >= 2*w && rgba.Bounds().Dy() >= 2*h {
		rgba = halve(rgba)
	}
	return rgba
}

// halve averages each 2×2 block of m (premultiplied, so edges of
// transparent areas keep no dark fringe).
func halve(m *image.RGBA) *image.RGBA {
	w, h := m.Bounds().Dx()/2, m.Bounds().Dy()/2
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		r0 := m.Pix[2*y*m.Stride:]
		r1 := m.Pix[(2*y+1)*m.Stride:]
		o := out.Pix[y*out.Stride:]
		for x := range w {
			for c := range 4 {
				i := 8*x + c
				o[4*x+c] = uint8((uint(r0[i]) + uint(r0[i+4]) + uint(r1[i]) + uint(r1[i+4]) + 2) / 4)
			}
		}
	}
	return out
}

// halveYCbCr halves a decoded JPEG straight into RGB, averaging the luma
// of each 2×2 block and taking the chroma sample that covers it: a
// 12-megapixel photo never exists as a 48 MB RGBA image.
func halveYCbCr(m *image.YCbCr) *image.RGBA {
	b := m.Bounds()
	w, h := b.Dx()/2, b.Dy()/2
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		sy := b.Min.Y + 2*y
		y0 := m.Y[(sy-b.Min.Y)*m.YStride:]
		y1 := m.Y[(sy+1-b.Min.Y)*m.YStride:]
		o := out.Pix[y*out.Stride:]
		for x := range w {
			sx := b.Min.X + 2*x
			i := sx - b.Min.X
			luma := uint8((uint(y0[i]) + uint(y0[i+1]) + uint(y1[i]) + uint(y1[i+1]) + 2) / 4)
			ci := m.COffset(sx, sy)
			ci2 := m.COffset(sx+1, sy+1)
			cb := uint8((uint(m.Cb[ci]) + uint(m.Cb[ci2]) + 1) / 2)
			cr := uint8((uint(m.Cr[ci]) + uint(m.Cr[ci2]) + 1) / 2)
			r, g, bl := ycbcrToRGB(luma, cb, cr)
			o[4*x], o[4*x+1], o[4*x+2], o[4*x+3] = r, g, bl, 0xff
		}
	}
	return out
}

// ycbcrToRGB is color.YCbCrToRGB (JFIF's full-range conversion), inlined.
func ycbcrToRGB(y, cb, cr uint8) (uint8, uint8, uint8) {
	yy1 := int32(y) * 0x10101
	cb1 := int32(cb) - 128
	cr1 := int32(cr) - 128
	r := yy1 + 91881*cr1
	g := yy1 - 22554*cb1 - 46802*cr1
	b := yy1 + 116130*cb1
	return clamp(r), clamp(g), clamp(b)
}

func clamp(v int32) uint8 {
	if uint32(v)&0xff000000 == 0 {
		return uint8(v >> 16)
	}
	if v < 0 {
		return 0
	}
	return 0xff
}

// scale returns m at w×h.
func scale(scaler xdraw.Scaler, m *image.RGBA, w, h int) *image.RGBA {
	if m.Bounds().Dx() == w && m.Bounds().Dy() == h {
		return m
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	scaler.Scale(out, out.Bounds(), m, m.Bounds(), xdraw.Src, nil)
	return out
}

// cover scales and crops m to fill exactly w×h, keeping its middle.
func cover(scaler xdraw.Scaler, m *image.RGBA, w, h int) *image.RGBA {
	b := m.Bounds()
	src := b
	if b.Dx()*h > b.Dy()*w { // wider than w:h: crop the sides
		cw := b.Dy() * w / h
		src.Min.X = b.Min.X + (b.Dx()-cw)/2
		src.Max.X = src.Min.X + cw
	} else {
		ch := b.Dx() * h / w
		src.Min.Y = b.Min.Y + (b.Dy()-ch)/2
		src.Max.Y = src.Min.Y + ch
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	scaler.Scale(out, out.Bounds(), m, src, xdraw.Src, nil)
	return out
}

// opaque reports whether every pixel of m is fully opaque.
func opaque(m *image.RGBA) bool {
	for i := 3; i < len(m.Pix); i += 4 {
		if m.Pix[i] != 0xff {
			return false
		}
	}
	return true
}

// toNRGBA un-premultiplies m for the WebP encoder, which reads pixels as
// straight alpha.
func toNRGBA(m *image.RGBA) *image.NRGBA {
	out := image.NewNRGBA(m.Bounds())
	draw.Draw(out, out.Bounds(), m, m.Bounds().Min, draw.Src)
	return out
}

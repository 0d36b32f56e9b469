package imageproc

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"testing"

	xdraw "golang.org/x/image/draw"

	"github.com/ideas-hub/hub/generator/imageproc/imagetest"
)

// BenchmarkScale compares ways of making the 1600 px variant of a decoded
// 12-megapixel JPEG: each filter straight from the source, and hub's
// (halved with a 2×2 box while at least twice the width, then CatmullRom).
//
//	go test -run '^$' -bench Scale -benchtime 5x ./generator/imageproc
func BenchmarkScale(b *testing.B) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, imagetest.Photo(4000, 3000, 1), &jpeg.Options{Quality: 88}); err != nil {
		b.Fatal(err)
	}
	src, err := jpeg.Decode(&buf)
	if err != nil {
		b.Fatal(err)
	}
	direct := func(s xdraw.Scaler) func() {
		return func() {
			dst := image.NewRGBA(image.Rect(0, 0, 1600, 1200))
			s.Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Src, nil)
		}
	}
	for _, c := range []struct {
		name string
		run  func()
	}{
		{"ApproxBiLinear", direct(xdraw.ApproxBiLinear)},
		{"CatmullRom", direct(xdraw.CatmullRom)},
		{"halve+CatmullRom", func() { scale(xdraw.CatmullRom, toRGBA(src, 1600, 1200), 1600, 1200) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.run()
			}
		})
	}
}

// BenchmarkWebP encodes the 1600 px variant of a photo at each method,
// reporting the size.
func BenchmarkWebP(b *testing.B) {
	m := scale(xdraw.CatmullRom, toRGBA(imagetest.Photo(4000, 3000, 2), 1600, 1200), 1600, 1200)
	for _, method := range []int{0, 2, 4} {
		b.Run(fmt.Sprint("method", method), func(b *testing.B) {
			s := DefaultSettings()
			s.WebPMethod = method
			var n int
			for b.Loop() {
				data, err := s.encode(m, WebP)
				if err != nil {
					b.Fatal(err)
				}
				n = len(data)
			}
			b.ReportMetric(float64(n), "bytes")
		})
	}
}

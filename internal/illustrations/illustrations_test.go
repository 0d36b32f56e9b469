package illustrations

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// The pictures in static/img are the ones this code draws: run
// `go run ./internal/illustrations/draw` after changing a scene. The test
// decodes each file and compares its pixels with the drawing, rather than
// encoding the drawing and comparing bytes: encoding at the best
// compression cost two thirds of the package's test time, and the pixels
// are what a reader sees. TestEncodeKeepsThePixels covers the encoding.
// Each picture is a parallel subtest.
func TestIllustrationsAreUpToDate(t *testing.T) {
	all := All()
	if len(all) == 0 {
		t.Fatal("no illustrations")
	}
	for _, il := range all {
		t.Run(il.Name, func(t *testing.T) {
			t.Parallel()
			if il.Alt == "" {
				t.Errorf("%s has no alt text", il.Name)
			}
			file := filepath.Join("..", "..", "static", "img", il.Name+".png")
			got, err := decodeRGBA(file)
			if err != nil {
				t.Fatalf("%v (run go run ./internal/illustrations/draw)", err)
			}
			if d := firstDifference(got, il.Draw()); d != "" {
				t.Errorf("%s is not what the code draws (%s): run go run ./internal/illustrations/draw", file, d)
			}
		})
	}
}

// TestEncodeKeepsThePixels: the PNG that Encode makes, and the draw
// command writes, decodes to the drawing, pixel for pixel.
func TestEncodeKeepsThePixels(t *testing.T) {
	t.Parallel()
	il := Illustration{Name: "test", Alt: "a test", draw: func() *canvas {
		c := newCanvas(sky)
		c.person(400.5, 700.25, 300, brand, rgb(0xe0b18f))
		c.heart(1000.75, 400.5, 170, blossom)
		return c
	}}
	data, err := Encode(il)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if d := firstDifference(asRGBA(img), il.Draw()); d != "" {
		t.Errorf("the encoded picture differs from the drawing: %s", d)
	}
}

func decodeRGBA(file string) (*image.RGBA, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, err
	}
	return asRGBA(img), nil
}

// asRGBA is img as *image.RGBA, converting it if the decoder chose
// another type (it would for a PNG with a palette, say).
func asRGBA(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok {
		return m
	}
	m := image.NewRGBA(img.Bounds())
	draw.Draw(m, m.Bounds(), img, img.Bounds().Min, draw.Src)
	return m
}

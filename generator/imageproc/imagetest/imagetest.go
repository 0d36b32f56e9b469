// Package imagetest makes pictures for tests and benchmarks: photos with
// a photo's grain, pictures whose corners say how they were turned, and
// JPEGs carrying what a phone's camera writes (EXIF orientation, a GPS
// position, XMP, a comment), so tests can see each of them go.
package imagetest

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"testing"
)

// Photo draws a w×h picture with a photo's gradients and grain, so the
// encoders have something like a photo's work to do.
func Photo(w, h int, seed uint64) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, 7))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			n := uint8(r.IntN(16))
			i := m.PixOffset(x, y)
			m.Pix[i] = uint8(x*200/w) + n
			m.Pix[i+1] = uint8(y*180/h) + n
			m.Pix[i+2] = uint8((x+y)*100/(w+h)) + 80 + n
			m.Pix[i+3] = 0xff
		}
	}
	return m
}

// Smooth draws a w×h picture of Photo's gradients without its grain, in
// colours that move with seed. Tests about which files a source makes,
// and not about what encoding a photo costs, take it: grain is what makes
// a photo dear to compress, and PNG variants of Photo's grain spent most
// of imageproc's test CPU in deflate.
func Smooth(w, h int, seed uint64) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	s := uint8(seed * 37)
	for y := range h {
		for x := range w {
			i := m.PixOffset(x, y)
			m.Pix[i] = uint8(x*200/w) + s
			m.Pix[i+1] = uint8(y*180/h) + s/2
			m.Pix[i+2] = uint8((x+y)*100/(w+h)) + 80
			m.Pix[i+3] = 0xff
		}
	}
	return m
}

// Quadrants is a w×h picture with a solid colour in each quarter: red top
// left, green top right, blue bottom left, white bottom right.
func Quadrants(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{0xff, 0, 0, 0xff}
			switch {
			case x >= w/2 && y < h/2:
				c = color.RGBA{0, 0xff, 0, 0xff}
			case x < w/2 && y >= h/2:
				c = color.RGBA{0, 0, 0xff, 0xff}
			case x >= w/2 && y >= h/2:
				c = color.RGBA{0xff, 0xff, 0xff, 0xff}
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// JPEG encodes m at quality 90.
func JPEG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// PNG encodes m.
func PNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// GPSLatitude is the latitude the test photos carry, 51° 30' 12.34" as
// EXIF rationals: bytes no output may hold.
var GPSLatitude = func() []byte {
	var b []byte
	for _, v := range []uint32{51, 1, 30, 1, 1234, 100} {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}()

// WithExif puts, after a JPEG's SOI, an Exif segment with an orientation
// tag and a GPS directory (north latitude gpsLatitude), a XMP segment and
// a comment, as a phone's camera writes them.
func WithExif(jpg []byte, orientation uint16) []byte {
	le := binary.LittleEndian
	tiff := []byte("II*\x00")
	tiff = le.AppendUint32(tiff, 8)
	// IFD0 at 8: two entries, then the next IFD's offset.
	tiff = le.AppendUint16(tiff, 2)
	tiff = appendEntry(tiff, 0x0112, 3, 1, uint32(orientation))
	gpsIFD := uint32(8 + 2 + 2*12 + 4)
	tiff = appendEntry(tiff, 0x8825, 4, 1, gpsIFD)
	tiff = le.AppendUint32(tiff, 0)
	// GPS IFD: latitude ref "N" inline, latitude as three rationals after it.
	tiff = le.AppendUint16(tiff, 2)
	tiff = appendEntry(tiff, 0x0001, 2, 2, uint32('N'))
	tiff = appendEntry(tiff, 0x0002, 5, 3, gpsIFD+2+2*12+4)
	tiff = le.AppendUint32(tiff, 0)
	tiff = append(tiff, GPSLatitude...)

	app1 := segment(0xe1, append([]byte("Exif\x00\x00"), tiff...))
	xmp := segment(0xe1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF/></x:xmpmeta>"))
	com := segment(0xfe, []byte("taken at 12 Acacia Avenue"))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, app1...)
	out = append(out, xmp...)
	out = append(out, com...)
	return append(out, jpg[2:]...)
}

func appendEntry(b []byte, tag, typ uint16, count, value uint32) []byte {
	le := binary.LittleEndian
	b = le.AppendUint16(b, tag)
	b = le.AppendUint16(b, typ)
	b = le.AppendUint32(b, count)
	return le.AppendUint32(b, value)
}

func segment(marker byte, data []byte) []byte {
	s := []byte{0xff, marker, 0, 0}
	binary.BigEndian.PutUint16(s[2:], uint16(len(data)+2))
	return append(s, data...)
}

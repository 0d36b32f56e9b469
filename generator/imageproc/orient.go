package imageproc

import (
	"bytes"
	"encoding/binary"
	"image"
)

// EXIF orientation is read here rather than with an EXIF library: hub
// needs one tag, which takes a walk over the file's segments and one TIFF
// directory, some sixty lines; github.com/dsoprea/go-exif/v3 would bring
// five modules and a parser of every tag for it. Everything else in the
// metadata is dropped, not read.

// orientation returns the EXIF orientation of a source, 1 when it has none
// or it cannot be read (a browser shows such a file as stored, too).
func orientation(f Format, data []byte) int {
	var tiff []byte
	switch f {
	case JPEG:
		tiff = jpegExif(data)
	case PNG:
		tiff = chunk(data[8:], "eXIf", 4, binary.BigEndian)
	case WebP:
		if len(data) > 12 {
			tiff = bytes.TrimPrefix(chunk(data[12:], "EXIF", 0, binary.LittleEndian), []byte("Exif\x00\x00"))
		}
	}
	if o := tiffOrientation(tiff); o >= 1 && o <= 8 {
		return o
	}
	return 1
}

// jpegExif returns the TIFF data of a JPEG's Exif segment (APP1), if any.
func jpegExif(data []byte) []byte {
	i := 2 // after SOI
	for i+4 <= len(data) && data[i] == 0xff {
		marker := data[i+1]
		if marker == 0xd8 || marker >= 0xd0 && marker <= 0xd7 || marker == 0x01 || marker == 0xff {
			i++ // no length
			continue
		}
		if marker == 0xda || marker == 0xd9 { // the scan starts: no more headers
			return nil
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		end := i + 2 + n
		if n < 2 || end > len(data) {
			return nil
		}
		if seg := data[i+4 : end]; marker == 0xe1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return seg[6:]
		}
		i = end
	}
	return nil
}

// chunk returns the data of the first chunk named name in a PNG's (big
// endian lengths, a CRC after each) or a RIFF file's (little endian, padded
// to even) list of chunks. crc is the bytes after each chunk's data.
func chunk(data []byte, name string, crc int, order binary.ByteOrder) []byte {
	for len(data) >= 8 {
		n := int(order.Uint32(data))
		if n < 0 || 8+n > len(data) {
			return nil
		}
		if string(data[4:8]) == name {
			return data[8 : 8+n]
		}
		next := 8 + n + crc
		if order == binary.LittleEndian && n%2 == 1 {
			next++
		}
		if next > len(data) {
			return nil
		}
		data = data[next:]
	}
	return nil
}

// tiffOrientation reads tag 0x0112 of a TIFF structure's first directory.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 0
	}
	ifd := int(order.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > len(t) {
		return 0
	}
	count := int(order.Uint16(t[ifd:]))
	for i := range count {
		e := ifd + 2 + 12*i
		if e+12 > len(t) {
			return 0
		}
		if order.Uint16(t[e:]) == 0x0112 && order.Uint16(t[e+2:]) == 3 { // SHORT
			return int(order.Uint16(t[e+8:]))
		}
	}
	return 0
}

// orient turns m, as stored, into the picture as shown, for EXIF
// orientation o: 2 mirrors it, 3 turns it half round, 4 flips it, 5 to 8
// are the quarter turns with and without a mirror.
func orient(m *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return m
	}
	b := m.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		src := m.Pix[y*m.Stride : y*m.Stride+4*w]
		for x := range w {
			var dx, dy int
			switch o {
			case 2:
				dx, dy = w-1-x, y
			case 3:
				dx, dy = w-1-x, h-1-y
			case 4:
				dx, dy = x, h-1-y
			case 5:
				dx, dy = y, x
			case 6:
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8:
				dx, dy = y, w-1-x
			}
			copy(out.Pix[dy*out.Stride+4*dx:dy*out.Stride+4*dx+4], src[4*x:4*x+4])
		}
	}
	return out
}

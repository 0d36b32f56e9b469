package imageproc

import (
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"math/bits"
)

// A PNG writer for cards. image/png compresses every byte of a card's
// 756 KB of pixels with deflate's general matcher, 2 to 4 ms a card on the
// benchmark VM: at 10,000 pages, more than the rest of the build. A card
// is long runs of one palette index (the page, the brand bar, the gaps
// between letters) broken by the edges of letters, so it is written here
// as zlib's "RLE" strategy would: each run as one literal and matches at
// distance 1, everything else as literals, in fixed-Huffman deflate; the
// Adler-32 of a run is worked out from its length. It takes a tenth of the
// time for files a little larger.

// cardImage is a paletted image whose rows sit in a buffer laid out as
// PNG's scanlines: each row preceded by its filter byte (0, none), so the
// buffer is the data to compress as it is.
type cardImage struct {
	*image.Paletted
	buf   []byte
	dirty []bool // rows drawn on; the others are all index 0
}

func newCardImage(w, h int, pal color.Palette) *cardImage {
	buf := make([]byte, (w+1)*h)
	return &cardImage{&image.Paletted{Pix: buf[1:], Stride: w + 1, Rect: image.Rect(0, 0, w, h), Palette: pal}, buf, make([]bool, h)}
}

// encode writes the PNG file, leaving the pixels all index 0 again.
func (m *cardImage) encode() []byte {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	out := make([]byte, 0, 24<<10)
	out = append(out, "\x89PNG\r\n\x1a\n"...)
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 3, 0, 0, 0) // 8-bit palette indices
	out = pngChunk(out, "IHDR", ihdr)
	plte := make([]byte, 0, 3*len(m.Palette))
	for _, c := range m.Palette {
		r, g, b, _ := c.RGBA()
		plte = append(plte, byte(r>>8), byte(g>>8), byte(b>>8))
	}
	out = pngChunk(out, "PLTE", plte)
	out = pngChunk(out, "IDAT", rleZlib(m.buf, m.Stride, m.dirty))
	clear(m.dirty)
	return pngChunk(out, "IEND", nil)
}

func pngChunk(out []byte, name string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, name...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}

// bitWriter writes deflate's bits, least significant first, four bytes at
// a time: fewer than 32 bits wait, so a write of up to 32 more fits.
type bitWriter struct {
	out  []byte
	acc  uint64
	nacc uint
}

func (bw *bitWriter) write(v uint64, n uint) {
	bw.acc |= v << bw.nacc
	bw.nacc += n
	if bw.nacc >= 32 {
		a := bw.acc
		bw.out = append(bw.out, byte(a), byte(a>>8), byte(a>>16), byte(a>>24))
		bw.acc >>= 32
		bw.nacc -= 32
	}
}

// flush writes the last bits, padded to a byte.
func (bw *bitWriter) flush() {
	for n := int(bw.nacc); n > 0; n -= 8 {
		bw.out = append(bw.out, byte(bw.acc))
		bw.acc >>= 8
	}
	bw.nacc = 0
}

// code is a symbol's bits as written (already reversed) and their count.
type code struct {
	bits uint32
	n    uint8
}

// symbols are the fixed Huffman codes of literals and lengths (0–287),
// repeats the whole of a match at distance 1 of each length (3–258): its
// length code, extra bits and distance code in one write.
var symbols, repeats = fixedCodes()

func fixedCodes() (sym [288]code, rep [259]code) {
	rev := func(c uint32, n uint) uint32 { return bits.Reverse32(c) >> (32 - n) }
	for s := range sym {
		switch {
		case s < 144:
			sym[s] = code{rev(uint32(0x30+s), 8), 8}
		case s < 256:
			sym[s] = code{rev(uint32(0x190+s-144), 9), 9}
		case s < 280:
			sym[s] = code{rev(uint32(s-256), 7), 7}
		default:
			sym[s] = code{rev(uint32(0xc0+s-280), 8), 8}
		}
	}
	for n := 3; n <= 258; n++ {
		i := len(lengthBase) - 1
		for lengthBase[i] > n {
			i--
		}
		c := sym[257+i]
		b, w := c.bits, uint(c.n)
		if extra := lengthExtra(i); extra > 0 {
			b |= uint32(n-lengthBase[i]) << w
			w += extra
		}
		rep[n] = code{b, uint8(w + 5)} // then distance code 0: five zero bits
	}
	return sym, rep
}

// literal writes a literal or length symbol.
func (bw *bitWriter) literal(s int) { c := symbols[s]; bw.write(uint64(c.bits), uint(c.n)) }

var lengthBase = [...]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}

// repeat writes a match of n bytes (3 to 258) at distance 1.
func (bw *bitWriter) repeat(n int) { c := repeats[n]; bw.write(uint64(c.bits), uint(c.n)) }

// repeatLong writes k matches of 258 bytes at distance 1, two to a write.
func (bw *bitWriter) repeatLong(k int) {
	r := uint64(repeats[258].bits)
	two := r | r<<13
	for ; k >= 2; k -= 2 {
		bw.write(two, 26)
	}
	for ; k > 0; k-- {
		bw.write(r, 13)
	}
}

func lengthExtra(i int) uint {
	if i < 8 || i == 28 {
		return 0
	}
	return uint((i - 4) / 4)
}

const adlerMod = 65521

// rleZlib compresses data as a zlib stream of one fixed-Huffman block,
// zeroing data as it goes: a card's buffer is blank again for the next
// card without another pass over its 756 KB.
// Rows not marked dirty are known to be zeros and are not read.
func rleZlib(data []byte, stride int, dirty []bool) []byte {
	bw := &bitWriter{out: make([]byte, 0, 16<<10)}
	bw.out = append(bw.out, 0x78, 0x01)
	bw.write(1, 1) // the last block
	bw.write(1, 2) // fixed Huffman codes
	// Adler-32's sums are reduced modulo 65521 only every 64 KB or so (as
	// zlib does every 5552 bytes): two 64-bit divisions per run were a
	// sixth of a card's time, most runs being one pixel of a letter's edge.
	// Between reductions s1 stays under 2^25 and s2 under 2^42.
	var s1, s2 uint64 = 1, 0
	unreduced := 0
	for i := 0; i < len(data); {
		// A run of the page's index is measured by zeroRun alone, which
		// steps over clean rows without reading them.
		v, n := data[i], 0
		if v == 0 {
			n = zeroRun(data, i, stride, dirty)
		} else {
			n = runLength(data[i:])
		}
		s2 += uint64(n)*s1 + uint64(v)*uint64(n)*uint64(n+1)/2
		s1 += uint64(n) * uint64(v)
		if unreduced += n; unreduced >= 1<<16 || n >= 1<<12 {
			s1, s2, unreduced = s1%adlerMod, s2%adlerMod, 0
		}
		i += n
		if v != 0 {
			clear(data[i-n : i]) // leave the buffer blank for the next card
		}
		if n < 4 {
			for range n {
				bw.literal(int(v))
			}
			continue
		}
		bw.literal(int(v))
		rest := n - 1
		if k := (rest - 3) / 258; k > 0 { // leave at least 3 for the last match
			bw.repeatLong(k)
			rest -= 258 * k
		}
		for rest > 0 {
			switch {
			case rest < 3:
				bw.literal(int(v))
				rest--
			case rest > 258 && rest-258 < 3:
				bw.repeat(rest - 3)
				rest = 3
			default:
				step := min(rest, 258)
				bw.repeat(step)
				rest -= step
			}
		}
	}
	s1, s2 = s1%adlerMod, s2%adlerMod
	bw.literal(256) // end of block
	bw.flush()
	return binary.BigEndian.AppendUint32(bw.out, uint32(s2<<16|s1))
}

// runLength is how many bytes data starts with that equal data[0],
// compared eight at a time.
func runLength(data []byte) int {
	v := data[0]
	n := 1
	le := binary.LittleEndian
	if v == 0 { // the page's index: skip 32 at a time first
		for n+32 <= len(data) && le.Uint64(data[n:])|le.Uint64(data[n+8:])|le.Uint64(data[n+16:])|le.Uint64(data[n+24:]) == 0 {
			n += 32
		}
	}
	for word := uint64(v) * 0x0101010101010101; n+8 <= len(data) && le.Uint64(data[n:]) == word; {
		n += 8
	}
	for n < len(data) && data[n] == v {
		n++
	}
	return n
}

// zeroRun is how many zero bytes data has from i, taking clean rows whole.
func zeroRun(data []byte, i, stride int, dirty []bool) int {
	j := i
	for j < len(data) {
		r := j / stride
		end := min((r+1)*stride, len(data))
		if !dirty[r] {
			j = end
			continue
		}
		if k := j + runLength(data[j:end]); data[j] != 0 || k < end {
			if data[j] != 0 {
				return j - i
			}
			return k - i
		}
		j = end
	}
	return j - i
}

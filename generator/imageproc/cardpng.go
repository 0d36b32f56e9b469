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
// distance 1, everything else as literals, in codes trained on cards
// (cardcodes.go); the Adler-32 of a run is worked out from its length. It
// takes a tenth of the time, for files of about the same size.

// cardImage is a paletted image whose rows sit in a buffer laid out as
// PNG's scanlines: each row preceded by its filter byte (0, none), so the
// buffer is the data to compress as it is.
type cardImage struct {
	*image.Paletted
	buf   []byte
	dirty []bool // rows drawn on; the others are all index 0
	// Text written from its letters' encoded rows (cardtext.go): the
	// lines laid out, then each row's segments, left to right.
	lines   []textLine
	rowSegs [][]placedSegment
	slow    bool
}

func newCardImage(w, h int, pal color.Palette) *cardImage {
	buf := make([]byte, (w+1)*h)
	return &cardImage{Paletted: &image.Paletted{Pix: buf[1:], Stride: w + 1, Rect: image.Rect(0, 0, w, h), Palette: pal},
		buf: buf, dirty: make([]bool, h), rowSegs: make([][]placedSegment, h)}
}

// encode appends the PNG file to dst, leaving the pixels all index 0
// again. The file is written in place, the compressed pixels straight into
// their chunk: a card made in a new buffer grown as it filled, then copied
// into its chunk and again into the file, was 1.2 GB of allocation at
// 10,000 pages, a third of the build's.
// With a frame, the rows outside its title's band are the frame's.
func (m *cardImage) encode(dst []byte, f *cardFrame) []byte {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	out := append(dst, "\x89PNG\r\n\x1a\n"...)
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
	start := len(out)
	out = append(out, 0, 0, 0, 0, 'I', 'D', 'A', 'T')
	if f != nil {
		out = f.zlib(out, m)
	} else {
		out = rleZlib(out, m.buf, m.Stride, m.dirty, m.rowSegs)
	}
	binary.BigEndian.PutUint32(out[start:], uint32(len(out)-start-8))
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start+4:]))
	clear(m.dirty)
	for i := range m.rowSegs {
		m.rowSegs[i] = m.rowSegs[i][:0]
	}
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

// literal writes a literal or length symbol.
func (bw *bitWriter) literal(s int) { c := symbols[s]; bw.write(uint64(c.bits), uint(c.n)) }

var lengthBase = [...]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}

// repeat writes a match of n bytes (3 to 258) at distance 1.
func (bw *bitWriter) repeat(n int) { c := repeats[n]; bw.write(uint64(c.bits), uint(c.n)) }

// repeatLong writes k matches of 258 bytes at distance 1, two to a write
// (a match is at most 16 bits).
func (bw *bitWriter) repeatLong(k int) {
	r, n := uint64(repeats[258].bits), uint(repeats[258].n)
	two := r | r<<n
	for ; k >= 2; k -= 2 {
		bw.write(two, 2*n)
	}
	for ; k > 0; k-- {
		bw.write(r, n)
	}
}

func lengthExtra(i int) uint {
	if i < 8 || i == 28 {
		return 0
	}
	return uint((i - 4) / 4)
}

const adlerMod = 65521

// rleZlib appends to dst data compressed as a zlib stream of one
// block in the cards' codes (cardcodes.go),
// zeroing data as it goes: a card's buffer is blank again for the next
// card without another pass over its 756 KB.
func rleZlib(dst, data []byte, stride int, dirty []bool, segs [][]placedSegment) []byte {
	z := runEncoder{bw: bitWriter{out: dst}, s1: 1}
	z.bw.out = append(z.bw.out, 0x78, 0x01)
	z.bw.writeEncoded(&header)
	if zeros := z.rows(data, stride, dirty, segs, 0, len(dirty), 0); zeros > 0 {
		z.run(0, zeros)
	}
	return z.finish()
}

// rows writes rows r0 to r1 of data, with zeros zero bytes before them
// still to write, and returns the zero bytes they end with, not written.
// A negative zeros is that many zero bytes the caller writes itself.
// Rows not marked dirty are known to be zeros and are not read. Every row
// starts with its filter byte, 0, so a run of another index never crosses
// a row's end: rows are scanned one by one, eight bytes at a time, and a
// run of zeros (the page) is carried from row to row until a letter or a
// bar ends it.
// Rows with segments (cardtext.go) are blank in data and written from
// them.
func (z *runEncoder) rows(data []byte, stride int, dirty []bool, segs [][]placedSegment, r0, r1, zeros int) int {
	for r := r0; r < r1; r++ {
		row := data[r*stride : min((r+1)*stride, len(data))]
		if len(segs[r]) > 0 {
			pos := 0 // in the row's bytes, after its filter byte
			for _, ps := range segs[r] {
				if zeros += 1 + ps.x - pos; zeros > 0 {
					z.run(0, zeros)
					zeros = 0
				}
				z.segment(ps.seg)
				pos = 1 + ps.x + ps.seg.n
			}
			zeros += len(row) - pos
			continue
		}
		if !dirty[r] {
			zeros += len(row)
			continue
		}
		for i := 0; i < len(row); {
			if row[i] == 0 {
				n := zeroSpan(row[i:])
				zeros += n
				i += n
				continue
			}
			if zeros > 0 {
				z.run(0, zeros)
			}
			zeros = 0
			v := row[i]
			n := runLength(row[i:])
			// Leave the buffer blank for the next card; most runs are a
			// pixel or two of a letter's edge, cheaper cleared here than
			// through a call.
			if n <= 8 {
				for j := i; j < i+n; j++ {
					row[j] = 0
				}
			} else {
				clear(row[i : i+n])
			}
			z.run(v, n)
			i += n
		}
	}
	return zeros
}

// finish ends the block and appends the stream's Adler-32.
func (z *runEncoder) finish() []byte {
	z.s1, z.s2 = z.s1%adlerMod, z.s2%adlerMod
	z.bw.literal(endOfBlock)
	z.bw.flush()
	return binary.BigEndian.AppendUint32(z.bw.out, uint32(z.s2<<16|z.s1))
}

// runEncoder writes runs of one byte and keeps their Adler-32.
type runEncoder struct {
	bw bitWriter
	// Adler-32's sums are reduced modulo 65521 only every 64 KB or so (as
	// zlib does every 5552 bytes): two 64-bit divisions per run were a
	// sixth of a card's time, most runs being one pixel of a letter's edge.
	// Between reductions s1 stays under 2^25 and s2 under 2^42.
	s1, s2    uint64
	unreduced int
}

// run writes n bytes of v: one literal, then matches at distance 1.
func (z *runEncoder) run(v byte, n int) {
	z.s2 += uint64(n)*z.s1 + uint64(v)*uint64(n)*uint64(n+1)/2
	z.s1 += uint64(n) * uint64(v)
	if z.unreduced += n; z.unreduced >= 1<<16 || n >= 1<<12 {
		z.s1, z.s2, z.unreduced = z.s1%adlerMod, z.s2%adlerMod, 0
	}
	bw := &z.bw
	if n < 4 {
		for range n {
			bw.literal(int(v))
		}
		return
	}
	bw.literal(int(v))
	long, first, last := runMatches(n)
	if long > 0 {
		bw.repeatLong(long)
	}
	if first > 0 {
		bw.repeat(first)
	}
	bw.repeat(last)
}

// runMatches splits a run of n bytes (n ≥ 4) after its first literal
// into matches at distance 1: long matches of 258, then first (0: none)
// and last, each 3 to 258.
func runMatches(n int) (long, first, last int) {
	rest := n - 1
	long = (rest - 3) / 258 // leave at least 3 for the last match
	rest -= 258 * long      // 3 to 260
	if rest > 258 {
		return long, rest - 3, 3
	}
	return long, 0, rest
}

// runLength is how many bytes data starts with that equal data[0],
// compared eight at a time: the first word that differs says where by its
// lowest differing byte.
func runLength(data []byte) int {
	word := uint64(data[0]) * 0x0101010101010101
	n := 1
	le := binary.LittleEndian
	for ; n+8 <= len(data); n += 8 {
		if x := le.Uint64(data[n:]) ^ word; x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
	}
	for n < len(data) && data[n] == data[0] {
		n++
	}
	return n
}

// zeroSpan is how many zero bytes data starts with.
func zeroSpan(data []byte) int {
	n := 0
	le := binary.LittleEndian
	for ; n+32 <= len(data); n += 32 {
		if le.Uint64(data[n:])|le.Uint64(data[n+8:])|le.Uint64(data[n+16:])|le.Uint64(data[n+24:]) != 0 {
			break
		}
	}
	for ; n+8 <= len(data); n += 8 {
		if x := le.Uint64(data[n:]); x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
	}
	for n < len(data) && data[n] == 0 {
		n++
	}
	return n
}

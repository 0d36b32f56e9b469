package imageproc

// Card frames: what a card shows around its title, drawn and encoded once.
//
// Everything on a card but its title (the brand bar, the type's label,
// the rule and the site's name) is the same on every card of a type, and
// a card's colours are only its palette, not its pixels. Drawing and
// encoding those rows was more than half a card's time (a card without
// a title took 66 µs, one with a title 112 µs; framed, a card takes 74).
// So the rows above the title's band
// and below it are encoded once per type and site name, as the block's
// first bits and a segment of its last (cardtext.go), and a card encodes
// only the rows of its title between them. A title with a letter outside
// its band (a tall accent, say) is drawn whole, as before; cards drawn
// with Cards.slowText are always drawn whole, and the test that compares
// them with the framed cards holds the two to the same bytes.

// cardFrame is the encoded rows of a card around its title's band.
type cardFrame struct {
	titleY      int // the top of the title's first line
	top, bottom int // the title's band of rows
	// head is the block's header and the rows above the band, after which
	// the Adler-32 sums are s1 and s2 and pending zero bytes are still to
	// write.
	head    encodedBits
	s1, s2  uint64
	pending int
	// The rows below the band: lead zero bytes, then tail.
	lead int
	tail segment
}

// maxFrames bounds the frames a Cards keeps (a preview whose site is
// renamed again and again makes new ones): past it, they are dropped.
const maxFrames = 64

// frame returns the frame of cards of kind on site, or nil where the
// frame draws into its title's band.
func (c *Cards) frame(kind, site string) *cardFrame {
	key := [2]string{kind, site}
	c.framesMu.Lock()
	defer c.framesMu.Unlock()
	if f, ok := c.frames[key]; ok {
		return f
	}
	if c.frames == nil || len(c.frames) >= maxFrames {
		c.frames = map[[2]string]*cardFrame{}
	}
	f := c.makeFrame(kind, site)
	c.frames[key] = f
	return f
}

func (c *Cards) makeFrame(kind, site string) *cardFrame {
	m := newCardImage(cardW, cardH, nil)
	f := &cardFrame{titleY: c.drawFrame(m, kind, site), bottom: cardH - cardMargin - 60}
	if !m.settleText(0, cardH) {
		return nil
	}
	f.top = 14 // below the brand bar
	if kind != "" {
		f.top = cardMargin + 46 // below the type's label
	}
	for r := f.top; r < f.bottom; r++ {
		if m.dirty[r] || len(m.rowSegs[r]) > 0 {
			return nil
		}
	}
	z := runEncoder{s1: 1}
	z.bw.writeEncoded(&header)
	f.pending = z.rows(m.buf, m.Stride, m.dirty, m.rowSegs, 0, f.top, 0)
	f.head, f.s1, f.s2 = z.bw.encoded(), z.s1%adlerMod, z.s2%adlerMod

	f.lead = m.leadingZeros(f.bottom)
	// Encoded from sums of 0, the rows' Adler-32 sums are the segment's
	// Σ b(i) and Σ (n-i)·b(i); the lead zeros add nothing to either.
	t := runEncoder{}
	if zeros := t.rows(m.buf, m.Stride, m.dirty, m.rowSegs, f.bottom, cardH, -f.lead); zeros > 0 {
		t.run(0, zeros)
	}
	f.tail = segment{n: (cardH-f.bottom)*m.Stride - f.lead, sum: t.s1 % adlerMod, wsum: t.s2 % adlerMod, encodedBits: t.bw.encoded()}
	return f
}

// leadingZeros is how many zero bytes the rows from r0 start with, as the
// stream holds them (filter bytes, pixels and segments).
func (m *cardImage) leadingZeros(r0 int) int {
	n := 0
	for r := r0; r < m.Rect.Dy(); r++ {
		if segs := m.rowSegs[r]; len(segs) > 0 {
			return n + 1 + segs[0].x
		}
		row := m.buf[r*m.Stride : (r+1)*m.Stride]
		if m.dirty[r] {
			if z := zeroSpan(row); z < len(row) {
				return n + z
			}
		}
		n += len(row)
	}
	return n
}

// zlib appends the stream of a card in frame f whose title is drawn in m.
func (f *cardFrame) zlib(dst []byte, m *cardImage) []byte {
	z := runEncoder{bw: bitWriter{out: dst}, s1: f.s1, s2: f.s2}
	z.bw.out = append(z.bw.out, 0x78, 0x01)
	z.bw.writeEncoded(&f.head)
	zeros := z.rows(m.buf, m.Stride, m.dirty, m.rowSegs, f.top, f.bottom, f.pending) + f.lead
	if zeros > 0 {
		z.run(0, zeros)
	}
	z.segment(&f.tail)
	return z.finish()
}

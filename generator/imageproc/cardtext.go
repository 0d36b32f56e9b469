package imageproc

// Text written straight into the PNG stream.
//
// A card's title is most of its encoding: drawing each letter into the
// pixels, scanning the rows back and writing the runs was two thirds of
// a card's CPU, the same letters' rows every time. So each row of a
// letter is encoded once, as the deflate bits of its runs and what its
// bytes add to Adler-32 (a segment), and a row of text is written as its
// letters' segments with runs of the page between them: no pixel of it is
// drawn or read. That gives the bytes the scanner would, as long as each
// segment stands alone: it starts and ends on a covered pixel, so with at
// least one blank pixel between two segments no run crosses from one to
// the next. Where letters touch or overlap (a tight kerning pair), run off
// the card, or share a row with anything else drawn, the card's text is
// drawn as pixels instead (settleText), and the result is the same.

// segment is one row of a letter in one palette ramp, as encoded.
type segment struct {
	n           int    // bytes: the row's span, first to last covered pixel
	first       int    // the span's first column in the letter's box
	sum, wsum   uint64 // Σ b(i) and Σ (n-i)·b(i), i from 0, for Adler-32
	encodedBits        // the runs' codes
}

// placedSegment is a segment at a column of the card.
type placedSegment struct {
	x   int
	seg *segment
}

// textLine is a line of text to be written into the stream.
type textLine struct {
	face    *glyphs
	s       string
	x, y    int
	ramp    uint8
	letters []placedLetter
}

type placedLetter struct {
	x0   int // the letter box's left edge
	y0   int // its top row
	segs []segment
}

// segments is gl's rows encoded in ramp, made once (under the face's lock).
func (gl *glyph) segments(ramp uint8) []segment {
	if s, ok := gl.segs[ramp]; ok {
		return s
	}
	if gl.segs == nil {
		gl.segs = map[uint8][]segment{}
	}
	segs := make([]segment, len(gl.span))
	for gy, sp := range gl.span {
		if sp[0] == sp[1] {
			continue
		}
		pix := gl.a.Pix[gy*gl.a.Stride+sp[0] : gy*gl.a.Stride+sp[1]]
		value := func(sh uint8) byte {
			if sh == 0 {
				return 0
			}
			return ramp + sh - 1
		}
		s := segment{n: len(pix), first: sp[0]}
		var z runEncoder
		for i := 0; i < len(pix); {
			v := value(pix[i])
			j := i + 1
			for j < len(pix) && value(pix[j]) == v {
				j++
			}
			z.run(v, j-i)
			i = j
		}
		for i, sh := range pix {
			b := uint64(value(sh))
			s.sum += b
			s.wsum += uint64(len(pix)-i) * b
		}
		s.encodedBits = z.bw.encoded()
		segs[gy] = s
	}
	gl.segs[ramp] = segs
	return segs
}

// text lays out s with its baseline at (x, y) in the shades from ramp, to
// be written by the encoder, as draw would draw it.
func (m *cardImage) text(g *glyphs, s string, x, y int, ramp uint8) {
	if m.slow {
		g.draw(m, s, x, y, ramp)
		return
	}
	line := textLine{face: g, s: s, x: x, y: y, ramp: ramp}
	g.place(s, x, y, func(gl *glyph, x0, y0 int) {
		line.letters = append(line.letters, placedLetter{x0: x0, y0: y0, segs: gl.segments(ramp)})
	})
	m.lines = append(m.lines, line)
}

// settleText puts each line's segments on their rows, once everything
// else is drawn; where a row's segments would not stand alone, every line
// is drawn as pixels instead. It reports false, and does nothing, when a
// letter would cover a row outside top to bottom.
func (m *cardImage) settleText(top, bottom int) bool {
	if len(m.lines) == 0 {
		return true
	}
	for _, l := range m.lines {
		for _, lt := range l.letters {
			if lt.y0 >= top && lt.y0+len(lt.segs) <= bottom {
				continue // the letter's whole box is in the band
			}
			for gy := range lt.segs {
				if py := lt.y0 + gy; lt.segs[gy].n > 0 && (py < top || py >= bottom) {
					m.lines = m.lines[:0]
					return false
				}
			}
		}
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	ok := true
	for _, l := range m.lines {
		for _, lt := range l.letters {
			for gy := range lt.segs {
				s := &lt.segs[gy]
				if s.n == 0 {
					continue
				}
				py, x := lt.y0+gy, lt.x0+s.first
				if py < 0 || py >= h || x < 0 || x+s.n > w || m.dirty[py] {
					ok = false
					break
				}
				row := m.rowSegs[py]
				if n := len(row); n > 0 && row[n-1].x+row[n-1].seg.n >= x {
					ok = false // touching, overlapping or out of order
					break
				}
				m.rowSegs[py] = append(row, placedSegment{x, s})
			}
		}
	}
	if !ok {
		for i := range m.rowSegs {
			m.rowSegs[i] = m.rowSegs[i][:0]
		}
		for _, l := range m.lines {
			l.face.draw(m, l.s, l.x, l.y, l.ramp)
		}
	}
	m.lines = m.lines[:0]
	return true
}

// segment writes s: its bits, and its bytes into the Adler-32 sums.
func (z *runEncoder) segment(s *segment) {
	z.s2 += uint64(s.n)*z.s1 + s.wsum
	z.s1 += s.sum
	if z.unreduced += s.n; z.unreduced >= 1<<16 {
		z.s1, z.s2, z.unreduced = z.s1%adlerMod, z.s2%adlerMod, 0
	}
	z.bw.writeEncoded(&s.encodedBits)
}

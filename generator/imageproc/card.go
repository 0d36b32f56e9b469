package imageproc

import (
	"image"
	"image/color"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The Open Graph card of a page without a picture of its own: its title,
// its type and the site's name on the theme's colours, 1200×630, so a
// link shared on a social site never shows an empty box. The type is
// Go Bold and Go Medium (golang.org/x/image/font/gofont, by Bigelow &
// Holmes for the Go project, under Go's BSD licence), compiled into
// the binary.
//
// A card is a paletted PNG: a handful of flat colours and, for the edges
// of letters, sixteen steps between each text colour and what is under
// it. Encoding a quarter of the bytes of RGB, mostly runs of one index,
// and writing the text from its letters' rows encoded once (cardtext.go)
// keeps a card to about a tenth of a millisecond of CPU (BenchmarkCard:
// 113 µs and 33.5 KB a card); a site without pictures makes one per page
// whose title changed, the store keeping the others (cardstore.go).

// Card is what a card shows and in which colours.
type Card struct {
	Title, Kind, Site string
	Colors            CardColors
}

// CardColors are the theme's: page, text, brand, rule, and the type's
// label (text on its own background).
type CardColors struct {
	Background, Text, Brand, Line, KindText, KindBackground color.RGBA
}

const (
	cardW, cardH = 1200, 630
	cardMargin   = 80
	steps        = 16 // shades of a letter's edge
)

// palette indices
const (
	idxBg = iota
	idxBrand
	idxLine
	idxKindBg
	idxText  // steps shades from Background to Text
	idxKind  = idxText + steps
	idxSite  = idxKind + steps
	idxCount = idxSite + steps
)

// Cards draws cards; one is shared by a build's workers.
type Cards struct {
	once              sync.Once
	title, kind, site *glyphs
	err               error
	// bufs holds pixel buffers from card to card: at 10,000 pages a new
	// 756 KB buffer for each was 7.5 GB for the collector to sweep.
	bufs sync.Pool
	// fonts is a hash of the fonts' files, for card keys (cardstore.go).
	fontsOnce sync.Once
	fonts     string
	// slowText draws every letter as pixels (cardtext.go), for the test
	// that the stream written from letters' segments is the same.
	slowText bool
}

func (c *Cards) faces() error {
	c.once.Do(func() {
		bold, err := opentype.Parse(gobold.TTF)
		if err != nil {
			c.err = err
			return
		}
		medium, err := opentype.Parse(gomedium.TTF)
		if err != nil {
			c.err = err
			return
		}
		face := func(f *opentype.Font, size float64) *glyphs {
			if c.err != nil {
				return nil
			}
			var fc font.Face
			fc, c.err = opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
			return &glyphs{face: fc, cache: map[rune]*glyph{}}
		}
		c.title, c.kind, c.site = face(bold, 64), face(bold, 26), face(medium, 34)
	})
	return c.err
}

// Draw returns the card as PNG bytes.
func (c *Cards) Draw(card Card) ([]byte, error) {
	return c.AppendPNG(make([]byte, 0, CardSizeHint), card)
}

// CardSizeHint is room for most cards' PNG bytes (27-34 KB).
const CardSizeHint = 48 << 10

// AppendPNG appends the card as PNG bytes to dst.
func (c *Cards) AppendPNG(dst []byte, card Card) ([]byte, error) {
	if err := c.faces(); err != nil {
		return nil, err
	}
	col := card.Colors
	pal := make(color.Palette, idxCount)
	pal[idxBg], pal[idxBrand], pal[idxLine], pal[idxKindBg] = col.Background, col.Brand, col.Line, col.KindBackground
	for i := range steps {
		pal[idxText+i] = mix(col.Background, col.Text, i)
		pal[idxKind+i] = mix(col.KindBackground, col.KindText, i)
		pal[idxSite+i] = mix(col.Background, col.Brand, i)
	}
	ci, _ := c.bufs.Get().(*cardImage)
	if ci == nil {
		ci = newCardImage(cardW, cardH, pal)
	}
	defer c.bufs.Put(ci) // encode leaves it blank
	ci.Palette = pal
	m := ci
	fill(m, image.Rect(0, 0, cardW, 14), idxBrand)

	y := cardMargin
	if card.Kind != "" {
		label := strings.ToUpper(card.Kind)
		w := c.kind.measure(label)
		pill := image.Rect(cardMargin, y, cardMargin+w+36, y+46)
		fill(m, pill, idxKindBg)
		c.kind.draw(m, label, cardMargin+18, y+33, idxKind)
		y += 46 + 40
	}
	m.slow = c.slowText
	for i, line := range wrap(c.title, card.Title, cardW-2*cardMargin, 4) {
		m.text(c.title, line, cardMargin, y+58+i*76, idxText)
	}
	fill(m, image.Rect(cardMargin, cardH-cardMargin-60, cardW-cardMargin, cardH-cardMargin-58), idxLine)
	m.text(c.site, card.Site, cardMargin, cardH-cardMargin, idxSite)
	m.settleText()
	return ci.encode(dst), nil
}

// glyphs draws text in one face, each letter rasterised once: a card's
// letters are placed on whole pixels (the face is hinted, so its advances
// are whole pixels too), and each letter's mask is the same every time.
type glyphs struct {
	mu    sync.Mutex
	face  font.Face
	cache map[rune]*glyph
}

type glyph struct {
	r image.Rectangle // relative to the dot
	// a holds, over r from 0,0, each pixel's shade plus one (0 where the
	// letter does not cover it): worked out once, not at every card.
	a *image.Alpha
	// span holds, for each row of a, the first and one past the last
	// column the letter covers: drawing skips the blank sides and rows of
	// a letter's box, a quarter of its pixels in a title.
	span [][2]int
	adv  fixed.Int26_6
	// segs are its rows encoded, by palette ramp (cardtext.go).
	segs map[uint8][]segment
}

func (g *glyphs) get(r rune) *glyph {
	if gl, ok := g.cache[r]; ok {
		return gl
	}
	dr, mask, mp, adv, ok := g.face.Glyph(fixed.P(0, 0), r)
	if !ok {
		dr, mask, mp, adv, _ = g.face.Glyph(fixed.P(0, 0), '\ufffd')
	}
	gl := &glyph{r: dr, a: image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy())), span: make([][2]int, dr.Dy()), adv: adv}
	for y := 0; y < dr.Dy(); y++ {
		first, last := dr.Dx(), 0
		for x := 0; x < dr.Dx(); x++ {
			_, _, _, a := mask.At(mp.X+x, mp.Y+y).RGBA()
			if cov := int(a >> 8); cov > 0 {
				gl.a.Pix[y*gl.a.Stride+x] = uint8(cov*(steps-1)/255 + 1)
				first, last = min(first, x), x+1
			}
		}
		gl.span[y] = [2]int{first, max(first, last)}
	}
	g.cache[r] = gl
	return gl
}

func (g *glyphs) measure(s string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	var w fixed.Int26_6
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			w += g.face.Kern(prev, r)
		}
		w += g.get(r).adv
		prev = r
	}
	return w.Ceil()
}

// place calls each for every letter of s with its baseline at (x, y):
// the letter and the left edge and top row of its box on the card. It
// holds the face's lock meanwhile.
func (g *glyphs) place(s string, x, y int, each func(gl *glyph, x0, y0 int)) {
	g.mu.Lock()
	defer g.mu.Unlock()
	dot := fixed.I(x)
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot += g.face.Kern(prev, r)
		}
		gl := g.get(r)
		each(gl, dot.Round()+gl.r.Min.X, y+gl.r.Min.Y)
		dot += gl.adv
		prev = r
	}
}

// draw draws s with its baseline at (x, y) in the shades from ramp: each
// pixel a letter covers takes the shade of its coverage.
func (g *glyphs) draw(m *cardImage, s string, x, y int, ramp uint8) {
	g.place(s, x, y, func(gl *glyph, x0, y0 int) {
		for gy := 0; gy < gl.r.Dy(); gy++ {
			py := y0 + gy
			if py < 0 || py >= m.Rect.Max.Y {
				continue
			}
			sp := gl.span[gy]
			if sp[0] == sp[1] {
				continue // a blank row of the letter's box
			}
			m.dirty[py] = true
			row := m.Pix[py*m.Stride : py*m.Stride+m.Rect.Max.X]
			for gx, sh := range gl.a.Pix[gy*gl.a.Stride+sp[0] : gy*gl.a.Stride+sp[1]] {
				gx += sp[0]
				px := x0 + gx
				if sh == 0 || px < 0 || px >= len(row) {
					continue
				}
				shade := sh - 1
				if cur := row[px]; cur >= ramp && cur < ramp+steps && cur-ramp > shade {
					continue // overlapping letters: keep the darker
				}
				row[px] = ramp + shade
			}
		}
	})
}

// mix is step i of steps from a to b.
func mix(a, b color.RGBA, i int) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8((int(x)*(steps-1-i) + int(y)*i) / (steps - 1)) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

func fill(m *cardImage, r image.Rectangle, idx uint8) {
	r = r.Intersect(m.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		m.dirty[y] = true
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := m.Pix[y*m.Stride+r.Min.X : y*m.Stride+r.Max.X]
		for i := range row {
			row[i] = idx
		}
	}
}

// wrap breaks s into at most max lines no wider than width, ending the
// last with an ellipsis when the text goes on.
func wrap(face *glyphs, s string, width, max int) []string {
	words := strings.Fields(s)
	var lines []string
	line := ""
	for i, w := range words {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if face.measure(try) <= width || line == "" {
			line = try
			continue
		}
		if len(lines) == max-1 {
			rest := strings.Join(words[i:], " ")
			line = ellipsis(face, line+" "+rest, width)
			return append(lines, line)
		}
		lines = append(lines, line)
		line = w
	}
	if line != "" {
		lines = append(lines, ellipsis(face, line, width))
	}
	return lines
}

// ellipsis cuts s to fit width, ending with "…" when cut.
func ellipsis(face *glyphs, s string, width int) string {
	if face.measure(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && face.measure(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ,;:.-–—") + "…"
}

// Cards returns the store's card painter, shared by every build that uses
// the store, so each letter is rasterised once.
func (s *Store) Cards() *Cards {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cardPainter == nil {
		s.cardPainter = new(Cards)
	}
	return s.cardPainter
}

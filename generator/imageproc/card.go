package imageproc

import (
	"image"
	"image/color"
	"strings"
	"sync"
	"unicode/utf8"

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
// keeps a card to under a tenth of a millisecond of CPU (BenchmarkCard:
// 74 µs and 19.2 KB a card), the rows around its title encoded once for
// every card of its type (cardframe.go); a site without pictures makes
// one per page whose title changed, the store keeping the others
// (cardstore.go).

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
	once                  sync.Once
	titleFace, kind, site *glyphs
	err                   error
	// bufs holds pixel buffers from card to card: at 10,000 pages a new
	// 756 KB buffer for each was 7.5 GB for the collector to sweep.
	bufs sync.Pool
	// fonts is a hash of the fonts' files, for card keys (cardstore.go).
	fontsOnce sync.Once
	fonts     string
	// slowText draws every letter as pixels (cardtext.go), and every
	// card whole, for the test that the stream written from letters'
	// segments and frames is the same.
	slowText bool
	// frames are the parts of cards around their titles, drawn and
	// encoded once (cardframe.go), by type and site name.
	framesMu sync.Mutex
	frames   map[[2]string]*cardFrame
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
		c.titleFace, c.kind, c.site = face(bold, 64), face(bold, 26), face(medium, 34)
	})
	return c.err
}

// Draw returns the card as PNG bytes.
func (c *Cards) Draw(card Card) ([]byte, error) {
	return c.AppendPNG(make([]byte, 0, CardSizeHint), card)
}

// CardSizeHint is room for most cards' PNG bytes (15-20 KB).
const CardSizeHint = 32 << 10

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
	m.slow = c.slowText
	if !m.slow {
		if f := c.frame(card.Kind, card.Site); f != nil {
			c.title(m, card.Title, f.titleY)
			if m.settleText(f.top, f.bottom) {
				return ci.encode(dst, f), nil
			}
		}
	}
	y := c.drawFrame(m, card.Kind, card.Site)
	c.title(m, card.Title, y)
	m.settleText(0, cardH)
	return ci.encode(dst, nil), nil
}

// drawFrame draws what a card shows besides its title (the brand bar, the
// type's label, the rule and the site's name) and returns the top of the
// title's first line.
func (c *Cards) drawFrame(m *cardImage, kind, site string) int {
	fill(m, image.Rect(0, 0, cardW, 14), idxBrand)
	y := cardMargin
	if kind != "" {
		label := strings.ToUpper(kind)
		w := c.kind.measure(label)
		pill := image.Rect(cardMargin, y, cardMargin+w+36, y+46)
		fill(m, pill, idxKindBg)
		c.kind.draw(m, label, cardMargin+18, y+33, idxKind)
		y += 46 + 40
	}
	fill(m, image.Rect(cardMargin, cardH-cardMargin-60, cardW-cardMargin, cardH-cardMargin-58), idxLine)
	m.text(c.site, site, cardMargin, cardH-cardMargin, idxSite)
	return y
}

// title lays out the title's lines, the first at y.
func (c *Cards) title(m *cardImage, title string, y int) {
	for i, line := range wrap(c.titleFace, title, cardW-2*cardMargin, 4) {
		m.text(c.titleFace, line, cardMargin, y+58+i*76, idxText)
	}
}

// glyphs draws text in one face, each letter rasterised once: a card's
// letters are placed on whole pixels (the face is hinted, so its advances
// are whole pixels too), and each letter's mask is the same every time.
type glyphs struct {
	mu    sync.Mutex
	face  font.Face
	cache map[rune]*glyph
	kerns map[[2]rune]fixed.Int26_6
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

func (g *glyphs) measure(s string) int { return g.extend(0, -1, s).Ceil() }

// extend is the width of text w wide that ends with prev (-1: none) when s
// follows it.
func (g *glyphs) extend(w fixed.Int26_6, prev rune, s string) fixed.Int26_6 {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, r := range s {
		if prev >= 0 {
			w += g.kern(prev, r)
		}
		w += g.get(r).adv
		prev = r
	}
	return w
}

// kern is the face's kerning of the pair, kept: looking a pair up in the
// font was a tenth of a card's time.
func (g *glyphs) kern(a, b rune) fixed.Int26_6 {
	k, ok := g.kerns[[2]rune{a, b}]
	if !ok {
		if g.kerns == nil {
			g.kerns = map[[2]rune]fixed.Int26_6{}
		}
		k = g.face.Kern(a, b)
		g.kerns[[2]rune{a, b}] = k
	}
	return k
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
			dot += g.kern(prev, r)
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
	var lineW fixed.Int26_6 // measured a word at a time
	for i, w := range words {
		try, tryW := w, face.extend(0, -1, w)
		if line != "" {
			last, _ := utf8.DecodeLastRuneInString(line)
			try, tryW = line+" "+w, face.extend(lineW, last, " "+w)
		}
		if tryW.Ceil() <= width || line == "" {
			line, lineW = try, tryW
			continue
		}
		if len(lines) == max-1 {
			rest := strings.Join(words[i:], " ")
			line = ellipsis(face, line+" "+rest, width)
			return append(lines, line)
		}
		lines = append(lines, line)
		line, lineW = w, face.extend(0, -1, w)
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

package illustrations

import (
	"bytes"
	"image"
	"image/png"
	"math"
)

// Illustration is one picture and what a page says of it.
type Illustration struct {
	Name string // static/img/<Name>.png
	Alt  string // what it shows, for people who cannot see it
	draw func() *canvas
}

// Draw paints the illustration.
func (il Illustration) Draw() *image.RGBA { return il.draw().m }

// All is every illustration the hub's pages show.
func All() []Illustration {
	return []Illustration{
		{"night-bus", "A green minibus with lit windows driving along a country road under a crescent moon and stars.", nightBus},
		{"timebank", "A clock face above small houses, and two people linked by a path of dots along the bottom.", timebank},
		{"care-home", "A house with a large heart over its door and two people sitting on a bench in front of it.", careHome},
		{"empty-hangers", "A clothes rail with empty coat hangers and, beside it, two people in everyday clothes talking.", emptyHangers},
		{"counting", "A bar chart whose tallest bar is topped with a heart, beside a clipboard with ticks.", counting},
		{"listening", "Two people facing each other, one talking in a large speech bubble, the other listening with a small one.", listening},
		{"coins", "Three small stacks of coins, shortest to tallest, in front of a calendar page near its end.", coins},
		{"questions", "Three speech bubbles of different sizes, each holding a question mark.", questions},
		{"stewardship-tree", "A broad tree whose roots spread through the ground beneath a row of small houses.", stewardshipTree},
		{"trusted-adult", "A tall figure and a smaller one standing side by side on a path that leads towards a rising sun.", trustedAdult},
		{"inside-out", "A ring of houses around a shared green, with dots linking each house to its neighbours.", insideOut},
	}
}

func nightBus() *canvas {
	c := newCanvas(night)
	for i, p := range [][2]float32{{180, 140}, {420, 90}, {700, 170}, {1020, 110}, {1450, 210}, {1260, 60}, {560, 260}} {
		c.star(p[0], p[1], float32(10+4*(i%3)), sun)
	}
	c.circle(1300, 190, 90, sun)
	c.circle(1340, 160, 80, night) // a crescent
	c.poly(rgb(0x22365f), 0, 620, 400, 520, 900, 600, 1300, 500, Width, 560, Width, Height, 0, Height)
	c.rect(0, 700, Width, 820, rgb(0x2b2f36))
	for x := float32(40); x < Width; x += 200 {
		c.rect(x, 755, x+110, 765, sun)
	}
	c.round(420, 470, 1180, 720, 40, brand)
	for x := float32(470); x < 1060; x += 130 {
		c.round(x, 510, x+100, 590, 12, sun)
	}
	c.round(1080, 510, 1160, 650, 12, sun) // the door
	c.circle(560, 720, 58, ink)
	c.circle(560, 720, 24, line)
	c.circle(1040, 720, 58, ink)
	c.circle(1040, 720, 24, line)
	c.poly(rgb(0xfff3b0), 1180, 640, 1600, 600, 1600, 700)
	return c
}

func timebank() *canvas {
	c := newCanvas(mint)
	c.rect(0, 700, Width, Height, rgb(0xc6e3d9))
	for i, x := range []float32{120, 360, 1180, 1400} {
		c.house(x, 700, 160, paper, []rgbaColor{brand, rust, navy, plum}[i], ink)
	}
	c.circle(800, 380, 250, paper)
	c.circle(800, 380, 230, white)
	for i := range 12 {
		a := float64(i) * math.Pi / 6
		c.circle(800+float32(math.Sin(a))*200, 380-float32(math.Cos(a))*200, 12, brand)
	}
	c.stroke(800, 380, 800, 230, 22, ink)
	c.stroke(800, 380, 920, 450, 16, ink)
	c.circle(800, 380, 20, rust)
	for x := float32(330); x < 1300; x += 60 {
		c.circle(x, 790, 9, brand)
	}
	c.person(300, 860, 150, rust, rgb(0x8d5a3b))
	c.person(1300, 860, 150, navy, rgb(0xe0b18f))
	return c
}

func careHome() *canvas {
	c := newCanvas(peach)
	c.rect(0, 720, Width, Height, rgb(0xe9cdb3))
	c.house(450, 720, 700, paper, rust, brand)
	for _, x := range []float32{520, 990} {
		c.round(x, 380, x+110, 480, 10, sky)
	}
	c.heart(800, 300, 170, blossom)
	c.rect(200, 760, 420, 780, ink) // a bench
	c.rect(215, 780, 230, 830, ink)
	c.rect(390, 780, 405, 830, ink)
	c.person(265, 765, 170, navy, rgb(0xf0c9a8))
	c.person(360, 765, 160, plum, rgb(0x6f4a36))
	c.circle(1350, 300, 90, sun)
	return c
}

func emptyHangers() *canvas {
	c := newCanvas(sky)
	c.rect(0, 760, Width, Height, rgb(0xc9d8ee))
	c.stroke(200, 220, 900, 220, 16, ink)
	c.stroke(230, 220, 230, 760, 14, ink)
	c.stroke(870, 220, 870, 760, 14, ink)
	for x := float32(300); x < 850; x += 130 {
		c.stroke(x, 230, x, 270, 6, ink)
		c.poly(navy, x, 270, x+60, 330, x+54, 338, x, 284, x-54, 338, x-60, 330)
		c.stroke(x-60, 334, x+60, 334, 8, navy)
	}
	c.person(1130, 800, 420, brand, rgb(0xe0b18f))
	c.person(1380, 800, 380, rust, rgb(0x7a4e33))
	c.round(1170, 330, 1330, 420, 30, white) // a word between them
	c.poly(white, 1230, 415, 1270, 415, 1235, 450)
	return c
}

func counting() *canvas {
	c := newCanvas(paper)
	c.rect(200, 760, 1050, 772, ink)
	for i, h := range []float32{180, 300, 240, 470} {
		x := 260 + float32(i)*190
		c.round(x, 760-h, x+130, 760, 14, []rgbaColor{line, mint, line, brand}[i])
	}
	c.heart(895, 230, 150, blossom)
	c.round(1150, 200, 1450, 760, 24, tint)
	c.round(1240, 170, 1360, 230, 16, ink)
	for i := range 4 {
		y := float32(320 + i*110)
		c.stroke(1200, y, 1230, y+30, 12, brand)
		c.stroke(1230, y+30, 1275, y-25, 12, brand)
		c.rect(1300, y-6, 1410, y+10, line)
	}
	return c
}

func listening() *canvas {
	c := newCanvas(lilac)
	c.rect(0, 760, Width, Height, rgb(0xe2cfe6))
	c.person(450, 820, 460, plum, rgb(0xe0b18f))
	c.person(1150, 820, 460, brand, rgb(0x6f4a36))
	c.round(180, 120, 780, 380, 60, white)
	c.poly(white, 420, 370, 500, 370, 440, 450)
	for i := range 3 {
		c.rect(250, float32(180+i*60), float32(700-i*90), float32(205+i*60), line)
	}
	c.round(1050, 230, 1250, 330, 40, white)
	c.circle(1110, 280, 10, plum)
	c.circle(1150, 280, 10, plum)
	c.circle(1190, 280, 10, plum)
	return c
}

func coins() *canvas {
	c := newCanvas(tint)
	c.round(950, 150, 1400, 650, 24, white)
	c.rect(950, 150, 1400, 250, rust)
	for i := range 30 {
		x := 990 + float32(i%7)*58
		y := 290 + float32(i/7)*75
		col := line
		if i == 29 {
			col = rust
		}
		c.round(x, y, x+40, y+45, 6, col)
	}
	for s, n := range []int{3, 6, 10} {
		x := 300 + float32(s)*200
		for k := range n {
			y := 780 - float32(k)*38
			c.ellipse(x, y, 80, 26, rgb(0xc9a227))
			c.ellipse(x, y-8, 80, 26, sun)
		}
	}
	return c
}

func questions() *canvas {
	c := newCanvas(lilac)
	for _, b := range []struct{ x, y, r float32 }{{430, 420, 230}, {930, 300, 170}, {1260, 560, 140}} {
		c.circle(b.x, b.y, b.r, white)
		c.poly(white, b.x-b.r*0.2, b.y+b.r*0.8, b.x+b.r*0.3, b.y+b.r*0.85, b.x-b.r*0.45, b.y+b.r*1.3)
		questionMark(c, b.x, b.y, b.r*0.55, plum)
	}
	return c
}

func questionMark(c *canvas, x, y, s float32, col rgbaColor) {
	c.circle(x, y-s*0.45, s*0.5, col)
	c.circle(x, y-s*0.45, s*0.28, white)
	c.rect(x-s*0.55, y-s*0.45, x-s*0.2, y+s*0.05, white) // open the hook on the left
	c.round(x-s*0.14, y-s*0.05, x+s*0.14, y+s*0.45, s*0.1, col)
	c.circle(x, y+s*0.75, s*0.16, col)
}

func stewardshipTree() *canvas {
	c := newCanvas(peach)
	c.circle(800, 900, 520, rgb(0xf7d3b4))
	c.rect(0, 640, Width, Height, rgb(0x5a3a22))
	for _, r := range [][4]float32{{800, 640, 300, 860}, {800, 640, 1290, 840}, {800, 660, 560, 890}, {800, 660, 1080, 890}} {
		c.stroke(r[0], r[1], r[2], r[3], 18, rgb(0x8a5a33))
	}
	c.rect(760, 380, 840, 650, rgb(0x6b4423))
	for _, l := range [][3]float32{{800, 300, 220}, {620, 360, 150}, {980, 360, 150}, {700, 220, 130}, {900, 220, 130}} {
		c.circle(l[0], l[1], l[2], leaf)
	}
	for i, x := range []float32{120, 310, 1200, 1390} {
		c.house(x, 640, 130, paper, []rgbaColor{brand, navy, plum, rust}[i], ink)
	}
	return c
}

func trustedAdult() *canvas {
	c := newCanvas(sky)
	c.circle(1250, 620, 200, sun)
	c.rect(0, 620, Width, Height, rgb(0xb9d3b0))
	c.poly(rgb(0xe6dcc4), 500, Height, 760, 620, 840, 620, 1300, Height)
	c.person(760, 760, 420, navy, rgb(0x6f4a36))
	c.person(960, 760, 270, rust, rgb(0xf0c9a8))
	c.stroke(840, 560, 900, 600, 22, navy) // a hand held out
	return c
}

func insideOut() *canvas {
	c := newCanvas(mint)
	c.ellipse(800, 470, 330, 210, rgb(0xa9d8c8))
	var pts [][2]float32
	for i := range 8 {
		a := float64(i)*math.Pi/4 + math.Pi/8
		pts = append(pts, [2]float32{800 + float32(math.Cos(a))*560, 470 + float32(math.Sin(a))*330})
	}
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		for t := float32(0.2); t < 0.85; t += 0.15 {
			c.circle(p[0]+(q[0]-p[0])*t, p[1]+(q[1]-p[1])*t, 7, brand)
		}
	}
	for i, p := range pts {
		c.house(p[0]-55, p[1]+45, 110, paper, []rgbaColor{brand, rust, navy, plum}[i%4], ink)
	}
	c.circle(800, 470, 60, leaf)
	c.circle(760, 500, 45, leaf)
	return c
}

// Encode is the illustration as the PNG file the site keeps.
func Encode(il Illustration) ([]byte, error) {
	var b bytes.Buffer
	err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, il.Draw())
	return b.Bytes(), err
}

package imageproc

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image/color"
	"image/png"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

var testColors = CardColors{
	Background: color.RGBA{0xfb, 0xfa, 0xf7, 0xff}, Text: color.RGBA{0x1c, 0x23, 0x20, 0xff},
	Brand: color.RGBA{0x0b, 0x5f, 0x52, 0xff}, Line: color.RGBA{0xdc, 0xd8, 0xcf, 0xff},
	KindText: color.RGBA{0x0b, 0x5f, 0x52, 0xff}, KindBackground: color.RGBA{0xdc, 0xef, 0xe9, 0xff},
}

func TestCardIsA1200x630PNG(t *testing.T) {
	var c Cards
	start := time.Now()
	data, err := c.Draw(Card{Title: "A night bus from idle council minibuses, driven by volunteers who know every lane of the county and keep the last bus running", Kind: "Case study", Site: "Ideas Hub", Colors: testColors})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first card %v, %d bytes", time.Since(start), len(data))
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if m.Bounds().Dx() != 1200 || m.Bounds().Dy() != 630 {
		t.Fatalf("card is %v", m.Bounds())
	}
	// The title's letters are drawn in the text colour somewhere.
	found := false
	for y := 150; y < 400 && !found; y++ {
		for x := 80; x < 1120; x++ {
			if r, g, b, _ := m.At(x, y).RGBA(); r>>8 == 0x1c && g>>8 == 0x23 && b>>8 == 0x20 {
				found = true
				break
			}
		}
	}
	if !found {
		t.Error("no title text in the card")
	}
	if dir := os.Getenv("HUB_CARD_OUT"); dir != "" {
		_ = os.WriteFile(dir+"/card.png", data, 0o644)
	}
	start = time.Now()
	for i := range 20 {
		if _, err := c.Draw(Card{Title: "Why the uniforms went " + string(rune('a'+i)), Kind: "Story", Site: "Ideas Hub", Colors: testColors}); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("a card: %v", time.Since(start)/20)
}

// BenchmarkCard draws a fresh card, reporting its size.
//
//	go test -run '^$' -bench Card -benchtime 200x ./generator/imageproc
func BenchmarkCard(b *testing.B) {
	var c Cards
	var n int
	for b.Loop() {
		data, err := c.Draw(Card{Title: "Why the uniforms went, and what came after them in the care home", Kind: "Story", Site: "Ideas Hub", Colors: testColors})
		if err != nil {
			b.Fatal(err)
		}
		n = len(data)
	}
	b.ReportMetric(float64(n), "bytes")
}

// A card drawn after another is the same as one drawn first: the pooled
// buffer holds nothing of the card before.
func TestCardsDoNotShowThePreviousCard(t *testing.T) {
	var a, b Cards
	card := Card{Title: "Short", Kind: "Story", Site: "Hub", Colors: testColors}
	want, err := a.Draw(card)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Draw(Card{Title: "A much longer title that fills three lines of the card with words and more words", Kind: "Case study", Site: "Another hub", Colors: testColors}); err != nil {
		t.Fatal(err)
	}
	got, err := b.Draw(card)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("the second card differs from the same card drawn first")
	}
}

// A card's zlib stream is whole: its Adler-32, summed run by run and
// reduced only now and then, is the one of its pixels, for cards whose
// runs are long (a wide brand bar, an empty page) and short (many lines
// of small letters' edges).
func TestCardStreamChecksOut(t *testing.T) {
	var c Cards
	for _, card := range []Card{
		{Title: "", Kind: "", Site: "", Colors: testColors},
		{Title: strings.Repeat("Wavy lines of many small letters ", 12), Kind: "Report review", Site: "A hub with a long name, Ideas Hub", Colors: testColors},
	} {
		data, err := c.Draw(card)
		if err != nil {
			t.Fatal(err)
		}
		var idat []byte
		for i := 8; i+8 <= len(data); {
			n := int(binary.BigEndian.Uint32(data[i:]))
			if string(data[i+4:i+8]) == "IDAT" {
				idat = append(idat, data[i+8:i+8+n]...)
			}
			i += 12 + n
		}
		zr, err := zlib.NewReader(bytes.NewReader(idat))
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(zr) // checks the Adler-32 at the end
		if err != nil {
			t.Fatalf("card %q: %v", card.Title, err)
		}
		if len(raw) != 630*1201 {
			t.Errorf("card %q: %d bytes of scanlines", card.Title, len(raw))
		}
	}
}

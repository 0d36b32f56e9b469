package imageproc

import (
	"bytes"
	"image/color"
	"testing"
)

// Cards of every type are written in their frame, one frame a type and
// site, whatever their colours (a frame is pixels, colours are the
// palette), and the bytes are those of the card drawn whole.
func TestCardsAreWrittenInFrames(t *testing.T) {
	t.Parallel()
	dark := CardColors{Background: color.RGBA{0x12, 0x14, 0x13, 0xff}, Text: color.RGBA{0xee, 0xee, 0xea, 0xff},
		Brand: color.RGBA{0x7f, 0xd1, 0xc0, 0xff}, Line: color.RGBA{0x40, 0x44, 0x42, 0xff},
		KindText: color.RGBA{0x12, 0x14, 0x13, 0xff}, KindBackground: color.RGBA{0x7f, 0xd1, 0xc0, 0xff}}
	framed, whole := &Cards{}, &Cards{slowText: true}
	for _, kind := range []string{"Case study", "Story", "Event", "Report review", ""} {
		for _, colors := range []CardColors{testColors, dark} {
			card := Card{Title: "A timebank that rebuilt a former mining village", Kind: kind, Site: "Ideas Hub", Colors: colors}
			if a, b := drawBoth(t, framed, whole, card); !bytes.Equal(a, b) {
				t.Fatalf("%q card in %v: framed and whole differ", kind, colors)
			}
		}
		if framed.frames[[2]string{kind, "Ideas Hub"}] == nil {
			t.Errorf("no frame for %q cards", kind)
		}
	}
	if len(framed.frames) != 5 {
		t.Errorf("%d frames for five types on one site", len(framed.frames))
	}
}

// A title with a letter outside its band is left for the card drawn
// whole: settleText places nothing of it.
func TestTitleOutsideItsBandIsNotPlaced(t *testing.T) {
	t.Parallel()
	var c Cards
	if err := c.faces(); err != nil {
		t.Fatal(err)
	}
	m := newCardImage(cardW, cardH, nil)
	m.text(c.titleFace, "Tall letters", cardMargin, 300, idxText)
	if m.settleText(260, 400) {
		t.Fatal("letters above the band were placed")
	}
	for y := range m.rowSegs {
		if len(m.rowSegs[y]) > 0 || m.dirty[y] {
			t.Fatalf("row %d holds text", y)
		}
	}
	m.text(c.titleFace, "Tall letters", cardMargin, 300, idxText)
	if !m.settleText(200, 400) {
		t.Fatal("letters inside the band were not placed")
	}
}

package imageproc

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// Cards whose text is written from its letters' encoded rows are the same
// bytes as cards whose every letter is drawn as pixels and read back:
// ordinary titles, tight kerning pairs, letters the face lacks, titles cut
// short, non-Latin letters, and the type's and site's names.
func TestCardTextFromSegmentsIsTheSame(t *testing.T) {
	t.Parallel()
	words := []string{"AV", "Wa", "To", "LT", "ff", "fj", "rj", "Yo", "night", "bus", "timebank", "Łódź", "ő", "ű",
		"care", "home", "uniforms", "—", "“quoted”", "(aside)", "100%", "co-production", "🙂", "ĀĒĪ", "Ωμέγα", "x", "W.", "P.J.", "WW", "__"}
	rng := rand.New(rand.NewPCG(1, 2))
	titles := []string{"", "A", strings.Repeat("W", 80), strings.Repeat("averyveryverylongword", 8),
		"AVAVAVAV WAWAWA ToToTo LTLTLT", "Why the uniforms went, and what came after them in the care home"}
	for range 300 {
		var b strings.Builder
		for j := range 1 + rng.IntN(24) {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		titles = append(titles, b.String())
	}
	fast, slow := &Cards{}, &Cards{slowText: true}
	for i, title := range titles {
		card := Card{Title: title, Kind: []string{"", "Story", "Case study", "AVA"}[i%4], Site: []string{"Ideas Hub", "WAVE To", ""}[i%3], Colors: testColors}
		if a, b := drawBoth(t, fast, slow, card); !bytes.Equal(a, b) {
			t.Fatalf("card %d %+v: %d bytes from segments, %d drawn as pixels", i, card, len(a), len(b))
		}
	}
}

// drawBoth draws card with fast and with slow.
func drawBoth(t *testing.T, fast, slow *Cards, card Card) (a, b []byte) {
	t.Helper()
	a, err := fast.Draw(card)
	if err != nil {
		t.Fatal(err)
	}
	b, err = slow.Draw(card)
	if err != nil {
		t.Fatal(err)
	}
	return a, b
}

// An ordinary title is written from segments, not drawn: the fast path is
// taken, and a kerning pair that closes letters up falls back to pixels.
func TestCardTextTakesTheSegmentsWhereLettersStandApart(t *testing.T) {
	t.Parallel()
	var c Cards
	if err := c.faces(); err != nil {
		t.Fatal(err)
	}
	rows := func(s string) (segmented, drawn int) {
		m := newCardImage(cardW, cardH, nil)
		m.text(c.titleFace, s, cardMargin, 200, idxText)
		m.settleText(0, cardH)
		for y := range m.rowSegs {
			if len(m.rowSegs[y]) > 0 {
				segmented++
			}
			if m.dirty[y] {
				drawn++
			}
		}
		return segmented, drawn
	}
	if seg, drawn := rows("Why the uniforms went"); seg < 40 || drawn != 0 {
		t.Errorf("an ordinary title: %d rows from segments, %d drawn; want it all from segments", seg, drawn)
	}
	if seg, drawn := rows("WW"); seg != 0 || drawn == 0 {
		t.Errorf("letters that touch: %d rows from segments, %d drawn; want them drawn", seg, drawn)
	}
}

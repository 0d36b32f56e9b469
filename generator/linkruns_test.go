package generator

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/generator/diag"
)

// checkLinkRuns, scanning only the runs around each "](", reports what
// scanning every byte reported: the same verdict at the same place.
func TestCheckLinkRunsAsEveryByte(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"](", ")", "]", "(", "x", "word", " ", "\n", "\t", "\r\n", "[a](b)"}
	for i := range 400 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if i%2 == 0 { // a glued run of openings, over the limit or under it
			n := 2000 + rng.IntN(5000)
			b.WriteString(strings.Repeat("]("+strings.Repeat(")", rng.IntN(2)), n))
		}
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		body := []byte(b.String())
		got, want := diag.List{Path: "p.md"}, diag.List{Path: "p.md"}
		gotOK, wantOK := checkLinkRuns(body, 5, &got), checkLinkRunsEveryByte(body, 5, &want)
		if g, w := fmt.Sprint(gotOK, got.Items), fmt.Sprint(wantOK, want.Items); g != w {
			t.Fatalf("body %d (%d bytes):\n got %s\nwant %s", i, len(body), g, w)
		}
	}
}

// checkLinkRunsEveryByte is checkLinkRuns as it was, scanning every byte.
func checkLinkRunsEveryByte(body []byte, line0 int, dl *diag.List) bool {
	line, lineStart := line0, 0
	runStart, runLine, openings := 0, line0, 0
	for i := 0; i <= len(body); i++ {
		if i < len(body) && !isSpace(body[i]) {
			switch {
			case body[i] == ']' && i+1 < len(body) && body[i+1] == '(':
				openings++
			case body[i] == ')' && openings > 0:
				openings-- // closed: goldmark read no further than here
			}
			continue
		}
		if n := i - runStart; openings > 0 && int64(openings)*int64(n) > maxLinkScan {
			dl.Add(diag.Pos{Line: runLine, Col: runStart - lineStart + 1},
				"%s characters without a space hold %s link openings \"](\" that no \")\" closes: markdown's time grows with their square, and hub stops where openings × length pass %s; put spaces or line breaks between links",
				thousands(int64(n)), thousands(int64(openings)), thousands(maxLinkScan))
			return false
		}
		if i < len(body) && body[i] == '\n' {
			line++
			lineStart = i + 1
		}
		runStart, runLine, openings = i+1, line, 0
	}
	return true
}

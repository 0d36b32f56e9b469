package illustrations

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The pictures in static/img are the ones this code draws: run
// `go run ./internal/illustrations/draw` after changing a scene.
func TestIllustrationsAreUpToDate(t *testing.T) {
	for _, il := range All() {
		want, err := Encode(il)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("..", "..", "static", "img", il.Name+".png"))
		if err != nil {
			t.Errorf("%s: %v (run go run ./internal/illustrations/draw)", il.Name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("static/img/%s.png is not what the code draws: run go run ./internal/illustrations/draw", il.Name)
		}
		if il.Alt == "" {
			t.Errorf("%s has no alt text", il.Name)
		}
	}
}

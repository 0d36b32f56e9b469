package illustrations

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The pictures in static/img are the ones this code draws: run
// `go run ./internal/illustrations/draw` after changing a scene. Each is
// drawn and encoded in a subtest of its own, in parallel: one after
// another the eleven took 14 s of wall on two idle cores.
func TestIllustrationsAreUpToDate(t *testing.T) {
	all := All()
	if len(all) == 0 {
		t.Fatal("no illustrations")
	}
	for _, il := range all {
		t.Run(il.Name, func(t *testing.T) {
			t.Parallel()
			if il.Alt == "" {
				t.Errorf("%s has no alt text", il.Name)
			}
			want, err := Encode(il)
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join("..", "..", "static", "img", il.Name+".png"))
			if err != nil {
				t.Fatalf("%s: %v (run go run ./internal/illustrations/draw)", il.Name, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("static/img/%s.png is not what the code draws: run go run ./internal/illustrations/draw", il.Name)
			}
		})
	}
}

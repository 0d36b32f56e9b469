// Command corpus writes a generated hub of N pages for the benchmarks:
//
//	go run ./bench/corpus -pages 10000 -out /tmp/hub10k
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ideas-hub/hub/internal/synth"
)

func main() {
	pages := flag.Int("pages", 1000, "number of content files")
	seed := flag.Int64("seed", 1, "random seed; the same seed writes the same hub")
	out := flag.String("out", "", "folder to write the hub into")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: corpus -pages N -out DIR")
		os.Exit(2)
	}
	if err := synth.Write(*out, synth.Options{Pages: *pages, Seed: *seed}); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

package synth_test

import (
	"fmt"
	"log"
	"os"

	"github.com/ideas-hub/hub/internal/synth"
)

func ExampleCounts() {
	for i, n := range synth.Counts(1000) {
		fmt.Printf("%s: %d\n", synth.Kinds()[i].Type, n)
	}
	// Output:
	// case-study: 350
	// report-review: 150
	// event: 200
	// story: 250
	// page: 50
}

// A 10,000-page hub on disk, ready for `hub build --site`.
func ExampleWrite() {
	dir, err := os.MkdirTemp("", "hub-10k-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := synth.Write(dir, synth.Options{Pages: 10000, Seed: 1}); err != nil {
		log.Fatal(err)
	}
}

// Command draw writes the hub's own illustrations to a folder:
//
//	go run ./internal/illustrations/draw            # into static/img
//	go run ./internal/illustrations/draw -out DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ideas-hub/hub/internal/illustrations"
)

func main() {
	out := flag.String("out", "static/img", "folder to write the PNG files into")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, il := range illustrations.All() {
		data, err := illustrations.Encode(il)
		if err == nil {
			err = os.WriteFile(filepath.Join(*out, il.Name+".png"), data, 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

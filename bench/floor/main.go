// Command floor measures the goldmark-alone floor the performance issue
// compares against: read every content file, parse its front matter and
// render its markdown to memory, on all cores, and nothing else.
//
//	go run ./bench/floor DIR
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor SITE-DIR")
		os.Exit(2)
	}
	start := time.Now()
	var files []string
	_ = filepath.WalkDir(filepath.Join(os.Args[1], "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	work := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for f := range work {
				data, err := os.ReadFile(f)
				if err != nil {
					panic(err)
				}
				var meta map[string]any
				body, err := frontmatter.Parse(bytes.NewReader(data), &meta)
				if err != nil {
					panic(fmt.Sprintf("%s: %v", f, err))
				}
				buf.Reset()
				if err := md.Convert(body, &buf); err != nil {
					panic(err)
				}
				mu.Lock()
				total += buf.Len()
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	fmt.Printf("%d files, %d bytes of HTML in %s\n", len(files), total, time.Since(start).Round(time.Millisecond))
}

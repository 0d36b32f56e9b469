// Command photos makes the picture benchmark's sites: N generated photos
// of 4000×3000 (a phone's 12 megapixels, with a photo's gradients and
// grain, an EXIF orientation and a GPS position), one page each, as a hub
// site and as a Hugo site whose template resizes each photo to hub's
// widths (480, 800, 1200 and 1600 px, JPEG). bench/images.sh runs both.
//
//	go run ./bench/photos -n 200 -out /tmp/hub-bench-images
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image/jpeg"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/ideas-hub/hub/generator/imageproc/imagetest"
)

func main() {
	n := flag.Int("n", 200, "photos")
	out := flag.String("out", "/tmp/hub-bench-images", "folder for the two sites")
	w := flag.Int("width", 4000, "photo width")
	h := flag.Int("height", 3000, "photo height")
	flag.Parse()
	hub, hugo := filepath.Join(*out, "hub"), filepath.Join(*out, "hugo")
	must(os.MkdirAll(filepath.Join(hub, "static", "img"), 0o755))
	must(os.MkdirAll(filepath.Join(hub, "content", "stories"), 0o755))
	must(os.MkdirAll(filepath.Join(hugo, "assets", "photos"), 0o755))
	must(os.MkdirAll(filepath.Join(hugo, "layouts"), 0o755))
	must(os.WriteFile(filepath.Join(hub, "hub.toml"), []byte("title = \"Photos\"\nbase_url = \"https://photos.example.org/\"\nnow = \"2026-01-01 09:00\"\n"), 0o644))
	must(os.WriteFile(filepath.Join(hugo, "hugo.toml"), []byte("baseURL = \"https://photos.example.org/\"\ntitle = \"Photos\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"404\"]\n[imaging]\nquality = 80\nresampleFilter = \"CatmullRom\"\n"), 0o644))
	must(os.WriteFile(filepath.Join(hugo, "layouts", "index.html"), []byte(`{{ range resources.Match "photos/*.jpg" }}{{ $p := . }}{{ range slice "480x" "800x" "1200x" "1600x" }}<img src="{{ ($p.Resize .).RelPermalink }}">{{ end }}
{{ end }}`), 0o644))
	var wg sync.WaitGroup
	jobs := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				name := fmt.Sprintf("p%03d", i)
				path := filepath.Join(hub, "static", "img", name+".jpg")
				if _, err := os.Stat(path); err != nil {
					var b bytes.Buffer
					must(jpeg.Encode(&b, imagetest.Photo(*w, *h, uint64(i)), &jpeg.Options{Quality: 88}))
					data := imagetest.WithExif(b.Bytes(), 1)
					must(os.WriteFile(path, data, 0o644))
					must(os.WriteFile(filepath.Join(hugo, "assets", "photos", name+".jpg"), data, 0o644))
				}
				page := fmt.Sprintf("---\ntitle: Photo %d\ndate: 2025-01-01\nimage: /img/%s.jpg\nimage_alt: Generated photo %d\n---\nA photo.\n", i, name, i)
				must(os.WriteFile(filepath.Join(hub, "content", "stories", name+".md"), []byte(page), 0o644))
			}
		}()
	}
	for i := range *n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

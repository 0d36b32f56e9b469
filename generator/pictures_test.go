package generator

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/ideas-hub/hub/generator/imageproc"
	"github.com/ideas-hub/hub/generator/imageproc/imagetest"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

// pictureSite is a small site whose pages show pictures: a phone's photo
// (EXIF orientation, GPS, XMP) as one page's lead and in another's body,
// a picture beside a content file, and a page with none.
//
// The photo is stored 300×820 and shown, turned upright, 820×300: just
// wider than the 800 px width, so it gets three widths, a third of the
// pixels of a 4:3 photo that does.
func pictureSite(t *testing.T) fstest.MapFS {
	photo := imagetest.WithExif(imagetest.JPEG(t, imagetest.Photo(300, 820, 1)), 6)
	return fstest.MapFS{
		"hub.toml":                {Data: []byte("title = \"Pictures\"\nbase_url = \"https://hub.example.org/\"\n")},
		"static/img/bus.jpg":      {Data: photo},
		"static/notes.txt":        {Data: []byte("copied as it is")},
		"content/stories/lead.md": {Data: []byte(md("title: Lead\ndate: 2025-01-01\nimage: /img/bus.jpg\nimage_alt: A minibus at night\nimage_credit: Photo by the hub\nimage_caption: The last bus out", "Text.\n"))},
		"content/stories/body.md": {Data: []byte(md("title: Body\ndate: 2025-01-02",
			"Before.\n\n![The minibus at the stop](/img/bus.jpg)\n\n![A map of the route](map.png)\n"))},
		"content/stories/map.png": {Data: mapPNG(t, 500, 300, 2)},
		"content/stories/none.md": {Data: []byte(md("title: None at all\ndate: 2025-01-03", "Words only.\n"))},
	}
}

// mapPNG is a w×h PNG of flat colours, as a map or a chart is, a little
// different for each seed. A PNG of a photo's grain (imagetest.Photo)
// cost deflate most of these tests' CPU (3.8 s of 9.3) to encode its
// variants and crop, and proved nothing a flat one does not: the photo
// beside it is a JPEG.
func mapPNG(t *testing.T, w, h int, seed uint8) []byte {
	t.Helper()
	m := imagetest.Quadrants(w, h)
	for x := range w / 4 { // a road across the top left quarter
		m.SetRGBA(x, h/4, color.RGBA{seed, 0x80, 0x40, 0xff})
	}
	return imagetest.PNG(t, m)
}

// quickPictures are hub's picture settings (imageproc.DefaultSettings)
// with two small widths and a small crop, for the tests of the cache, the
// preview and errors: what they prove does not hang on the sizes, and the
// 1200×630 crop, scaled up from these small sources, was most of their
// image work. TestPagesShowTheirPicturesAsVariants builds at hub's own.
func quickPictures() imageproc.Settings {
	s := imageproc.DefaultSettings()
	s.Widths = []int{240, 480}
	s.Crop = image.Pt(120, 63)
	return s
}

func readOut(t *testing.T, out, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPagesShowTheirPicturesAsVariants(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	store := &imageproc.Store{Dir: filepath.Join(t.TempDir(), "images"), Settings: imageproc.DefaultSettings()}
	if _, _, err := Build(context.Background(), Options{Site: pictureSite(t), Theme: layouts.FS(), Now: testNow, Images: store}, out, false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "img/bus.jpg")); err == nil {
		t.Error("the photo a page shows was copied to the output as it was, GPS and all")
	}
	if readOut(t, out, "notes.txt") != "copied as it is" {
		t.Error("another file of static/ was not copied")
	}
	// Turned upright (orientation 6): 820×300, so widths 480 and 800 and
	// 820, in JPEG and WebP; nothing of the camera's metadata in any.
	files, _ := filepath.Glob(filepath.Join(out, "img", "bus-*"))
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimPrefix(f, out+"/"))
		data, _ := os.ReadFile(f)
		for _, marker := range [][]byte{[]byte("Exif"), imagetest.GPSLatitude, []byte("xmpmeta"), []byte("Acacia")} {
			if bytes.Contains(data, marker) {
				t.Errorf("%s holds %q", f, marker)
			}
		}
	}
	shape := regexp.MustCompile(`^img/bus-(480w|800w|820w|og)\.[0-9a-f]{10}\.(jpg|webp)$`)
	if len(names) != 7 {
		t.Errorf("files made of the photo: %v, want 3 widths in 2 formats and the crop", names)
	}
	for _, n := range names {
		if !shape.MatchString(n) {
			t.Errorf("%s is not named as a variant", n)
		}
	}

	lead := readOut(t, out, "stories/lead/index.html")
	for _, want := range []string{
		`<picture><source type="image/webp" srcset="/img/bus-480w.`,
		`width="820" height="300" alt="A minibus at night" fetchpriority="high" decoding="async">`,
		`<figcaption><span>The last bus out</span><span class="credit">Photo by the hub</span></figcaption>`,
		`<meta property="og:image" content="https://hub.example.org/img/bus-og.`,
		`"image":"https://hub.example.org/img/bus-820w.`, // JSON-LD: a file that is published
	} {
		if !strings.Contains(lead, want) {
			t.Errorf("the lead page lacks %s", want)
		}
	}
	if strings.Contains(lead[strings.Index(lead, "<figure"):strings.Index(lead, "</figure>")], `loading="lazy"`) {
		t.Error("the lead picture loads lazily: it is at the top of the page")
	}
	body := readOut(t, out, "stories/body/index.html")
	for _, want := range []string{
		`alt="The minibus at the stop" loading="lazy" decoding="async">`,
		`srcset="/stories/map-480w.`, // beside the content file: served from its folder
		`width="500" height="300" alt="A map of the route" loading="lazy"`,
		`<meta property="og:image" content="https://hub.example.org/stories/body/og.png">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the body page lacks %s", want)
		}
	}
	card, err := png.Decode(strings.NewReader(readOut(t, out, "stories/none/og.png")))
	if err != nil || card.Bounds().Dx() != 1200 || card.Bounds().Dy() != 630 {
		t.Errorf("the card of a page without a picture: %v %v", err, card.Bounds())
	}
	if list := readOut(t, out, "stories/index.html"); !strings.Contains(list, `<div class="card-thumb"><picture>`) {
		t.Error("the list shows no thumbnail of the lead page")
	}
}

func TestSecondBuildDecodesNoPicture(t *testing.T) {
	t.Parallel()
	site, dir := pictureSite(t), filepath.Join(t.TempDir(), "images")
	var decodes atomic.Int64
	build := func() string {
		out := filepath.Join(t.TempDir(), "public")
		store := &imageproc.Store{Dir: dir, Settings: quickPictures(), Decodes: &decodes}
		if _, _, err := Build(context.Background(), Options{Site: site, Theme: layouts.FS(), Now: testNow, Images: store}, out, false); err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := build()
	if decodes.Load() != 2 { // the photo and the map, once each
		t.Fatalf("first build decoded %d pictures, want 2", decodes.Load())
	}
	second := build()
	if decodes.Load() != 2 {
		t.Fatalf("second build decoded %d more", decodes.Load()-2)
	}
	hubtest.SameTrees(t, "second build", second, first)
}

func TestPreviewProcessesOnlyThePictureThatChanged(t *testing.T) {
	t.Parallel()
	var decodes atomic.Int64
	m := &mutableSite{fs: pictureSite(t)}
	store := &imageproc.Store{Settings: quickPictures(), Decodes: &decodes}
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow, Images: store}, out, false)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if decodes.Load() != 2 {
		t.Fatalf("first build decoded %d", decodes.Load())
	}
	// A text edit decodes nothing.
	m.set("content/stories/body.md", md("title: Body\ndate: 2025-01-02", "After.\n\n![The minibus at the stop](/img/bus.jpg)\n\n![A map of the route](map.png)\n"))
	if _, err := b.Build(context.Background(), m.take()); err != nil {
		t.Fatal(err)
	}
	if decodes.Load() != 2 {
		t.Fatalf("a text edit decoded %d pictures", decodes.Load()-2)
	}
	// A new map: it alone is decoded, and the page shows its new files.
	before := readOut(t, out, "stories/body/index.html")
	m.set("content/stories/map.png", string(mapPNG(t, 500, 300, 3)))
	if _, err := b.Build(context.Background(), m.take()); err != nil {
		t.Fatal(err)
	}
	if decodes.Load() != 3 {
		t.Fatalf("changing one picture decoded %d", decodes.Load()-2)
	}
	after := readOut(t, out, "stories/body/index.html")
	if before == after {
		t.Fatal("the page still shows the old map")
	}
	for _, u := range regexp.MustCompile(`/stories/map-[^" ]+`).FindAllString(after, -1) {
		if _, err := os.Stat(filepath.Join(out, u)); err != nil {
			t.Errorf("the page shows %s, which was not written", u)
		}
	}
	// A full build with a store of its own, at the same settings.
	full := filepath.Join(t.TempDir(), "full")
	if _, _, err := Build(context.Background(), Options{Site: m.fs, Theme: layouts.FS(), Now: testNow, Images: &imageproc.Store{Settings: quickPictures()}}, full, false); err != nil {
		t.Fatal(err)
	}
	hubtest.SameTrees(t, "preview", out, full)
}

func fullBuildWith(t *testing.T, site fstest.MapFS) (string, error) {
	out := filepath.Join(t.TempDir(), "full")
	_, _, err := Build(context.Background(), Options{Site: site, Theme: layouts.FS(), Now: testNow}, out, false)
	return out, err
}

// hugePNG is a PNG whose header claims 8000×7000 pixels.
func hugePNG(t *testing.T) []byte {
	p := imagetest.PNG(t, image.NewGray(image.Rect(0, 0, 1, 1)))
	copy(p[16:24], []byte{0, 0, 0x1f, 0x40, 0, 0, 0x1b, 0x58})
	binary.BigEndian.PutUint32(p[29:], crc32.ChecksumIEEE(p[12:29]))
	return p
}

func TestBadPicturesAreReportedAndChangeNothing(t *testing.T) {
	t.Parallel()
	site := pictureSite(t)
	dir := filepath.Join(t.TempDir(), "images")
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Site: site, Theme: layouts.FS(), Now: testNow, Images: &imageproc.Store{Dir: dir, Settings: quickPictures()}}
	if _, _, err := Build(context.Background(), opts, out, false); err != nil {
		t.Fatal(err)
	}
	outBefore, storeBefore := treeListing(t, out), treeListing(t, dir)

	good := imagetest.JPEG(t, imagetest.Photo(320, 240, 4))
	site["static/img/new.jpg"] = &fstest.MapFile{Data: good} // would be stored, if the build succeeded
	site["static/img/cut.jpg"] = &fstest.MapFile{Data: good[:len(good)/2]}
	site["static/img/huge.png"] = &fstest.MapFile{Data: hugePNG(t)}
	site["content/stories/bad.md"] = &fstest.MapFile{Data: []byte(md("title: Bad\ndate: 2025-02-01\nimage: img/cut.jpg\nimage_alt: Half a photo",
		"![New](/img/new.jpg) and ![Huge](/img/huge.png)\n"))}
	_, _, err := Build(context.Background(), opts, out, false)
	want := []string{
		"content/stories/bad.md:4:1: `image` img/cut.jpg (static/img/cut.jpg) is not a readable JPEG image (",
		"content/stories/bad.md:7:26: image /img/huge.png (static/img/huge.png) is 8000×7000 pixels (56 megapixels), over the limit of 50 megapixels: scale it down before adding it",
	}
	if err == nil {
		t.Fatal("the build succeeded")
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("errors lack\n%s\ngot\n%v", w, err)
		}
	}
	if got := treeListing(t, out); !slices.Equal(got, outBefore) {
		t.Error("the failed build changed the output")
	}
	if got := treeListing(t, dir); !slices.Equal(got, storeBefore) {
		t.Errorf("the failed build changed the image store:\n%v\n%v", storeBefore, got)
	}
}

func treeListing(t *testing.T, dir string) []string {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			info, _ := d.Info()
			out = append(out, strings.TrimPrefix(p, dir)+" "+info.ModTime().String())
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A page whose picture was missing shows it once the file is added, with
// no edit to the page itself.
func TestPreviewShowsAPictureAddedAfterThePage(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{
		"content/stories/a.md": {Data: []byte(md("title: A\ndate: 2025-01-01", "No map yet.\n"))},
	}}
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow, Images: &imageproc.Store{Settings: quickPictures()}}, out, false)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	m.set("content/stories/a.md", md("title: A\ndate: 2025-01-01", "![The map](/img/map.png)\n"))
	if _, err := b.Build(context.Background(), m.take()); err == nil || !strings.Contains(err.Error(), "there is no file static/img/map.png") {
		t.Fatalf("a missing picture: %v", err)
	}
	m.set("static/img/map.png", string(mapPNG(t, 300, 200, 5)))
	if _, err := b.Build(context.Background(), m.take()); err != nil {
		t.Fatal(err)
	}
	if page := readOut(t, out, "stories/a/index.html"); !strings.Contains(page, `srcset="/img/map-240w.`) {
		t.Error("the page does not show the picture added after it")
	}
}

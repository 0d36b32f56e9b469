package imageproc

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	xwebp "golang.org/x/image/webp"

	"github.com/ideas-hub/hub/generator/imageproc/imagetest"
)

// open decodes a variant the store holds, checking that its bytes are the
// ones its name promises.
func open(t *testing.T, s *Store, v Variant) ([]byte, image.Image) {
	t.Helper()
	data, err := s.Open(v)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != v.Sum {
		t.Fatalf("%s: bytes do not match the name's hash", v.FileName("x"))
	}
	var m image.Image
	switch v.Format {
	case JPEG:
		m, err = jpeg.Decode(bytes.NewReader(data))
	case PNG:
		m, err = png.Decode(bytes.NewReader(data))
	case WebP:
		m, err = xwebp.Decode(bytes.NewReader(data))
	}
	if err != nil {
		t.Fatalf("%s does not decode as %s: %v", v.FileName("x"), v.Format, err)
	}
	return data, m
}

func process(t *testing.T, s *Store, data []byte) *Image {
	t.Helper()
	b := s.Begin()
	img, err := b.Process(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(false); err != nil {
		t.Fatal(err)
	}
	return img
}

type wv struct {
	w, h int
	f    Format
}

func shapes(img *Image) []wv {
	var out []wv
	for _, v := range img.Variants {
		out = append(out, wv{v.Width, v.Height, v.Format})
	}
	return out
}

// smallSettings are hub's pipeline at about a tenth of its sizes, two
// widths and a small crop, for the tests about metadata, the cache and
// batches: what they prove does not hang on the sizes, and at hub's a 300
// px source still made a 1200×630 crop. TestVariantsHaveEachWidthInBothFormats
// and TestSmallSourceIsNeverUpscaled check hub's own sizes.
func smallSettings() Settings {
	s := DefaultSettings()
	s.Widths = []int{120, 240}
	s.Crop = image.Pt(120, 63)
	return s
}

// The source is just wider than the widest variant, 1600 px, and a
// panorama: each width is made, and a larger or taller one would only
// cost more scaling.
func TestVariantsHaveEachWidthInBothFormats(t *testing.T) {
	t.Parallel()
	s := &Store{Settings: DefaultSettings()}
	img := process(t, s, imagetest.JPEG(t, imagetest.Smooth(1640, 410, 1)))
	want := []wv{{480, 120, JPEG}, {800, 200, JPEG}, {1200, 300, JPEG}, {1600, 400, JPEG},
		{480, 120, WebP}, {800, 200, WebP}, {1200, 300, WebP}, {1600, 400, WebP}}
	if got := shapes(img); !slices.Equal(got, want) {
		t.Fatalf("variants %v, want %v", got, want)
	}
	names := map[string]bool{}
	for _, v := range append(img.Variants, *img.Crop) {
		_, m := open(t, s, v)
		if m.Bounds().Dx() != v.Width || m.Bounds().Dy() != v.Height {
			t.Errorf("%s is %v", v.FileName("photo"), m.Bounds().Size())
		}
		name := v.FileName("photo")
		if !strings.HasPrefix(name, "photo-") || !strings.Contains(name, "."+v.Sum[:10]+".") || names[name] {
			t.Errorf("name %q: want photo-<w>w.<hash>.<ext>, each once", name)
		}
		names[name] = true
	}
	if c := img.Crop; c.Width != 1200 || c.Height != 630 || c.Format != JPEG {
		t.Errorf("crop %dx%d %s, want 1200x630 jpeg", c.Width, c.Height, c.Format)
	}
	if img.Width != 1640 || img.Height != 410 {
		t.Errorf("size %dx%d", img.Width, img.Height)
	}
}

// A source narrower than the smallest width is made at its own width only;
// one between two widths gets those below it and its own, nothing wider.
func TestSmallSourceIsNeverUpscaled(t *testing.T) {
	t.Parallel()
	s := &Store{Settings: DefaultSettings()}
	img := process(t, s, imagetest.PNG(t, imagetest.Smooth(300, 200, 2)))
	if got, want := shapes(img), []wv{{300, 200, PNG}, {300, 200, WebP}}; !slices.Equal(got, want) {
		t.Fatalf("variants %v, want %v", got, want)
	}
	mid := process(t, s, imagetest.PNG(t, imagetest.Smooth(900, 300, 3)))
	if got, want := shapes(mid), []wv{{480, 160, PNG}, {800, 267, PNG}, {900, 300, PNG}, {480, 160, WebP}, {800, 267, WebP}, {900, 300, WebP}}; !slices.Equal(got, want) {
		t.Fatalf("variants %v, want %v", got, want)
	}
}

func TestMetadataIsDroppedAndOrientationApplied(t *testing.T) {
	t.Parallel()
	src := imagetest.WithExif(imagetest.JPEG(t, imagetest.Quadrants(320, 240)), 6)
	for _, marker := range [][]byte{[]byte("Exif"), imagetest.GPSLatitude, []byte("xmpmeta"), []byte("Acacia")} {
		if !bytes.Contains(src, marker) {
			t.Fatalf("the test photo lacks %q", marker)
		}
	}
	s := &Store{Settings: smallSettings()}
	img := process(t, s, src)
	// Orientation 6: turned a quarter clockwise to be shown, 240×320.
	if img.Width != 240 || img.Height != 320 {
		t.Fatalf("shown as %dx%d, want 240x320", img.Width, img.Height)
	}
	if len(img.Variants) != 4 {
		t.Fatalf("variants %v, want 2 widths in 2 formats", shapes(img))
	}
	// The crop keeps the middle band of the upright picture, which
	// crosses the middle: its quarters are the picture's too.
	for _, v := range append(img.Variants, *img.Crop) {
		data, m := open(t, s, v)
		for _, marker := range [][]byte{[]byte("Exif"), imagetest.GPSLatitude, []byte("xmpmeta"), []byte("xap/1.0"), []byte("Acacia"), []byte("GPS")} {
			if bytes.Contains(data, marker) {
				t.Errorf("%s still holds %q", v.FileName("x"), marker)
			}
		}
		// The stored top left (red) is shown top right; the stored bottom
		// left (blue) top left; white bottom left; green bottom right.
		w, h := m.Bounds().Dx(), m.Bounds().Dy()
		for _, c := range []struct {
			x, y    int
			r, g, b bool
		}{{w * 3 / 4, h / 4, true, false, false}, {w / 4, h / 4, false, false, true}, {w / 4, h * 3 / 4, true, true, true}, {w * 3 / 4, h * 3 / 4, false, true, false}} {
			r, g, b, _ := m.At(c.x, c.y).RGBA()
			if (r > 0x8000) != c.r || (g > 0x8000) != c.g || (b > 0x8000) != c.b {
				t.Errorf("%s at %d,%d: %x %x %x", v.FileName("x"), c.x, c.y, r>>8, g>>8, b>>8)
			}
		}
	}
}

func TestEveryOrientationIsRead(t *testing.T) {
	t.Parallel()
	for o := uint16(1); o <= 8; o++ {
		info, err := Inspect(imagetest.WithExif(imagetest.JPEG(t, imagetest.Photo(40, 30, 4)), o), 0)
		if err != nil {
			t.Fatal(err)
		}
		wantW := 40
		if o >= 5 {
			wantW = 30
		}
		if info.Orientation != int(o) || info.Width != wantW {
			t.Errorf("orientation %d: read %d, width %d", o, info.Orientation, info.Width)
		}
	}
}

func TestSecondBuildDecodesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var decodes atomic.Int64
	src := imagetest.JPEG(t, imagetest.Smooth(300, 200, 5))
	first := &Store{Dir: dir, Settings: smallSettings(), Decodes: &decodes}
	a := process(t, first, src)
	if decodes.Load() != 1 {
		t.Fatalf("first build decoded %d times", decodes.Load())
	}
	// A new process, as the next hub build is.
	second := &Store{Dir: dir, Settings: smallSettings(), Decodes: &decodes}
	b := process(t, second, src)
	if decodes.Load() != 1 {
		t.Fatalf("second build decoded again (%d)", decodes.Load())
	}
	if !slices.Equal(a.Variants, b.Variants) {
		t.Fatal("the cached variants differ")
	}
	for _, v := range b.Variants {
		open(t, second, v)
	}
	// Other settings are another key: made again.
	other := smallSettings()
	other.JPEGQuality = 60
	process(t, &Store{Dir: dir, Settings: other, Decodes: &decodes}, src)
	if decodes.Load() != 2 {
		t.Fatalf("new settings did not make the source again (%d decodes)", decodes.Load())
	}
}

func TestOneBatchDecodesASourceOnce(t *testing.T) {
	t.Parallel()
	var decodes atomic.Int64
	s := &Store{Settings: smallSettings(), Decodes: &decodes}
	b := s.Begin()
	src := imagetest.PNG(t, imagetest.Smooth(300, 200, 6))
	done := make(chan error, 8)
	for range 8 {
		go func() { _, err := b.Process(src); done <- err }()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if decodes.Load() != 1 {
		t.Fatalf("8 pages showing one picture decoded it %d times", decodes.Load())
	}
}

func TestBadSourcesAreRefused(t *testing.T) {
	t.Parallel()
	good := imagetest.JPEG(t, imagetest.Photo(64, 48, 7))
	// A PNG that claims 8000×7000 pixels: refused from its header alone.
	huge := imagetest.PNG(t, image.NewGray(image.Rect(0, 0, 1, 1)))
	huge = bytes.Clone(huge)
	copy(huge[16:24], []byte{0, 0, 0x1f, 0x40, 0, 0, 0x1b, 0x58})
	binary.BigEndian.PutUint32(huge[29:], crc32.ChecksumIEEE(huge[12:29])) // IHDR's CRC
	var decodes atomic.Int64
	s := &Store{Settings: DefaultSettings(), Decodes: &decodes}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"text", []byte("just some words, not a picture"), "not a JPEG, PNG, WebP, GIF or SVG image"},
		{"truncated", good[:len(good)/2], "is not a readable JPEG image"},
		{"huge", huge, "is 8000×7000 pixels (56 megapixels), over the limit of 50 megapixels"},
	} {
		_, err := s.Begin().Process(c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
	var tl *TooLargeError
	if _, err := s.Begin().Process(huge); !errors.As(err, &tl) {
		t.Errorf("huge: %T", err)
	}
	if decodes.Load() != 1 { // only the truncated one got as far as decoding
		t.Errorf("%d decodes", decodes.Load())
	}
}

func TestDiscardedBatchLeavesTheStoreAsItWas(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := &Store{Dir: dir, Settings: smallSettings()}
	old := process(t, s, imagetest.PNG(t, imagetest.Smooth(300, 200, 8)))
	before := listing(t, dir)
	b := s.Begin()
	if _, err := b.Process(imagetest.PNG(t, imagetest.Smooth(320, 200, 9))); err != nil {
		t.Fatal(err)
	}
	b.Discard()
	if after := listing(t, dir); !slices.Equal(before, after) {
		t.Fatalf("a discarded batch changed the store:\n%v\n%v", before, after)
	}
	// A pruning commit keeps only what its batch used.
	b = s.Begin()
	kept := imagetest.PNG(t, imagetest.Smooth(310, 200, 10))
	if _, err := b.Process(kept); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Open(old.Variants[0]); err == nil {
		t.Error("pruning kept a picture no page showed")
	}
	if len(listing(t, dir)) != 2+1+2*2+1 { // meta/, files/, one meta, 2 widths × 2 formats, crop
		t.Errorf("after pruning: %v", listing(t, dir))
	}
}

func listing(t *testing.T, dir string) []string {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if p != dir {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A build after a build reads no source whose size and time are those
// recorded, and reads again one whose time moved.
func TestIndexSparesReadingUnchangedSources(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := imagetest.PNG(t, imagetest.Smooth(300, 200, 11))
	when := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	s := &Store{Dir: dir, Settings: smallSettings()}
	b := s.Begin()
	if b.Known("static/a.png", int64(len(src)), when) != nil {
		t.Fatal("an empty store knows a source")
	}
	img, err := b.Process(src)
	if err != nil {
		t.Fatal(err)
	}
	b.Stamp("static/a.png", int64(len(src)), when, img)
	if err := b.Commit(true); err != nil {
		t.Fatal(err)
	}
	next := (&Store{Dir: dir, Settings: smallSettings()}).Begin()
	if got := next.Known("static/a.png", int64(len(src)), when); got == nil || got.Key != img.Key {
		t.Fatalf("the next build does not know the unchanged source: %v", got)
	}
	if next.Known("static/a.png", int64(len(src)), when.Add(time.Nanosecond)) != nil {
		t.Error("a source whose time moved is taken as known")
	}
	if next.Known("static/a.png", int64(len(src))+1, when) != nil {
		t.Error("a source whose size changed is taken as known")
	}
}

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

func TestVariantsHaveEachWidthInBothFormats(t *testing.T) {
	s := &Store{Settings: DefaultSettings()}
	img := process(t, s, imagetest.JPEG(t, imagetest.Photo(2000, 1500, 1)))
	want := []wv{{480, 360, JPEG}, {800, 600, JPEG}, {1200, 900, JPEG}, {1600, 1200, JPEG},
		{480, 360, WebP}, {800, 600, WebP}, {1200, 900, WebP}, {1600, 1200, WebP}}
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
	if img.Width != 2000 || img.Height != 1500 {
		t.Errorf("size %dx%d", img.Width, img.Height)
	}
}

func TestSmallSourceIsNeverUpscaled(t *testing.T) {
	s := &Store{Settings: DefaultSettings()}
	img := process(t, s, imagetest.PNG(t, imagetest.Photo(300, 200, 2)))
	if got, want := shapes(img), []wv{{300, 200, PNG}, {300, 200, WebP}}; !slices.Equal(got, want) {
		t.Fatalf("variants %v, want %v", got, want)
	}
	mid := process(t, s, imagetest.PNG(t, imagetest.Photo(1000, 500, 3)))
	if got, want := shapes(mid), []wv{{480, 240, PNG}, {800, 400, PNG}, {1000, 500, PNG}, {480, 240, WebP}, {800, 400, WebP}, {1000, 500, WebP}}; !slices.Equal(got, want) {
		t.Fatalf("variants %v, want %v", got, want)
	}
}

func TestMetadataIsDroppedAndOrientationApplied(t *testing.T) {
	src := imagetest.WithExif(imagetest.JPEG(t, imagetest.Quadrants(800, 600)), 6)
	for _, marker := range [][]byte{[]byte("Exif"), imagetest.GPSLatitude, []byte("xmpmeta"), []byte("Acacia")} {
		if !bytes.Contains(src, marker) {
			t.Fatalf("the test photo lacks %q", marker)
		}
	}
	s := &Store{Settings: DefaultSettings()}
	img := process(t, s, src)
	// Orientation 6: turned a quarter clockwise to be shown, 600×800.
	if img.Width != 600 || img.Height != 800 {
		t.Fatalf("shown as %dx%d, want 600x800", img.Width, img.Height)
	}
	for _, v := range img.Variants {
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
	dir := t.TempDir()
	var decodes atomic.Int64
	src := imagetest.JPEG(t, imagetest.Photo(1300, 900, 5))
	first := &Store{Dir: dir, Settings: DefaultSettings(), Decodes: &decodes}
	a := process(t, first, src)
	if decodes.Load() != 1 {
		t.Fatalf("first build decoded %d times", decodes.Load())
	}
	// A new process, as the next hub build is.
	second := &Store{Dir: dir, Settings: DefaultSettings(), Decodes: &decodes}
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
	other := DefaultSettings()
	other.JPEGQuality = 60
	process(t, &Store{Dir: dir, Settings: other, Decodes: &decodes}, src)
	if decodes.Load() != 2 {
		t.Fatalf("new settings did not make the source again (%d decodes)", decodes.Load())
	}
}

func TestOneBatchDecodesASourceOnce(t *testing.T) {
	var decodes atomic.Int64
	s := &Store{Settings: DefaultSettings(), Decodes: &decodes}
	b := s.Begin()
	src := imagetest.PNG(t, imagetest.Photo(600, 400, 6))
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
	dir := t.TempDir()
	s := &Store{Dir: dir, Settings: DefaultSettings()}
	old := process(t, s, imagetest.PNG(t, imagetest.Photo(500, 300, 8)))
	before := listing(t, dir)
	b := s.Begin()
	if _, err := b.Process(imagetest.PNG(t, imagetest.Photo(520, 300, 9))); err != nil {
		t.Fatal(err)
	}
	b.Discard()
	if after := listing(t, dir); !slices.Equal(before, after) {
		t.Fatalf("a discarded batch changed the store:\n%v\n%v", before, after)
	}
	// A pruning commit keeps only what its batch used.
	b = s.Begin()
	kept := imagetest.PNG(t, imagetest.Photo(510, 300, 10))
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
	dir := t.TempDir()
	src := imagetest.PNG(t, imagetest.Photo(300, 200, 11))
	when := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	s := &Store{Dir: dir, Settings: DefaultSettings()}
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
	next := (&Store{Dir: dir, Settings: DefaultSettings()}).Begin()
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

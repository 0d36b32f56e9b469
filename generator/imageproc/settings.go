// Package imageproc turns a site's source pictures into the files a page
// serves: each read once, its EXIF orientation applied and every byte of
// metadata (EXIF with GPS positions, XMP, comments, colour profiles)
// dropped by decoding and encoding again, written at a few widths never
// wider than the source in WebP and in the source's own format, plus a
// 1200×630 crop for Open Graph, under content-hashed names. What it makes
// is kept in a Store under the site's .hub/ folder, keyed by the source's
// bytes and the Settings, so a build whose pictures did not change decodes
// nothing. It also draws the Open Graph card of a page that has no
// picture (card.go) and keeps it in the Store the same way, keyed by all
// that draws it (cardstore.go). It knows nothing of pages: it takes bytes
// and returns files.
package imageproc

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
)

// Settings fix what is made of each source; the Store keys on all of them,
// so changing one makes every picture again.
type Settings struct {
	Widths      []int // widths of the variants, ascending
	JPEGQuality int
	WebPQuality int
	// WebPMethod trades encoding time for size, 0 (fast) to 6: see
	// DefaultSettings for what each costs.
	WebPMethod int
	Crop       image.Point // the Open Graph crop: 1200×630
	MaxPixels  int         // larger sources are refused before they are decoded
	// Filter is the last step's scaling filter (see resize.go):
	// "catmullrom" (the default, "") or "approxbilinear".
	Filter string
}

// DefaultSettings are hub's.
//
// Widths: 480 fills a phone at 1× and 2× of a 240 px column, 800 a phone's
// full width at 2×, 1200 a tablet or a laptop's reading column at 2×, 1600
// the widest the theme shows a picture (its 44rem column) on a 2×
// screen.
//
// WebP method 2 at quality 75: BenchmarkWebP, the 1600 px variant of a
// generated 12-megapixel photo through the WASM libwebp on the project's
// 2-core VM, took 146 ms for 8,422 bytes; method 4 (libwebp's default)
// 620 ms for 8,158 (4.2 times the time for 3 % less); method 0 170 ms
// for 11,250.
func DefaultSettings() Settings {
	return Settings{
		Widths:      []int{480, 800, 1200, 1600},
		JPEGQuality: 80,
		WebPQuality: 75,
		WebPMethod:  2,
		Crop:        image.Pt(1200, 630),
		MaxPixels:   50_000_000,
	}
}

// version names the pipeline's own code: bump it when a change alters the
// bytes made from the same source and settings, so caches are made again.
const version = "imageproc/1"

// fingerprint identifies the settings and the encoder, for cache keys.
func (s Settings) fingerprint() string {
	return fmt.Sprintf("%s %v %d %d %d %v %d %q %s", version, s.Widths, s.JPEGQuality, s.WebPQuality, s.WebPMethod, s.Crop, s.MaxPixels, s.Filter, webpEncoder())
}

// sourceKey is the cache key of a source's bytes under settings s.
func (s Settings) sourceKey(data []byte) string {
	h := sha256.New()
	h.Write([]byte(s.fingerprint()))
	h.Write([]byte{0})
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

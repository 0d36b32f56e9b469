package imageproc

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/jpeg"
	"image/png"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/gen2brain/webp"
	"golang.org/x/sync/errgroup"
)

// Image is a processed source: what a page needs to show it.
type Image struct {
	Key           string `json:"key"`    // of the source's bytes and the settings
	Format        Format `json:"format"` // the source's
	Width, Height int    // as shown, orientation applied
	// Variants holds the source format's variants, ascending by width, then
	// WebP's; a WebP source has WebP's only. Empty for a source published
	// as it is (AsIs) and in a Store that only checks.
	Variants []Variant `json:"variants"`
	Crop     *Variant  `json:"crop"` // the Open Graph crop
	// AsIs marks a source published unchanged: SVG and GIF (see Sniff).
	AsIs bool `json:"as_is"`
}

// Variant is one file made from a source.
type Variant struct {
	Width, Height int
	Format        Format
	Sum           string // SHA-256 of its bytes, hex: its name in the Store
}

// FileName is the variant's name beside the others of a source named stem:
// "bus-800w.3fa2c1d9e0.webp", content-hashed so it may be cached for ever.
func (v Variant) FileName(stem string) string {
	return stem + "-" + strconv.Itoa(v.Width) + "w." + v.Sum[:10] + "." + v.Format.Ext()
}

// CropName is the Open Graph crop's name: "bus-og.1b2c3d4e5f.jpg".
func (v Variant) CropName(stem string) string {
	return stem + "-og." + v.Sum[:10] + "." + v.Format.Ext()
}

// Ext is the file extension of a format, without the dot.
func (f Format) Ext() string {
	if f == JPEG {
		return "jpg"
	}
	return string(f)
}

// MediaType is the format's MIME type, for <source type>.
func (f Format) MediaType() string { return "image/" + string(f) }

// Widths lists the widths of the variants a source of width w gets: each
// of Settings.Widths below w, and w itself up to the largest of them; never
// wider than the source.
func (s Settings) widthsFor(w int) []int {
	var out []int
	for _, x := range s.Widths {
		if x < w {
			out = append(out, x)
		}
	}
	largest := min(w, slices.Max(s.Widths))
	if len(out) == 0 || out[len(out)-1] != largest {
		out = append(out, largest)
	}
	return out
}

// output is one encoded file with what it is.
type output struct {
	v    Variant
	data []byte
}

// process decodes a source once and makes every variant and the crop.
// decodes, when not nil, counts the decode (a test hook).
func (s Settings) process(data []byte, key string, info Info, decodes *atomic.Int64) (*Image, []output, error) {
	if decodes != nil {
		decodes.Add(1)
	}
	src, err := decode(info.Format, data)
	if err != nil {
		return nil, nil, err
	}
	widths := s.widthsFor(info.Width)
	tw := widths[len(widths)-1]
	th := heightFor(info, tw)
	sw, sh := tw, th
	if info.Orientation >= 5 {
		sw, sh = th, tw
	}
	base := toRGBA(src, sw, sh)
	src = nil // a 12-megapixel decode is 18 MB: let it go before the encodes
	largest := orient(scale(s.scaler(), base, sw, sh), info.Orientation)
	base = nil
	img := &Image{Key: key, Format: info.Format, Width: info.Width, Height: info.Height}
	own := info.Format
	cropFormat := own
	if own == WebP {
		own, cropFormat = "", JPEG
		if !opaque(largest) {
			cropFormat = PNG
		}
	}
	type job struct {
		m *image.RGBA
		f Format
	}
	var jobs []job
	scaled := make([]*image.RGBA, len(widths))
	for i, w := range widths {
		scaled[i] = largest
		if w != tw {
			scaled[i] = scale(s.scaler(), largest, w, heightFor(info, w))
		}
	}
	for _, f := range []Format{own, WebP} {
		if f == "" {
			continue
		}
		for _, m := range scaled {
			jobs = append(jobs, job{m, f})
		}
	}
	jobs = append(jobs, job{cover(s.scaler(), largest, s.Crop.X, s.Crop.Y), cropFormat})
	outs := make([]output, len(jobs))
	var g errgroup.Group
	g.SetLimit(2)
	for i, j := range jobs {
		g.Go(func() error {
			b, err := s.encode(j.m, j.f)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			outs[i] = output{Variant{Width: j.m.Bounds().Dx(), Height: j.m.Bounds().Dy(), Format: j.f, Sum: hex.EncodeToString(sum[:])}, b}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	for _, o := range outs[:len(outs)-1] {
		img.Variants = append(img.Variants, o.v)
	}
	crop := outs[len(outs)-1].v
	img.Crop = &crop
	return img, outs, nil
}

// heightFor is the height of the variant of width w, keeping the shape.
func heightFor(info Info, w int) int {
	return max(1, (info.Height*w+info.Width/2)/info.Width)
}

// encode writes m in format f, with no metadata of any kind: Go's
// encoders write none, and libwebp is asked for none.
func (s Settings) encode(m *image.RGBA, f Format) ([]byte, error) {
	var b bytes.Buffer
	var err error
	switch f {
	case JPEG:
		err = jpeg.Encode(&b, m, &jpeg.Options{Quality: s.JPEGQuality})
	case PNG:
		err = (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&b, m)
	case WebP:
		var in image.Image = m
		if !opaque(m) {
			in = toNRGBA(m)
		}
		err = webp.Encode(&b, in, webp.Options{Quality: s.WebPQuality, Method: s.WebPMethod})
	}
	return b.Bytes(), err
}

// webpEncoder names the WebP encoder in use: libwebp compiled to WASM and
// run by wazero, unless github.com/gen2brain/webp found a libwebp.so to
// load (a dynamically linked hub on a system that has one; build with
// CGO_ENABLED=0 or -tags nodynamic to rule that out). The two may make
// different bytes, so the cache keys on it.
func webpEncoder() string {
	if webp.Dynamic() == nil {
		return "libwebp-shared"
	}
	return "libwebp-wasm"
}

// Stem is the name variants of the source file name take: its base name
// without the extension ("bus" of "img/bus.jpg").
func Stem(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	return name
}

package imageproc

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/webp"
)

// Format is a source's file format, read from its first bytes, not its name.
type Format string

// The formats a source may be in. SVG and GIF are not processed (see
// Sniff); the others are.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	WebP Format = "webp"
	GIF  Format = "gif"
	SVG  Format = "svg"
)

// ErrNotImage says a file is none of the formats a page may show.
var ErrNotImage = errors.New("not a JPEG, PNG, WebP, GIF or SVG image")

// TooLargeError refuses a source over Settings.MaxPixels before it is
// decoded: a 50-megapixel photo takes 200 MB once decoded, and a small
// file can claim far more.
type TooLargeError struct{ Width, Height, Max int }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("is %d×%d pixels (%.0f megapixels), over the limit of %d megapixels: scale it down before adding it",
		e.Width, e.Height, float64(e.Width)*float64(e.Height)/1e6, e.Max/1_000_000)
}

// DecodeError says a file has a picture's first bytes but does not decode.
type DecodeError struct {
	Format Format
	Err    error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("is not a readable %s image (%v)", formatName(e.Format), e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

func formatName(f Format) string {
	switch f {
	case JPEG:
		return "JPEG"
	case PNG:
		return "PNG"
	case WebP:
		return "WebP"
	case GIF:
		return "GIF"
	}
	return string(f)
}

// Sniff reads a source's format from its first bytes. SVG is told by its
// markup; a browser scales it itself and it carries no camera metadata, so
// it is published as it is. So is GIF, whose animation a re-encoding
// would lose.
func Sniff(data []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return JPEG, nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WebP, nil
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return GIF, nil
	case looksLikeSVG(data):
		return SVG, nil
	}
	return "", ErrNotImage
}

func looksLikeSVG(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.Contains(head, []byte("<svg"))
}

// config reads a raster source's size without decoding its pixels.
func config(f Format, data []byte) (image.Config, error) {
	r := bytes.NewReader(data)
	var cfg image.Config
	var err error
	switch f {
	case JPEG:
		cfg, err = jpeg.DecodeConfig(r)
	case PNG:
		cfg, err = png.DecodeConfig(r)
	case WebP:
		cfg, err = webp.DecodeConfig(r)
	case GIF:
		cfg, err = gif.DecodeConfig(r)
	default:
		return cfg, ErrNotImage
	}
	if err == nil && (cfg.Width <= 0 || cfg.Height <= 0) {
		err = errors.New("it has no pixels")
	}
	if err != nil {
		return cfg, &DecodeError{Format: f, Err: err}
	}
	return cfg, nil
}

// decode decodes a raster source whose size config has checked.
func decode(f Format, data []byte) (image.Image, error) {
	r := bytes.NewReader(data)
	var m image.Image
	var err error
	switch f {
	case JPEG:
		m, err = jpeg.Decode(r)
	case PNG:
		m, err = png.Decode(r)
	case WebP:
		m, err = webp.Decode(r)
	case GIF:
		m, err = gif.Decode(r)
	default:
		return nil, ErrNotImage
	}
	if err != nil {
		return nil, &DecodeError{Format: f, Err: err}
	}
	return m, nil
}

// Info is what a source is, read without decoding its pixels.
type Info struct {
	Format        Format
	Width, Height int // as shown: EXIF orientation applied
	Orientation   int // EXIF orientation, 1 (as stored) to 8
}

// Inspect reads a source's format, size and orientation, and refuses one
// that is not a picture or is over max pixels (0: no limit).
func Inspect(data []byte, max int) (Info, error) {
	f, err := Sniff(data)
	if err != nil || f == SVG {
		return Info{Format: f}, err
	}
	cfg, err := config(f, data)
	if err != nil {
		return Info{Format: f}, err
	}
	if max > 0 && cfg.Width*cfg.Height > max {
		return Info{Format: f}, &TooLargeError{Width: cfg.Width, Height: cfg.Height, Max: max}
	}
	info := Info{Format: f, Width: cfg.Width, Height: cfg.Height, Orientation: orientation(f, data)}
	if info.Orientation >= 5 { // a quarter turn
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

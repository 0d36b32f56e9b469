package imageproc

import (
	"strconv"
	"strings"
)

// Placed is a processed source at its place in a site: its files are
// served from Dir, named after Stem.
type Placed struct {
	*Image
	Source string // the source file, relative to the site: "static/img/bus.jpg"
	Dir    string // URL folder of its files, with slashes: "/img/"
	Stem   string // "bus"
}

// URL is where a variant is served.
func (p *Placed) URL(v Variant) string { return p.Dir + v.FileName(p.Stem) }

// SourceURL is where a source published as it is (AsIs) is served.
func (p *Placed) SourceURL() string {
	return p.Dir + p.Source[strings.LastIndexByte(p.Source, '/')+1:]
}

// CropURL is where the Open Graph crop is served; "" when there is none.
func (p *Placed) CropURL() string {
	if p.Crop == nil || p.Crop.Sum == "" {
		return ""
	}
	return p.Dir + p.Crop.CropName(p.Stem)
}

// Files maps each file the picture publishes, by its path under the
// output folder, to the variant it is.
func (p *Placed) Files() map[string]Variant {
	out := map[string]Variant{}
	dir := strings.TrimPrefix(p.Dir, "/")
	for _, v := range p.Variants {
		if v.Sum != "" {
			out[dir+v.FileName(p.Stem)] = v
		}
	}
	if u := p.CropURL(); u != "" {
		out[strings.TrimPrefix(u, "/")] = *p.Crop
	}
	return out
}

// Of returns the variants in format f, ascending by width.
func (p *Placed) Of(f Format) []Variant {
	var out []Variant
	for _, v := range p.Variants {
		if v.Format == f && v.Sum != "" {
			out = append(out, v)
		}
	}
	return out
}

// Srcset is the srcset of the variants in format f: "/img/bus-480w.….webp 480w, …".
func (p *Placed) Srcset(f Format) string {
	var b strings.Builder
	for i, v := range p.Of(f) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.URL(v))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(v.Width))
		b.WriteByte('w')
	}
	return b.String()
}

// Fallback is the format of the <img> inside the <picture>: the source's
// own, or WebP for a WebP source.
func (p *Placed) Fallback() Format {
	if len(p.Of(p.Format)) > 0 {
		return p.Format
	}
	return WebP
}

// Src is the <img>'s own src: the fallback format's variant closest to
// width w without being narrower, else its widest.
func (p *Placed) Src(w int) string {
	vs := p.Of(p.Fallback())
	if len(vs) == 0 {
		if p.AsIs {
			return p.SourceURL()
		}
		return ""
	}
	for _, v := range vs {
		if v.Width >= w {
			return p.URL(v)
		}
	}
	return p.URL(vs[len(vs)-1])
}

// HasWebP reports whether the picture has WebP variants beside its own
// format's, for a <source type="image/webp">.
func (p *Placed) HasWebP() bool { return p.Fallback() != WebP && len(p.Of(WebP)) > 0 }

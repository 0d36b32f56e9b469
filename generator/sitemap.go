package generator

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"
	"unicode/utf8"
)

// sitemapEntry is one URL of the sitemap with its last change, if known.
type sitemapEntry struct {
	url     string
	lastmod time.Time
}

// sitemap writes the sitemaps.org XML by hand: it is a flat list, and at
// 15,000 URLs encoding/xml's reflection took most of a preview rebuild.
func (s *Site) sitemap(entries []sitemapEntry) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(entries) * 100)
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	base, err := xmlText(s.Config.BaseURL)
	if err != nil {
		return nil, err
	}
	var stamp [64]byte
	for _, e := range entries {
		u, err := xmlText(trimSlash(e.url))
		if err != nil {
			return nil, err
		}
		b.WriteString("<url><loc>")
		b.WriteString(base)
		b.WriteString(u)
		b.WriteString("</loc>")
		if !e.lastmod.IsZero() {
			b.WriteString("<lastmod>")
			b.Write(e.lastmod.AppendFormat(stamp[:0], time.RFC3339))
			b.WriteString("</lastmod>")
		}
		b.WriteString("</url>")
	}
	b.WriteString("</urlset>")
	return b.Bytes(), nil
}

// xmlText escapes s for XML character data; most URLs need nothing.
func xmlText(s string) (string, error) {
	if !strings.ContainsAny(s, `<>&'"`+"\r\t\n") && utf8.ValidString(s) {
		return s, nil
	}
	var b strings.Builder
	err := xml.EscapeText(&b, []byte(s))
	return b.String(), err
}

func (s *Site) robots() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.Config.BaseURL + "sitemap.xml\n")
}

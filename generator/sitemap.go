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

// writeSitemap writes the sitemaps.org XML to b by hand: it is a flat
// list, and at 15,000 URLs encoding/xml's reflection took most of a
// preview rebuild. b is grown once to the sitemap's size (1.8 MB at
// 10,000 pages): grown by doubling, and then copied into the file's
// buffer, it made 6-8 MB of fresh memory for each tag edit in the
// preview, and zeroing that was 16% of BenchmarkRebuild10000/tags' CPU.
func (s *Site) writeSitemap(b *bytes.Buffer, entries []sitemapEntry) error {
	const (
		open     = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`
		perURL   = len("<url><loc></loc></url>")
		lastmod  = len("<lastmod></lastmod>") + len("2006-01-02T15:04:05-07:00")
		overhead = len(xml.Header) + len(open) + len("</urlset>")
	)
	base, err := xmlText(s.Config.BaseURL)
	if err != nil {
		return err
	}
	size := overhead
	for _, e := range entries {
		size += perURL + len(base) + len(e.url) + lastmod
	}
	b.Grow(size)
	b.WriteString(xml.Header)
	b.WriteString(open)
	var stamp [64]byte
	for _, e := range entries {
		u, err := xmlText(trimSlash(e.url))
		if err != nil {
			return err
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
	return nil
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

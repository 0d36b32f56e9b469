package generator

import (
	"encoding/xml"
	"time"
)

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

type sitemapSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

// sitemapEntry is one URL of the sitemap with its last change, if known.
type sitemapEntry struct {
	url     string
	lastmod time.Time
}

func (s *Site) sitemap(entries []sitemapEntry) ([]byte, error) {
	set := sitemapSet{}
	for _, e := range entries {
		u := sitemapURL{Loc: s.Config.BaseURL + trimSlash(e.url)}
		if !e.lastmod.IsZero() {
			u.Lastmod = e.lastmod.Format(time.RFC3339)
		}
		set.URLs = append(set.URLs, u)
	}
	out, err := xml.Marshal(set)
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}

func (s *Site) robots() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.Config.BaseURL + "sitemap.xml\n")
}

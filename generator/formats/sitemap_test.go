package formats

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

func TestSitemap(t *testing.T) {
	const head = xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		base string
		urls []URL
		want string
	}{
		{"empty", "https://hub.example/", nil, head + `</urlset>`},
		{"path made absolute, no lastmod when unknown", "https://hub.example/sub/",
			[]URL{{Path: "/"}, {Path: "/tags/"}},
			head + `<url><loc>https://hub.example/sub/</loc></url><url><loc>https://hub.example/sub/tags/</loc></url></urlset>`},
		{"lastmod keeps its zone", "https://hub.example/",
			[]URL{{Path: "/a/", LastMod: time.Date(2025, 7, 1, 9, 30, 0, 0, london)}, {Path: "/b/", LastMod: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}},
			head + `<url><loc>https://hub.example/a/</loc><lastmod>2025-07-01T09:30:00+01:00</lastmod></url>` +
				`<url><loc>https://hub.example/b/</loc><lastmod>2025-01-01T00:00:00Z</lastmod></url></urlset>`},
		{"escaped", "https://hub.example/?a&b/",
			[]URL{{Path: `/q&a/<"it's">/`}},
			head + `<url><loc>https://hub.example/?a&amp;b/q&amp;a/&lt;&#34;it&#39;s&#34;&gt;/</loc></url></urlset>`},
		{"invalid UTF-8 replaced", "https://hub.example/",
			[]URL{{Path: "/caf\xe9/"}},
			head + "<url><loc>https://hub.example/caf\uFFFD/</loc></url></urlset>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteSitemap(&b, tt.base, tt.urls); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
			// What a crawler reads back is the address it was given.
			var read struct {
				URLs []struct {
					Loc string `xml:"loc"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal(b.Bytes(), &read); err != nil {
				t.Fatal(err)
			}
			if len(read.URLs) != len(tt.urls) {
				t.Fatalf("read %d URLs, want %d", len(read.URLs), len(tt.urls))
			}
			for i, u := range tt.urls {
				want := strings.ToValidUTF8(tt.base+strings.TrimPrefix(u.Path, "/"), "\uFFFD")
				if read.URLs[i].Loc != want {
					t.Errorf("URL %d reads back as %q, want %q", i, read.URLs[i].Loc, want)
				}
			}
		})
	}
}

func TestRobotsPointsAtTheSitemap(t *testing.T) {
	got := string(Robots("https://hub.example/sub/"))
	want := "User-agent: *\nAllow: /\n\nSitemap: https://hub.example/sub/sitemap.xml\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

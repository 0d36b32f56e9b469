package main

import (
	"bytes"
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
)

var (
	linkTag  = regexp.MustCompile(`(?i)<link\b[^>]*>`)
	attrPair = regexp.MustCompile(`([a-z-]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?`)
)

// icons returns the attributes of each <link rel=icon> of an HTML page,
// quoted or not (the minifier drops quotes where it may).
func icons(page string) []map[string]string {
	var out []map[string]string
	for _, tag := range linkTag.FindAllString(page, -1) {
		attrs := map[string]string{}
		for _, m := range attrPair.FindAllStringSubmatch(strings.TrimPrefix(tag[1:len(tag)-1], "link"), -1) {
			attrs[strings.ToLower(m[1])] = strings.Trim(m[2], `"'`)
		}
		if attrs["rel"] == "icon" {
			out = append(out, attrs)
		}
	}
	return out
}

// checkICO fails unless data is an icon file holding a 32×32 image.
func checkICO(t *testing.T, data []byte) {
	t.Helper()
	if len(data) < 6 || binary.LittleEndian.Uint16(data[0:]) != 0 || binary.LittleEndian.Uint16(data[2:]) != 1 {
		t.Fatalf("favicon.ico is not an icon file (%d bytes)", len(data))
	}
	n := int(binary.LittleEndian.Uint16(data[4:]))
	for i := range n {
		if e := 6 + 16*i; len(data) >= e+16 && data[e] == 32 && data[e+1] == 32 {
			return
		}
	}
	t.Errorf("favicon.ico has %d images, none 32×32 (the size the pages announce)", n)
}

// The default theme ships an icon, written at the output root and linked
// from every page, so no page asks for a /favicon.ico that is not there.
func TestEveryPageLinksTheThemesIcon(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := hub(t, "build", "--site", hubtest.CopySite(t, "testdata/site"), "--out", out, "--no-index"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	ico := readOut(t, out, "favicon.ico")
	theirs, err := fs.ReadFile(theme(), "static/favicon.ico")
	if err != nil || !bytes.Equal(ico, theirs) {
		t.Fatalf("public/favicon.ico is not the theme's (%v)", err)
	}
	checkICO(t, ico)

	pages := 0
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		pages++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		var ico, svg bool
		for _, a := range icons(string(data)) {
			switch {
			case a["href"] == "/favicon.ico" && a["sizes"] == "32x32":
				ico = true
			case a["type"] == "image/svg+xml":
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(a["href"]))); err != nil {
					t.Errorf("%s links the icon %s, which was not written", rel, a["href"])
				}
				svg = true
			}
		}
		if !ico || !svg {
			t.Errorf("%s: .ico linked %v, SVG linked %v", rel, ico, svg)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Errorf("checked %d pages; the site seems too small", pages)
	}
}

// A site's own icon wins over the theme's, from static/ or as a layout.
func TestSitesOwnIconWins(t *testing.T) {
	t.Parallel()
	for _, where := range []string{"static/favicon.ico", "layouts/static/favicon.ico"} {
		t.Run(where, func(t *testing.T) {
			site := hubtest.CopySite(t, "testdata/site")
			own := "\x00\x00\x01\x00 the site's own icon"
			hubtest.WriteFile(t, site, where, own)
			out := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := hub(t, "build", "--site", site, "--out", out, "--no-index"); code != 0 {
				t.Fatalf("build: exit %d: %s", code, stderr)
			}
			if got := string(readOut(t, out, "favicon.ico")); got != own {
				t.Errorf("public/favicon.ico is %d bytes, not the site's own", len(got))
			}
		})
	}
}

func TestServeAnswersForTheIcon(t *testing.T) {
	t.Parallel()
	s := serve(t, hubtest.CopySite(t, "testdata/site"), "--watch=false")
	code, header, body := s.get(t, "/favicon.ico")
	if code != 200 {
		t.Fatalf("/favicon.ico: %d", code)
	}
	checkICO(t, []byte(body))
	if ct := header.Get("Content-Type"); ct != "image/vnd.microsoft.icon" && ct != "image/x-icon" {
		t.Errorf("/favicon.ico served as %q", ct)
	}
	for _, path := range []string{"/", "/search/?q=bus"} {
		_, _, page := s.get(t, path)
		var svg string
		for _, a := range icons(page) {
			if a["type"] == "image/svg+xml" {
				svg = a["href"]
			}
		}
		if svg == "" {
			t.Errorf("%s links no SVG icon", path)
			continue
		}
		if code, header, body := s.get(t, svg); code != 200 || header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(body, "<svg") {
			t.Errorf("%s: %d %q", svg, code, header.Get("Content-Type"))
		}
	}
}

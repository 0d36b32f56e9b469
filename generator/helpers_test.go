package generator

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ideas-hub/hub/generator/imageproc"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

// testNow is the build clock of the fixture sites.
var testNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// build builds files into a fresh folder with the real theme and returns it.
func build(t *testing.T, files map[string]string, opt ...func(*Options)) (string, *Site) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow}
	for _, o := range opt {
		o(&opts)
	}
	s, _, err := Build(context.Background(), opts, out, false)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return out, s
}

// buildErr builds files and returns the diagnostics the build failed with.
func buildErr(t *testing.T, files map[string]string) Diagnostics {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	_, _, err := Build(context.Background(), Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow}, out, false)
	if err == nil {
		t.Fatal("build succeeded; want errors")
	}
	ds, ok := err.(Diagnostics)
	if !ok {
		t.Fatalf("error is %T (%v), want Diagnostics", err, err)
	}
	return ds
}

// md is a content file: YAML front matter lines then a body.
func md(front string, body string) string {
	return "---\n" + strings.TrimSpace(front) + "\n---\n" + body
}

// tinyPNG is a real 4×3 PNG, for sites whose pages show a picture.
var tinyPNG = func() string {
	var b bytes.Buffer
	m := image.NewRGBA(image.Rect(0, 0, 4, 3))
	for i := range m.Pix {
		m.Pix[i] = 0x80
	}
	if err := png.Encode(&b, m); err != nil {
		panic(err)
	}
	return b.String()
}()

// ownPictures is one in-memory image store for the tests that build the
// hub's own site, so its pictures are made once per test process, not
// once per test. The first test to ask fills it, loading the site once,
// while the others wait: those tests run in parallel, and two builds
// that found it empty would each make every picture.
//
// It makes one small width with the cheaper filter and WebP method
// (ownPictureSettings): those tests are about JSON-LD, minified cards and
// that the site builds, not about its pictures, which pictures_test.go
// and the root package's tests of the served site check at hub's
// settings. At those, filling the store took 6.5 s of CPU; at these,
// under one.
func ownPictures(t testing.TB) *imageproc.Store {
	t.Helper()
	s := &ownStore
	s.once.Do(func() {
		s.store = &imageproc.Store{Settings: ownPictureSettings()}
		_, s.err = Load(context.Background(), Options{Site: hubtest.OwnContent(t), Theme: layouts.FS(), Now: testNow, Images: s.store})
	})
	if s.err != nil {
		t.Fatalf("loading the hub's own site to make its pictures: %v", s.err)
	}
	return s.store
}

// ownPictureSettings are hub's settings (imageproc.DefaultSettings) with
// one width, the faster filter and WebP's fastest method.
func ownPictureSettings() imageproc.Settings {
	s := imageproc.DefaultSettings()
	s.Widths = []int{480}
	s.Filter = "approxbilinear"
	s.WebPMethod = 0
	return s
}

// ownStore is ownPictures' store, made once.
var ownStore struct {
	once  sync.Once
	store *imageproc.Store
	err   error
}

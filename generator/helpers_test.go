package generator

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ideas-hub/hub/generator/i18n"
	"github.com/ideas-hub/hub/layouts"
)

// testNow is the build clock of the fixture sites.
var testNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// fixtureTheme is a small theme that prints the data the tests look for,
// with the real theme's messages; the real theme has golden tests of its own.
func fixtureTheme() fs.FS {
	return withMessages{os.DirFS("testdata/theme"), layouts.FS()}
}

// withMessages is a theme with the message files (i18n/) of another.
type withMessages struct{ theme, messages fs.FS }

func (w withMessages) Open(name string) (fs.File, error) {
	if name == i18n.Dir || strings.HasPrefix(name, i18n.Dir+"/") {
		return w.messages.Open(name)
	}
	return w.theme.Open(name)
}

// site makes an in-memory site from file contents keyed by path.
func site(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

// build builds files into a fresh folder with the fixture theme and returns it.
func build(t *testing.T, files map[string]string, opt ...func(*Options)) (string, *Site) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Site: site(files), Theme: fixtureTheme(), Now: testNow}
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
	_, _, err := Build(context.Background(), Options{Site: site(files), Theme: fixtureTheme(), Now: testNow}, out, false)
	if err == nil {
		t.Fatal("build succeeded; want errors")
	}
	ds, ok := err.(Diagnostics)
	if !ok {
		t.Fatalf("error is %T (%v), want Diagnostics", err, err)
	}
	return ds
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("reading output: %v", err)
	}
	return string(data)
}

func exists(dir, rel string) bool {
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
	return err == nil
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q:\n%s", what, w, got)
		}
	}
}

func mustNotContain(t *testing.T, what, got string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(got, b) {
			t.Errorf("%s contains %q:\n%s", what, b, got)
		}
	}
}

// md is a content file: YAML front matter lines then a body.
func md(front string, body string) string {
	return "---\n" + strings.TrimSpace(front) + "\n---\n" + body
}

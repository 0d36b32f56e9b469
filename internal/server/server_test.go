package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func publicDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":                  "<h1>Home</h1>",
		"404.html":                    "<h1>Not here</h1>",
		"stories/a/index.html":        "<h1>A</h1>",
		"assets/style.0123456789.css": "body{}",
		"events/calendar.ics":         "BEGIN:VCALENDAR",
		"empty/readme.txt":            "a folder without index.html",
		".hidden":                     "secret",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	secret := filepath.Join(filepath.Dir(dir), "outside.txt")
	if err := os.WriteFile(secret, []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func get(t *testing.T, h http.Handler, method, target string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, "http://hub.test"+target, nil)
	req.URL.Path = target // keep dot segments that NewRequest would resolve
	if i := strings.IndexByte(target, '?'); i >= 0 {
		req.URL.Path, req.URL.RawQuery = target[:i], target[i+1:]
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func TestStaticFiles(t *testing.T) {
	h := New(Config{PublicDir: publicDir(t)}).Handler()
	tests := []struct {
		path     string
		status   int
		body     string
		location string
	}{
		{"/", 200, "<h1>Home</h1>", ""},
		{"/stories/a/", 200, "<h1>A</h1>", ""},
		{"/stories/a", 301, "", "/stories/a/"},
		{"/stories/a/index.html", 200, "<h1>A</h1>", ""},
		{"/nope/", 404, "<h1>Not here</h1>", ""},
		{"/empty/", 404, "<h1>Not here</h1>", ""}, // no directory listings
		{"/.hidden", 404, "<h1>Not here</h1>", ""},
		// ServeMux redirects dot segments to the cleaned path, which stays in the site.
		{"/../outside.txt", 307, "", "/outside.txt"},
		{"/stories/../../outside.txt", 307, "", "/outside.txt"},
		{"/outside.txt", 404, "<h1>Not here</h1>", ""},
		{"/..%2foutside.txt", 404, "<h1>Not here</h1>", ""},
		{"/a\\..\\..\\outside.txt", 404, "<h1>Not here</h1>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res := get(t, h, "GET", tt.path)
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d", res.StatusCode, tt.status)
			}
			if tt.body != "" && string(body) != tt.body {
				t.Errorf("body %q, want %q", body, tt.body)
			}
			if strings.Contains(string(body), ">outside<") || string(body) == "outside" || strings.Contains(string(body), "readme.txt") {
				t.Errorf("leaked %q", body)
			}
			if loc := res.Header.Get("Location"); loc != tt.location {
				t.Errorf("Location %q, want %q", loc, tt.location)
			}
		})
	}
}

func TestHeaders(t *testing.T) {
	h := New(Config{PublicDir: publicDir(t)}).Handler()
	res := get(t, h, "GET", "/")
	for _, name := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if res.Header.Get(name) == "" {
			t.Errorf("no %s header", name)
		}
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("HTML Cache-Control %q, want no-cache", cc)
	}
	res = get(t, h, "GET", "/assets/style.0123456789.css")
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("asset Cache-Control %q, want immutable", cc)
	}
	if ct := get(t, h, "GET", "/events/calendar.ics").Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("ics Content-Type %q", ct)
	}
	if res := get(t, h, "POST", "/"); res.StatusCode != 405 || res.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d, Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
	res = get(t, h, "HEAD", "/stories/a/")
	if body, _ := io.ReadAll(res.Body); res.StatusCode != 200 || len(body) != 0 {
		t.Errorf("HEAD: %d with %d bytes", res.StatusCode, len(body))
	}
}

func TestWithoutSearchEndpoint(t *testing.T) {
	h := New(Config{PublicDir: publicDir(t)}).Handler()
	if res := get(t, h, "GET", "/healthz"); res.StatusCode != 503 {
		t.Errorf("/healthz without an index: %d, want 503", res.StatusCode)
	}
	if res := get(t, h, "GET", "/api/search?q=x"); res.StatusCode != 503 {
		t.Errorf("/api/search without an index: %d, want 503", res.StatusCode)
	}
	if res := get(t, h, "GET", "/"); res.StatusCode != 200 {
		t.Errorf("site without an index: %d, want 200", res.StatusCode)
	}
}

func TestPanicsAreRecovered(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	h := New(Config{PublicDir: publicDir(t), Logger: logger, API: http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })}).Handler()
	if res := get(t, h, "GET", "/api/search?q=x"); res.StatusCode != 500 {
		t.Errorf("status %d, want 500", res.StatusCode)
	}
	if res := get(t, h, "GET", "/"); res.StatusCode != 200 {
		t.Errorf("after a panic: %d", res.StatusCode)
	}
}

//go:build unix

package server

import (
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServesOnlyRegularFilesInsideTheOutput plants links and odd files in
// the output folder: the server answers a link that stays inside with its
// file, and anything that leads outside, or is not a regular file, with
// the site's 404 page, quickly.
func TestServesOnlyRegularFilesInsideTheOutput(t *testing.T) {
	dir := publicDir(t)
	outside := filepath.Join(filepath.Dir(dir), "outside.txt") // publicDir writes it
	links := map[string]string{
		"etc":                 "/etc",
		"passwd.txt":          "/etc/passwd",
		"up":                  "..",
		"secret.txt":          "../outside.txt",
		"abs-secret.txt":      outside,
		"stories/b":           "../../",
		"same/index.html":     "../stories/a/index.html",
		"copy-of-a.html":      "stories/a/index.html",
		"stories/a/self.html": "index.html",
	}
	for name, target := range links {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	pipe := filepath.Join(dir, "pipe.html")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	h := New(Config{PublicDir: dir}).Handler()
	tests := []struct {
		path   string
		status int
		body   string
	}{
		{"/etc/passwd", 404, "<h1>Not here</h1>"},
		{"/etc/hostname", 404, "<h1>Not here</h1>"},
		{"/etc/", 404, "<h1>Not here</h1>"},
		{"/passwd.txt", 404, "<h1>Not here</h1>"},
		{"/up/outside.txt", 404, "<h1>Not here</h1>"},
		{"/secret.txt", 404, "<h1>Not here</h1>"},
		{"/abs-secret.txt", 404, "<h1>Not here</h1>"},
		{"/stories/b/outside.txt", 404, "<h1>Not here</h1>"},
		{"/pipe.html", 404, "<h1>Not here</h1>"},
		// Links that stay inside the output are followed.
		{"/same/", 200, "<h1>A</h1>"},
		{"/copy-of-a.html", 200, "<h1>A</h1>"},
		{"/stories/a/self.html", 200, "<h1>A</h1>"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			answered := make(chan *httptest.ResponseRecorder, 1)
			go func() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", "http://hub.test"+tt.path, nil))
				answered <- rec
			}()
			var rec *httptest.ResponseRecorder
			select {
			case rec = <-answered:
			case <-time.After(5 * time.Second):
				t.Errorf("GET %s: no answer in 5 s", tt.path)
				// A reader waiting on the pipe gets its end once a writer comes and goes.
				if w, err := os.OpenFile(pipe, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					w.Close()
				}
				rec = <-answered
			}
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.status || !strings.Contains(string(body), tt.body) {
				t.Errorf("GET %s: %d %.80q, want %d %q", tt.path, res.StatusCode, body, tt.status, tt.body)
			}
			for _, leak := range []string{"root:", "outside"} {
				if strings.Contains(string(body), leak) {
					t.Errorf("GET %s served a file from outside the output: %.80q", tt.path, body)
				}
			}
		})
	}

	// The site's own 404 page is itself only served from inside.
	if err := os.Remove(filepath.Join(dir, "404.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "404.html")); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://hub.test/nope/", nil))
	if rec.Code != 404 || strings.Contains(rec.Body.String(), "root:") {
		t.Errorf("404 through a link to /etc/passwd: %d %.80q", rec.Code, rec.Body.String())
	}
}

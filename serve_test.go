package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// lockedBuffer collects a command's stderr while it runs.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type served struct {
	url    string
	lines  chan string // stdout after the first line
	stderr *lockedBuffer
}

// serve runs `hub serve` on a free port until the test ends.
func serve(t testing.TB, site string, args ...string) *served {
	t.Helper()
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{lines: make(chan string, 100), stderr: &lockedBuffer{}}
	done := make(chan int, 1)
	args = append([]string{"serve", "--site", site, "--addr", "127.0.0.1:0"}, args...)
	go func() {
		done <- run(ctx, args, pw, s.stderr)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("hub serve exited %d", code)
			}
		case <-time.After(10 * time.Second):
			t.Error("hub serve did not shut down")
		}
	})
	sc := bufio.NewScanner(pr)
	if !sc.Scan() {
		t.Fatalf("no output; stderr:\n%s", s.stderr.String())
	}
	first := sc.Text()
	if !regexp.MustCompile(`^serving http://127\.0\.0\.1:\d+/$`).MatchString(first) {
		t.Fatalf("first line %q", first)
	}
	s.url = strings.TrimPrefix(first, "serving ")
	go func() {
		for sc.Scan() {
			select {
			case s.lines <- sc.Text():
			default: // nobody reads them (benchmarks): drop
			}
		}
	}()
	return s
}

func (s *served) get(t *testing.T, path string) (int, http.Header, string) {
	t.Helper()
	res, err := http.Get(s.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(body)
}

// events subscribes to the live reload stream and returns its events.
func (s *served) events(t testing.TB) <-chan [2]string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", s.url+"_hub/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan [2]string, 10)
	go func() {
		defer res.Body.Close()
		r := bufio.NewReader(res.Body)
		var name string
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if v, ok := strings.CutPrefix(line, "event: "); ok {
				name = v
			}
			if v, ok := strings.CutPrefix(line, "data: "); ok {
				out <- [2]string{name, v}
			}
		}
	}()
	return out
}

func next(t testing.TB, events <-chan [2]string, want string) string {
	t.Helper()
	for {
		select {
		case ev := <-events:
			if ev[0] == want {
				return ev[1]
			}
			if ev[0] == "errors" && want != "errors" {
				t.Fatalf("the build failed while waiting for %q: %s", want, ev[1])
			}
		case <-time.After(15 * time.Second): // a bound on a hung test, not a speed check
			t.Fatalf("no %q event", want)
		}
	}
}

func TestServe(t *testing.T) {
	t.Parallel()
	site := hubtest.CopySite(t, "testdata/site")
	s := serve(t, site)

	code, h, body := s.get(t, "/case-studies/night-bus/")
	if code != 200 || !strings.Contains(body, "night bus") {
		t.Fatalf("page: %d\n%s", code, body)
	}
	for _, name := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if h.Get(name) == "" {
			t.Errorf("no %s header", name)
		}
	}
	if !strings.Contains(body, `<script src="/_hub/reload.js" defer></script></body>`) {
		t.Error("the live reload script is not injected under serve --watch")
	}
	built, _ := os.ReadFile(filepath.Join(site, "public/case-studies/night-bus/index.html"))
	if strings.Contains(string(built), "_hub") {
		t.Error("the live reload script was written into public/")
	}
	if code, _, _ := s.get(t, "/healthz"); code != 200 {
		t.Errorf("/healthz %d", code)
	}
	code, _, body = s.get(t, "/api/search?q=timebanks")
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			URL string `json:"url"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil || code != 200 || res.Total == 0 {
		t.Errorf("/api/search: %d %v %s", code, err, body)
	}
	code, _, body = s.get(t, "/search/?q=hours&type=story")
	if code != 200 || !strings.Contains(body, "/stories/timebank-year/") || !strings.Contains(body, "<mark>") {
		t.Errorf("server-rendered search page: %d\n%s", code, body)
	}
	if code, _, _ := s.get(t, "/search/?q=x&sort=sideways"); code != 400 {
		t.Errorf("bad search from the page: %d, want 400", code)
	}

	// Edit: the page changes, open pages are told to reload, the terminal says so.
	events := s.events(t)
	next(t, events, "hello")
	story := filepath.Join(site, "content/stories/timebank-year.md")
	data, _ := os.ReadFile(story)
	edited := strings.Replace(string(data), "Hours given, hours received.", "Hours given, hours received, hours shared in reciprocity.", 1)
	if err := os.WriteFile(story, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	next(t, events, "reload")
	if _, _, body := s.get(t, "/stories/timebank-year/"); !strings.Contains(body, "hours shared") {
		t.Error("the edit is not served")
	}
	if line := <-s.lines; !strings.HasPrefix(line, "built 6 pages") {
		t.Errorf("the first build's line: %q", line)
	}
	select {
	case line := <-s.lines:
		if !regexp.MustCompile(`^rebuilt after content/stories/timebank-year\.md: \d+ files? written, 0 removed in \d+m?s$`).MatchString(line) {
			t.Errorf("rebuild line %q", line)
		}
	case <-time.After(5 * time.Second):
		t.Error("no rebuild line")
	}
	// Search catches up once the edits pause (see indexQuiet).
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		_, _, body := s.get(t, "/api/search?q=reciprocity")
		if strings.Contains(body, "/stories/timebank-year/") {
			break
		}
		if time.Now().After(deadline) { // a bound on a hung test, not a speed check
			t.Fatalf("the index was not updated: %s", body)
		}
	}

	// Break it: errors reach the page and the terminal; the last good site stays.
	if err := os.WriteFile(story, []byte(strings.Replace(edited, `"date": "2025-05-06 10:00"`, `"date": "May"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	problems := next(t, events, "errors")
	if !strings.Contains(problems, `"path":"content/stories/timebank-year.md","line":3`) || !strings.Contains(problems, `"source":"  \"date\": \"May\","`) {
		t.Errorf("errors event: %s", problems)
	}
	if code, _, body := s.get(t, "/stories/timebank-year/"); code != 200 || !strings.Contains(body, "hours shared") {
		t.Error("the last good page is not served after a failed build")
	}
	if !strings.Contains(s.stderr.String(), "content/stories/timebank-year.md:3:") {
		t.Errorf("stderr: %s", s.stderr.String())
	}

	// Fix it: the pages reload.
	if err := os.WriteFile(story, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	next(t, events, "reload")
}

func TestServeFirstBuildFails(t *testing.T) {
	t.Parallel()
	site := hubtest.CopySite(t, "testdata/site")
	bad := filepath.Join(site, "content/stories/bad.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: Bad\ndate: tomorrow\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := serve(t, site)
	code, _, body := s.get(t, "/")
	if code != 404 || !strings.Contains(body, "/_hub/reload.js") {
		t.Errorf("before any build: %d\n%s", code, body)
	}
	hello := next(t, s.events(t), "hello")
	if !strings.Contains(hello, "content/stories/bad.md") {
		t.Errorf("hello: %s", hello)
	}
	events := s.events(t)
	next(t, events, "hello")
	if err := os.WriteFile(bad, []byte("---\ntitle: Bad\ndate: 2025-01-01\n---\nFixed.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	next(t, events, "reload")
	if code, _, _ := s.get(t, "/stories/bad/"); code != 200 {
		t.Errorf("after the fix: %d", code)
	}
}

func TestServeWithoutWatchOrIndex(t *testing.T) {
	t.Parallel()
	site := hubtest.CopySite(t, "testdata/site")
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	// The index cannot be written under a file: the site is served without search.
	s := serve(t, site, "--watch=false", "--index", filepath.Join(blocker, "index"))
	if code, _, body := s.get(t, "/"); code != 200 || strings.Contains(body, "_hub") {
		t.Errorf("home: %d, script injected: %v", code, strings.Contains(body, "_hub"))
	}
	if code, _, _ := s.get(t, "/healthz"); code != 503 {
		t.Errorf("/healthz without an index: %d, want 503", code)
	}
	if code, _, _ := s.get(t, "/_hub/events"); code != 404 {
		t.Errorf("/_hub/events without --watch: %d, want 404", code)
	}
	if code, _, body := s.get(t, "/search/?q=bus"); code != 503 || !strings.Contains(body, "not available") {
		t.Errorf("search page without an index: %d", code)
	}
}

package preview

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// stream connects to the event stream and returns a function reading the
// next event's name and data.
func stream(t *testing.T, srv *httptest.Server) (next func() (string, string), cancel func()) {
	t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/_hub/events", nil)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	r := bufio.NewReader(res.Body)
	next = func() (string, string) {
		var name, data string
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatalf("reading stream: %v", err)
			}
			line = strings.TrimRight(line, "\n")
			switch {
			case strings.HasPrefix(line, "event: "):
				name = line[7:]
			case strings.HasPrefix(line, "data: "):
				data = line[6:]
			case line == "" && name != "":
				return name, data
			}
		}
	}
	return next, func() { stop(); res.Body.Close() }
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for i := 0; i < 500 && !cond(); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if !cond() {
		t.Fatal("condition not met")
	}
}

func TestEvents(t *testing.T) {
	b := NewBroker()
	srv := httptest.NewServer(b.Handler())
	defer srv.Close()

	next, cancel := stream(t, srv)
	if name, data := next(); name != "hello" || data != `{"version":0,"problems":null}` {
		t.Errorf("first event %s %s", name, data)
	}
	b.Reload(nil)
	if name, _ := next(); name != "reload" {
		t.Errorf("after Reload: %s", name)
	}
	b.SwapCSS("/assets/style.abc.css", nil)
	if name, data := next(); name != "css" || data != `{"url":"/assets/style.abc.css"}` {
		t.Errorf("after SwapCSS: %s %s", name, data)
	}
	b.Fail([]Problem{{Path: "content/a.md", Line: 3, Col: 1, Message: "bad <date>", Source: "date: x"}})
	name, data := next()
	if name != "errors" || !strings.Contains(data, `"path":"content/a.md","line":3,"col":1,"message":"bad \u003cdate\u003e","source":"date: x"`) {
		t.Errorf("after Fail: %s %s", name, data)
	}

	// A page that opens while the build is broken sees the problems at once.
	next2, cancel2 := stream(t, srv)
	if name, data := next2(); name != "hello" || !strings.Contains(data, "content/a.md") {
		t.Errorf("hello while broken: %s %s", name, data)
	}
	// Fixing the files reloads every page, even for a CSS-only change.
	b.SwapCSS("/assets/style.def.css", nil)
	for _, n := range []func() (string, string){next, next2} {
		if name, _ := n(); name != "reload" {
			t.Errorf("after the fix: %s, want reload", name)
		}
	}
	if st := b.State(); st.Version != 3 || st.Problems != nil {
		t.Errorf("state %+v", st)
	}

	// Pages that go away are dropped: no goroutine or channel is left behind.
	if b.Clients() != 2 {
		t.Errorf("clients = %d, want 2", b.Clients())
	}
	cancel()
	cancel2()
	waitFor(t, func() bool { return b.Clients() == 0 })
}

func TestInject(t *testing.T) {
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Length", "40")
			io.WriteString(w, "<html><body><h1>Hi</h1></body></html>")
		case "/nohtml/":
			w.WriteHeader(404)
			io.WriteString(w, "<!doctype html><h1>Missing</h1>")
		case "/style.css":
			w.Header().Set("Content-Type", "text/css")
			io.WriteString(w, "body{}</body>")
		}
	})
	h := Inject(site)
	tests := []struct{ path, want string }{
		{"/page/", "<html><body><h1>Hi</h1>" + Snippet + "</body></html>"},
		{"/nohtml/", "<!doctype html><h1>Missing</h1>" + Snippet},
		{"/style.css", "body{}</body>"},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
		if got := rec.Body.String(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.path, got, tt.want)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/nohtml/", nil))
	if rec.Code != 404 {
		t.Errorf("status %d, want 404 kept", rec.Code)
	}
}

// A good build's warnings are the state open pages show: a page that
// opens sees them at once; a change of warnings reloads the pages, even
// for a CSS-only change, so the overlay follows; the same warnings let a
// stylesheet swap in place.
func TestWarnings(t *testing.T) {
	b := NewBroker()
	srv := httptest.NewServer(b.Handler())
	defer srv.Close()
	next, cancel := stream(t, srv)
	defer cancel()
	next() // hello

	warned := []Problem{{Path: "content/a.md", Line: 5, Col: 1, Message: "raw HTML <iframe> is not published", Severity: Warning}}
	b.SwapCSS("/assets/style.abc.css", warned)
	if name, _ := next(); name != "reload" {
		t.Errorf("new warnings: %s, want reload", name)
	}
	b.SwapCSS("/assets/style.def.css", warned)
	if name, _ := next(); name != "css" {
		t.Errorf("the same warnings: %s, want css", name)
	}
	later, cancelLater := stream(t, srv)
	defer cancelLater()
	if name, data := later(); name != "hello" || !strings.Contains(data, `"message":"raw HTML \u003ciframe\u003e is not published","severity":"warning"`) {
		t.Errorf("a page opened now: %s %s", name, data)
	}
	b.Reload(nil)
	if name, _ := next(); name != "reload" {
		t.Errorf("warnings gone: %s, want reload", name)
	}
	if st := b.State(); st.Problems != nil || st.Version != 3 {
		t.Errorf("state %+v", st)
	}
}

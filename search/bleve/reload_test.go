package bleveengine

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/search"
)

var quiet = slog.New(slog.DiscardHandler)

// buildIndex builds the fixture hub, and one page naming build, into dir.
func buildIndex(t *testing.T, dir, build string) {
	t.Helper()
	docs := append(fixtureDocs(), search.Document{URL: "/build/", Title: "Build " + build, Type: "page", Body: "marker " + build})
	if err := Build(context.Background(), dir, build, search.DefaultSchema(), docs); err != nil {
		t.Fatal(err)
	}
}

// largestSegment is the relative path of the index's biggest zap file.
func largestSegment(t *testing.T, dir string) string {
	t.Helper()
	segs, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segments")
	}
	size := func(p string) int64 { info, _ := os.Stat(p); return info.Size() }
	big := slices.MaxFunc(segs, func(a, b string) int { return int(size(a) - size(b)) })
	return "store/" + filepath.Base(big)
}

func TestOpenVerifiedRefusesDamagedIndexes(t *testing.T) {
	good := filepath.Join(t.TempDir(), "good")
	buildIndex(t, good, "good")
	seg := largestSegment(t, good)
	other := filepath.Join(t.TempDir(), "other")
	bi, err := bleve.New(other, bleve.NewIndexMapping()) // not hub's mapping
	if err != nil {
		t.Fatal(err)
	}
	bi.SetInternal([]byte(internalBuildID), []byte("other"))
	bi.Index("/x/", map[string]any{"title": "x"})
	bi.Close()

	tests := []struct {
		name string
		edit func(rel string, data []byte) []byte
		dir  string // instead of a copy of good
		want string
	}{
		{name: "whole", edit: keep, want: ""},
		{name: "root.bolt copied part way", want: "root.bolt is incomplete", edit: func(rel string, data []byte) []byte {
			if rel == "store/root.bolt" {
				return data[:3*os.Getpagesize()] // its two meta pages and one more
			}
			return data
		}},
		{name: "a segment cut short", want: "its checksum does not match", edit: func(rel string, data []byte) []byte {
			if rel == seg {
				return data[:len(data)-100]
			}
			return data
		}},
		{name: "a segment not copied yet", want: "incomplete or damaged", edit: func(rel string, data []byte) []byte {
			if rel == seg {
				return nil
			}
			return data
		}},
		{name: "nothing copied but the folders", want: "no search index", edit: func(string, []byte) []byte { return nil }},
		{name: "another program's index", dir: other, want: "mapping is not this hub's"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir
			if dir == "" {
				dir = filepath.Join(t.TempDir(), "copy")
				hubtest.CopyTree(t, good, dir, tt.edit)
			}
			ix, err := OpenVerified(context.Background(), dir)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("a whole index refused: %v", err)
				}
				ix.Close()
				return
			}
			if err == nil {
				ix.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func keep(_ string, data []byte) []byte { return data }

func TestReloaderSwapsAndRefuses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "search.bleve")
	holder := search.NewHolder(nil)
	r := NewReloader(dir, holder, quiet)
	if err := r.Reload(context.Background()); err == nil || !strings.HasPrefix(r.Problem(), "no search index in "+dir) {
		t.Errorf("before any index: %v, problem %q", err, r.Problem())
	}
	buildIndex(t, dir, "a")
	if err := r.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	a := holder.Current()
	if a == nil || a.BuildID() != "a" || r.Problem() != "" {
		t.Fatalf("after the first reload: %v, problem %q", a, r.Problem())
	}

	// A search in flight on a when b comes: the swap does not wait for it,
	// and a is closed only once it is done.
	a.(*Index).mu.RLock()
	buildIndex(t, dir, "b") // as hub build does: a new folder renamed into place
	swapped := make(chan error, 1)
	go func() { swapped <- r.Reload(context.Background()) }()
	select {
	case err := <-swapped:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the swap waited for the search in flight")
	}
	if got := holder.Current().BuildID(); got != "b" {
		t.Fatalf("serving %q after the swap, want b", got)
	}
	time.Sleep(50 * time.Millisecond)
	if a.(*Index).closed { // Close has not got the lock: reading closed is safe
		t.Error("the old index was closed under a search in flight")
	}
	a.(*Index).mu.RUnlock()
	deadline := time.Now().Add(5 * time.Second)
	for _, err := a.DocCount(); !errors.Is(err, search.ErrClosed); _, err = a.DocCount() {
		if time.Now().After(deadline) {
			t.Fatal("the old index was not closed after its last search")
		}
		time.Sleep(time.Millisecond)
	}

	// A half-copied index renamed into place is refused; b stays.
	whole := filepath.Join(t.TempDir(), "c")
	buildIndex(t, whole, "c")
	half := dir + ".new"
	hubtest.CopyTree(t, whole, half, func(rel string, data []byte) []byte {
		if rel == "store/root.bolt" {
			return data[:3*os.Getpagesize()]
		}
		return data
	})
	os.RemoveAll(dir)
	if err := os.Rename(half, dir); err != nil {
		t.Fatal(err)
	}
	if err := r.Reload(context.Background()); err == nil {
		t.Fatal("a half-copied index was opened")
	}
	if got := holder.Current().BuildID(); got != "b" {
		t.Errorf("serving %q after a refused index, want b", got)
	}
	for _, want := range []string{"root.bolt is incomplete", "still serving build b"} {
		if !strings.Contains(r.Problem(), want) {
			t.Errorf("Problem() = %q, does not say %q", r.Problem(), want)
		}
	}
	if res, err := holder.Current().Search(context.Background(), search.Request{Query: "marker"}); err != nil || res.Total != 1 || res.Hits[0].Title != "Build b" {
		t.Errorf("search after the refusal: %v %+v", err, res)
	}

	// A whole one after it is taken, and the problem is gone.
	os.RemoveAll(dir)
	buildIndex(t, dir, "d")
	if err := r.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := holder.Current().BuildID(); got != "d" || r.Problem() != "" {
		t.Errorf("serving %q with problem %q, want d and none", got, r.Problem())
	}
	// The same build again keeps the index open.
	d := holder.Current()
	if err := r.Reload(context.Background()); err != nil || holder.Current() != d {
		t.Errorf("reloading the same build swapped: %v", err)
	}
}

// TestReloaderNoticesANewIndex: without SIGHUP, a new index is picked up
// however a deploy puts it in place.
func TestReloaderNoticesANewIndex(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "search.bleve")
	for _, b := range []string{"v1", "v2", "v4"} {
		buildIndex(t, filepath.Join(root, "releases", b), b)
	}
	if err := os.Symlink(filepath.Join(root, "releases", "v1"), dir); err != nil {
		t.Fatal(err)
	}
	holder := search.NewHolder(nil)
	r := NewReloader(dir, holder, quiet)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx, nil)
	serving := func(want string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second) // a poll, a settle, a reload: 2 s on a quiet machine
		for time.Now().Before(deadline) {
			if ix := holder.Current(); ix != nil && ix.BuildID() == want {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		got := "none"
		if ix := holder.Current(); ix != nil {
			got = ix.BuildID()
		}
		t.Fatalf("serving %s, want %s (problem: %q)", got, want, r.Problem())
	}
	serving("v1") // the index already there when it starts

	// A symlink flip: ln -s releases/v2 tmp && mv -T tmp search.bleve.
	tmp := dir + ".tmp"
	if err := os.Symlink(filepath.Join(root, "releases", "v2"), tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		t.Fatal(err)
	}
	serving("v2")

	// hub build: a new folder swapped in for the link.
	buildIndex(t, dir, "v3")
	serving("v3")

	// A copy into an empty folder in place, file by file: seen by the poll
	// once it has settled.
	os.RemoveAll(dir)
	os.Mkdir(dir, 0o755)
	hubtest.CopyTree(t, filepath.Join(root, "releases", "v4"), dir, keep)
	serving("v4")
}

func TestHealthSaysWhyAnIndexWasRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	buildIndex(t, dir, "b1")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	warning := "refused the search index put in place: store/root.bolt is incomplete; still serving build b1"
	health := func(src search.IndexSource) (int, map[string]any) {
		srv := httptest.NewServer(search.NewHandler(src, search.HandlerOptions{Logger: quiet, Warning: func() string { return warning }}))
		defer srv.Close()
		res, err := http.Get(srv.URL + search.HealthPath)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		if err := json.Unmarshal(readAll(t, res), &body); err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, body
	}
	// Still serving the old index: healthy, so a load balancer keeps it.
	code, body := health(search.NewHolder(ix))
	if code != 200 || body["status"] != "ok" || body["build_id"] != "b1" || body["warning"] != warning {
		t.Errorf("serving the old index: %d %v", code, body)
	}
	// Nothing to serve: unavailable, and why.
	code, body = health(search.NewHolder(nil))
	if code != 503 || !strings.Contains(body["error"].(string), warning) {
		t.Errorf("nothing to serve: %d %v", code, body)
	}
}

package bleveengine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/synth"
	"github.com/ideas-hub/hub/search"
)

func TestBuildAndOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	docs := fixtureDocs()
	if err := Build(context.Background(), dir, "build-42", search.DefaultSchema(), docs); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.BuildID() != "build-42" {
		t.Errorf("build id %q", ix.BuildID())
	}
	if n, err := ix.DocCount(); err != nil || n != uint64(len(docs)) {
		t.Errorf("doc count %d, %v; want %d", n, err, len(docs))
	}
	// Every page is findable by its type, with its stored fields intact.
	for _, d := range docs {
		r, err := ix.Search(context.Background(), search.Request{Types: []string{d.Type}, Size: search.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		var hit *search.Hit
		for i := range r.Hits {
			if r.Hits[i].URL == d.URL {
				hit = &r.Hits[i]
			}
		}
		if hit == nil {
			t.Errorf("%s not found by type", d.URL)
			continue
		}
		if hit.Title != d.Title || hit.Summary != d.Summary || strings.Join(hit.Tags, ",") != strings.Join(d.Tags, ",") {
			t.Errorf("%s stored as %+v", d.URL, hit)
		}
		if (hit.Date == nil) != d.Date.IsZero() || hit.Date != nil && *hit.Date != d.Date.Format(search.DayLayout) {
			t.Errorf("%s: date %v, want %v", d.URL, hit.Date, d.Date)
		}
	}
	// No scratch folders are left beside the index.
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("left beside the index: %v", entries)
	}
}

func TestBuildReplacesIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	docs := fixtureDocs()
	if err := Build(context.Background(), dir, "one", search.DefaultSchema(), docs); err != nil {
		t.Fatal(err)
	}
	// A server keeps the old index open across the swap.
	old, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if err := Build(context.Background(), dir, "two", search.DefaultSchema(), docs[:3]); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, _ := ix.DocCount(); ix.BuildID() != "two" || n != 3 {
		t.Errorf("after rebuild: id %q, %d pages", ix.BuildID(), n)
	}
	if r, err := old.Search(context.Background(), search.Request{Query: "timebank"}); err != nil || r.Total == 0 {
		t.Errorf("old index after swap: %v, %+v", err, r)
	}
}

func TestFailedBuildKeepsPreviousIndex(t *testing.T) {
	valid := fixtureDocs()
	tests := []struct {
		name string
		run  func(ctx context.Context, dir string) error
	}{
		{"cancelled before start", func(ctx context.Context, dir string) error {
			ctx, cancel := context.WithCancel(ctx)
			cancel()
			return Build(ctx, dir, "bad", search.DefaultSchema(), valid)
		}},
		{"duplicate URL", func(ctx context.Context, dir string) error {
			return Build(ctx, dir, "bad", search.DefaultSchema(), append(fixtureDocs(), valid[0]))
		}},
		{"unknown type", func(ctx context.Context, dir string) error {
			docs := fixtureDocs()
			docs[4].Type = "blog-post"
			return Build(ctx, dir, "bad", search.DefaultSchema(), docs)
		}},
		{"missing URL", func(ctx context.Context, dir string) error {
			docs := fixtureDocs()
			docs[2].URL = ""
			return Build(ctx, dir, "bad", search.DefaultSchema(), docs)
		}},
		{"date out of range", func(ctx context.Context, dir string) error {
			docs := fixtureDocs()
			docs[1].Date = time.Date(1200, 1, 1, 0, 0, 0, 0, time.UTC)
			return Build(ctx, dir, "bad", search.DefaultSchema(), docs)
		}},
		{"cancelled mid-stream", func(ctx context.Context, dir string) error {
			ctx, cancel := context.WithCancel(ctx)
			ch := make(chan search.Document)
			go func() {
				defer close(ch)
				for i, d := range synth.Documents(600) {
					if i == 300 {
						cancel()
					}
					select {
					case ch <- d:
					case <-ctx.Done():
						return
					}
				}
			}()
			return BuildStream(ctx, dir, "bad", search.DefaultSchema(), ch, nil)
		}},
		{"time limit", func(ctx context.Context, dir string) error {
			ctx, cancel := context.WithTimeout(ctx, time.Millisecond)
			defer cancel()
			return Build(ctx, dir, "bad", search.DefaultSchema(), synth.Documents(600))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "index")
			if err := Build(context.Background(), dir, "good", search.DefaultSchema(), valid); err != nil {
				t.Fatal(err)
			}
			if err := tt.run(context.Background(), dir); err == nil {
				t.Fatal("build succeeded")
			}
			ix, err := Open(dir)
			if err != nil {
				t.Fatalf("previous index unusable: %v", err)
			}
			defer ix.Close()
			if n, _ := ix.DocCount(); ix.BuildID() != "good" || n != uint64(len(valid)) {
				t.Errorf("index now %q with %d pages", ix.BuildID(), n)
			}
			// A cancelled build's writer may outlive it a little (see
			// abandon): its folder goes when it stops.
			entries, _ := os.ReadDir(parent)
			for deadline := time.Now().Add(30 * time.Second); len(entries) != 1 && time.Now().Before(deadline); {
				time.Sleep(10 * time.Millisecond)
				entries, _ = os.ReadDir(parent)
			}
			if len(entries) != 1 {
				t.Errorf("left beside the index: %v", entries)
			}
		})
	}
}

// TestBuildStreamWaitsToSwapUntilReady: hub build closes docs once the load
// has sent every page and ready once the site is staged. The index is
// finished in between, and replaces the old one only when ready is closed,
// never when the context is cancelled first (the site failed to render).
func TestBuildStreamWaitsToSwapUntilReady(t *testing.T) {
	t.Parallel()
	for _, siteStaged := range []bool{true, false} {
		t.Run(fmt.Sprintf("staged=%v", siteStaged), func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "index")
			if err := Build(t.Context(), dir, "old", search.DefaultSchema(), fixtureDocs()); err != nil {
				t.Fatal(err)
			}
			docs := make(chan search.Document, 40)
			for _, d := range synth.Documents(40) {
				docs <- d
			}
			close(docs)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			ready, written, returned := make(chan struct{}), make(chan struct{}), make(chan error, 1)
			tune := tuning{batchSize: 20, workers: 2, written: func() { close(written) }}
			go func() {
				returned <- buildStream(ctx, dir, buildMeta{id: "new", schema: search.DefaultSchema()}, docs, ready, tune)
			}()
			select {
			case <-written:
			case err := <-returned:
				t.Fatalf("returned %v before ready, without finishing the index first", err)
			case <-time.After(time.Minute):
				t.Fatal("the index was not finished while waiting to be swapped in")
			}
			select {
			case err := <-returned:
				t.Fatalf("returned %v before ready", err)
			case <-time.After(100 * time.Millisecond):
			}
			if id := buildIDAt(t, dir); id != "old" {
				t.Fatalf("before ready, the index in place is %q", id)
			}
			if siteStaged {
				close(ready)
			} else {
				cancel()
			}
			if err := <-returned; (err == nil) != siteStaged {
				t.Errorf("staged %v: returned %v", siteStaged, err)
			}
			want := map[bool]string{true: "new", false: "old"}[siteStaged]
			if id := buildIDAt(t, dir); id != want {
				t.Errorf("after the wait, the index in place is %q, want %q", id, want)
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 1 {
				t.Errorf("left beside the index: %v", entries)
			}
		})
	}
}

// buildIDAt opens the index in dir for the build id it records.
func buildIDAt(t *testing.T, dir string) string {
	t.Helper()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	return ix.BuildID()
}

func TestBuildRefusesToReplaceOtherFolders(t *testing.T) {
	dir := t.TempDir()
	precious := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(precious, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Build(context.Background(), dir, "x", search.DefaultSchema(), fixtureDocs()); err == nil {
		t.Fatal("built over a folder that is not an index")
	}
	if _, err := os.Stat(precious); err != nil {
		t.Fatal(err)
	}
	// An empty folder is fine.
	empty := filepath.Join(t.TempDir(), "empty")
	os.Mkdir(empty, 0o755)
	if err := Build(context.Background(), empty, "x", search.DefaultSchema(), fixtureDocs()); err != nil {
		t.Fatal(err)
	}
}

func TestOpenMissingIndex(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "nowhere"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing index: %v, want fs.ErrNotExist", err)
	}
}

func TestBuildEmpty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if err := Build(context.Background(), dir, "empty", search.DefaultSchema(), nil); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r, err := ix.Search(context.Background(), search.Request{Query: "timebank"})
	if err != nil || r.Total != 0 || len(r.Facets.Type) != 0 {
		t.Errorf("%v %+v", err, r)
	}
}

// hub serve and hub search may have one index open at once.
func TestOpenTwice(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if err := Build(context.Background(), dir, "x", search.DefaultSchema(), fixtureDocs()); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		a, err := Open(dir)
		if err != nil {
			done <- err
			return
		}
		defer a.Close()
		b, err := Open(dir)
		if err == nil {
			b.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("second Open blocked")
	}
}

func TestBuildNormalisesTags(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	docs := []search.Document{{URL: "/stories/x/", Title: "X", Type: "story", Tags: []string{"Co-Production", " co-production ", "Wales"}}}
	if err := Build(context.Background(), dir, "x", search.DefaultSchema(), docs); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r, err := ix.Search(context.Background(), search.Request{Tags: []string{"co-production"}})
	if err != nil || len(r.Hits) != 1 || strings.Join(r.Hits[0].Tags, ",") != "co-production,wales" {
		t.Errorf("%v %+v", err, r)
	}
}

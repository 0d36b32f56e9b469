package watch

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// start watches a fresh site folder with content/ and returns it with the watcher.
func start(t *testing.T) (string, *Watcher) {
	t.Helper()
	site := t.TempDir()
	for _, d := range []string{"content/stories", "public", "static"} {
		if err := os.MkdirAll(filepath.Join(site, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	w, err := New(Options{
		Roots:  []string{filepath.Join(site, "content"), filepath.Join(site, "layouts"), filepath.Join(site, "static")},
		Files:  []string{filepath.Join(site, "hub.toml")},
		Skip:   []string{filepath.Join(site, "public")},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go w.Run(ctx)
	t.Cleanup(func() { cancel(); w.Close() })
	return site, w
}

// collect gathers batches until every wanted path has been seen.
func collect(t *testing.T, w *Watcher, want ...string) (batches int, seen map[string]bool) {
	t.Helper()
	seen = map[string]bool{}
	deadline := time.After(10 * time.Second) // a bound on a hung test, not a speed check
	for {
		missing := false
		for _, p := range want {
			if !seen[p] {
				missing = true
			}
		}
		if !missing {
			return batches, seen
		}
		select {
		case b := <-w.Batches():
			batches++
			for _, p := range b.Paths {
				seen[p] = true
			}
		case <-deadline:
			t.Fatalf("timed out; saw %v, want %v", seen, want)
		}
	}
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRenameSaveIsOneChange(t *testing.T) {
	site, w := start(t)
	file := filepath.Join(site, "content/stories/a.md")
	write(t, file, "one")
	collect(t, w, file)

	// vim: write a temp file, rename the original away, rename the temp in.
	tmp := filepath.Join(site, "content/stories/.a.md.swp")
	write(t, tmp, "two")
	backup := file + "~"
	if err := os.Rename(file, backup); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	os.Remove(backup)
	batches, seen := collect(t, w, file)
	if batches != 1 || len(seen) != 1 {
		t.Errorf("rename-save gave %d batches with %v; want one batch with only %s", batches, seen, file)
	}
}

func TestNewFoldersAreWatched(t *testing.T) {
	site, w := start(t)
	dir := filepath.Join(site, "content/case-studies/wales")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	collect(t, w, filepath.Join(site, "content/case-studies"))
	file := filepath.Join(dir, "bus.md")
	write(t, file, "x")
	collect(t, w, file)

	// A root that did not exist at the start (layouts/) is picked up too.
	layouts := filepath.Join(site, "layouts")
	if err := os.Mkdir(layouts, 0o755); err != nil {
		t.Fatal(err)
	}
	collect(t, w, layouts)
	lf := filepath.Join(layouts, "story.html")
	write(t, lf, "x")
	collect(t, w, lf)
}

func TestBurstOfFilesArrivesInFewBatches(t *testing.T) {
	site, w := start(t)
	var want []string
	for i := range 200 {
		p := filepath.Join(site, "content/stories", fmt.Sprintf("s%03d.md", i))
		want = append(want, p)
		write(t, p, "x")
	}
	batches, seen := collect(t, w, want...)
	if batches > 5 {
		t.Errorf("200 files arrived in %d batches; the debounce should merge a burst", batches)
	}
	if len(seen) != 200 {
		t.Errorf("saw %d paths, want 200", len(seen))
	}
}

func TestDroppingsAndSkippedFoldersAreIgnored(t *testing.T) {
	site, w := start(t)
	stories := filepath.Join(site, "content/stories")
	for _, name := range []string{".a.md.swp", "4913", "a.md~", ".#a.md", "a.tmp", "#a.md#", ".DS_Store"} {
		write(t, filepath.Join(stories, name), "x")
	}
	write(t, filepath.Join(site, "public/index.html"), "x")
	write(t, filepath.Join(site, "README.md"), "x") // beside the site, not part of it
	marker := filepath.Join(stories, "real.md")
	write(t, marker, "x")
	_, seen := collect(t, w, marker)
	delete(seen, marker)
	if len(seen) > 0 {
		t.Errorf("reported ignored paths: %v", seen)
	}
}

func TestConfigFileRenameSave(t *testing.T) {
	site, w := start(t)
	cfg := filepath.Join(site, "hub.toml")
	write(t, cfg+".tmp", "title = 'x'")
	if err := os.Rename(cfg+".tmp", cfg); err != nil {
		t.Fatal(err)
	}
	_, seen := collect(t, w, cfg)
	for p := range seen {
		if p != cfg {
			t.Errorf("unexpected %s", p)
		}
	}
}

func TestIgnored(t *testing.T) {
	for _, name := range []string{".x", "x~", "4913", ".#x.md", "x.tmp", ".x.swp", "x.swx"} {
		if !Ignored(name) {
			t.Errorf("%s is not ignored", name)
		}
	}
	for _, name := range []string{"x.md", "style.css", "4914", "hub.toml"} {
		if Ignored(name) {
			t.Errorf("%s is ignored", name)
		}
	}
}

// A folder that arrives whole (moved in, or made and filled faster than
// its watch is added) reports the files already in it: inotify tells of
// the folder alone, and a preview that waited for its files would never
// build them.
func TestFolderMovedInReportsItsFiles(t *testing.T) {
	site, w := start(t)
	outside := t.TempDir()
	dir := filepath.Join(outside, "wales")
	if err := os.MkdirAll(filepath.Join(dir, "north"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "bus.md"), "x")
	write(t, filepath.Join(dir, "north", "timebank.md"), "y")
	write(t, filepath.Join(dir, ".bus.md.swp"), "editor leftovers are not news")
	moved := filepath.Join(site, "content/stories/wales")
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	_, seen := collect(t, w, filepath.Join(moved, "bus.md"), filepath.Join(moved, "north", "timebank.md"))
	if seen[filepath.Join(moved, ".bus.md.swp")] {
		t.Error("an editor's swap file in the moved folder was reported")
	}
	// The folders are watched from then on.
	later := filepath.Join(moved, "north", "later.md")
	write(t, later, "z")
	collect(t, w, later)
}

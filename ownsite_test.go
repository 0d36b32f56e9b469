package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ideas-hub/hub/internal/cli"
	"github.com/ideas-hub/hub/internal/hubtest"
)

// ownStore is the image store of one build of the hub's own site, made
// once per test binary: each test that builds or serves the own site
// starts from a copy of it, so its pictures are decoded and its cards
// drawn once, not once per test (ten seconds of CPU each on the project's
// VM). TestMain removes it.
//
// Between runs it is kept in the user's cache folder, as go keeps its
// build cache (keptStore): a store is keyed by each picture's bytes, the
// settings and the drawing code's version, so the next run draws only what
// changed. The first build of a run took 4-7 s of CPU and held up every
// test of the own site, TestAccessibility, the longest, among them; from
// the kept store it takes 0.2 s. The pipeline itself is tested in
// generator/imageproc and generator, from nothing each run, and CI starts
// with no kept store.
var ownStore sharedStore

type sharedStore struct {
	once sync.Once
	dir  string // the site built; its store is dir/.hub/images
	err  error
}

// ownSite is a copy of the hub's own site (hubtest.OwnSite) whose
// .hub/images holds what a build of it makes of its pictures.
func ownSite(t testing.TB) string {
	t.Helper()
	images, err := ownStore.images()
	if err != nil {
		t.Fatal(err)
	}
	site := hubtest.OwnSite(t)
	hubtest.CopyTree(t, images, filepath.Join(site, filepath.FromSlash(cli.ImageStoreDir)), nil)
	return site
}

func (s *sharedStore) images() (string, error) {
	s.once.Do(func() {
		if s.dir, s.err = os.MkdirTemp("", "hub-own-store-"); s.err != nil {
			return
		}
		root, err := filepath.Abs(".")
		if err != nil {
			s.err = err
			return
		}
		for _, dir := range []string{"content", "static"} {
			if s.err = os.CopyFS(filepath.Join(s.dir, dir), os.DirFS(filepath.Join(root, dir))); s.err != nil {
				return
			}
		}
		data, err := os.ReadFile(filepath.Join(root, "hub.toml"))
		if err == nil {
			err = os.WriteFile(filepath.Join(s.dir, "hub.toml"), data, 0o644)
		}
		if err != nil {
			s.err = err
			return
		}
		store := filepath.Join(s.dir, filepath.FromSlash(cli.ImageStoreDir))
		kept := keptStore()
		if kept != "" && os.CopyFS(store, os.DirFS(kept)) != nil {
			// A kept store that cannot be read whole (another run
			// replaced it meanwhile) is dropped: the build makes all.
			_ = os.RemoveAll(store)
		}
		var stderr lockedBuffer
		if code := run(context.Background(), []string{"build", "--site", s.dir, "--no-index", "--quiet"}, io.Discard, &stderr); code != exitOK {
			s.err = fmt.Errorf("building the own site's image store: hub build exited %d:\n%s", code, stderr.String())
			return
		}
		if kept != "" {
			keepStore(store, kept)
		}
	})
	return filepath.Join(s.dir, filepath.FromSlash(cli.ImageStoreDir)), s.err
}

// keptStore is where the own site's store is kept between runs, or ""
// where there is no user cache folder.
func keptStore() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "hub", "test-own-site-images")
}

// keepStore puts a copy of store at kept, replacing the one there. Two
// runs at once each rename a whole copy in, so kept is always one store;
// a copy that fails leaves the old one.
func keepStore(store, kept string) {
	if err := os.MkdirAll(filepath.Dir(kept), 0o755); err != nil {
		return
	}
	fresh, err := os.MkdirTemp(filepath.Dir(kept), ".fresh-")
	if err != nil {
		return
	}
	defer os.RemoveAll(fresh)
	copied := filepath.Join(fresh, "store")
	if os.CopyFS(copied, os.DirFS(store)) != nil {
		return
	}
	old := filepath.Join(fresh, "old")
	if err := os.Rename(kept, old); err != nil && !os.IsNotExist(err) {
		return
	}
	_ = os.Rename(copied, kept)
}

// remove deletes the shared store, if it was made.
func (s *sharedStore) remove() {
	if s.dir != "" {
		_ = os.RemoveAll(s.dir)
	}
}

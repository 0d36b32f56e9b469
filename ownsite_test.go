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
		var stderr lockedBuffer
		if code := run(context.Background(), []string{"build", "--site", s.dir, "--no-index", "--quiet"}, io.Discard, &stderr); code != exitOK {
			s.err = fmt.Errorf("building the own site's image store: hub build exited %d:\n%s", code, stderr.String())
		}
	})
	return filepath.Join(s.dir, filepath.FromSlash(cli.ImageStoreDir)), s.err
}

// remove deletes the shared store, if it was made.
func (s *sharedStore) remove() {
	if s.dir != "" {
		_ = os.RemoveAll(s.dir)
	}
}

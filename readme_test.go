package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The README's first screen (everything before its first "## " heading)
// is where a newcomer learns how to look at a build: through a web
// server, since pages link from the site's root and fail from file://,
// and that search on a static host needs the endpoint. Issue #21 found
// it sending readers to open public/index.html.
func TestReadmeFirstScreenShowsHowToLookAtABuild(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(data), "\n## ")
	for _, want := range []string{
		"go run . serve\n",                 // run the hub's own site
		"go test ./...",                    // run the tests
		"go run . serve --watch=false",     // look at a build through hub's server
		"python3 -m http.server -d public", // or any static server
		"search_endpoint",                  // search on a static host needs the endpoint
	} {
		if !strings.Contains(first, want) {
			t.Errorf("the README's first screen does not say %q", want)
		}
	}
	for _, line := range strings.Split(first, "\n") {
		if strings.Contains(line, "Open `public/index.html`") || strings.Contains(line, "open `public/index.html`") {
			t.Errorf("the README's first screen sends readers to a file that fails from disk: %q", line)
		}
	}
}

// ARCHITECTURE.md is a newcomer's map of the packages: every folder that
// holds Go code is on it, by its path. Six packages, the card and picture
// code among them, had gone missing from it.
func TestArchitectureMapsEveryPackage(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (name == "testdata" || strings.HasPrefix(name, ".") || name == "public" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		if dir == "." || !strings.HasSuffix(path, ".go") {
			return nil
		}
		if !strings.Contains(doc, dir+"/") {
			t.Errorf("ARCHITECTURE.md does not name %s/", dir)
			return filepath.SkipDir
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

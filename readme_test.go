package main

import (
	"os"
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

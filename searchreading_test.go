package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// readingSite is a site whose case study has a heading over a paragraph
// and a list, as the hub's own do.
func readingSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	writeFile(t, site, "hub.toml", "title = \"Reading Hub\"\nbase_url = \"https://reading.example.org/\"\nnow = \"2026-11-22 12:00\"\n")
	writeFile(t, site, "content/case-studies/time-centre.md", `---
title: A valley's time centre
date: 2025-02-04
tags: [Wales, Timebanking]
---
The valley lost its pits and then its shops.

## How the time centre works

The trust took on the old workmen's hall and made it the centre of the timebank.

## What changed

- More people volunteering
- Fewer empty evenings
`)
	return site
}

// A snippet is taken from the page's plain text, which keeps a line break
// after each block: a heading must not run into the paragraph under it.
func TestSearchSnippetKeepsHeadingsApart(t *testing.T) {
	site := readingSite(t)
	index := filepath.Join(t.TempDir(), "index")
	if code, _, stderr := hub(t, "build", "--site", site, "--out", filepath.Join(t.TempDir(), "public"), "--index", index, "--quiet"); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	for _, tt := range []struct{ query, want string }{
		{"trust", "How the time centre works. The <mark>trust</mark> took"},
		{"volunteering", "What changed. More people <mark>volunteering</mark>. Fewer empty evenings"},
	} {
		code, stdout, stderr := hub(t, "search", "--index", index, "--json", tt.query)
		var res struct {
			Hits []struct {
				Snippet string `json:"snippet"`
			} `json:"hits"`
		}
		if err := json.Unmarshal([]byte(stdout), &res); err != nil || code != 0 || len(res.Hits) != 1 {
			t.Fatalf("%s: exit %d, %v\n%s%s", tt.query, code, err, stdout, stderr)
		}
		if got := res.Hits[0].Snippet; !strings.Contains(got, tt.want) {
			t.Errorf("%s: snippet %q lacks %q", tt.query, got, tt.want)
		}
	}
}

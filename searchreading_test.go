package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// readingSite is a site whose case study has a heading over a paragraph
// and a list, as the hub's own do.
func readingSite(t *testing.T) string {
	t.Helper()
	return hubtest.WriteTxtar(t, `-- hub.toml --
title = "Reading Hub"
base_url = "https://reading.example.org/"
now = "2026-11-22 12:00"
-- content/case-studies/time-centre.md --
---
title: A valley's time centre
date: 2025-02-04
tags: [Wales, Timebanking]
authors: [Priya Shah]
region: South Wales
---
The valley lost its pits and then its shops.

## How the time centre works

The trust took on the old workmen's hall and made it the centre of the timebank.

## What changed

- More people volunteering
- Fewer empty evenings
`)
}

// A snippet is taken from the page's plain text, which keeps a line break
// after each block: a heading must not run into the paragraph under it.
func TestSearchSnippetKeepsHeadingsApart(t *testing.T) {
	t.Parallel()
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

// The page the server renders for a search dates its results as every
// other page does, and labels its facets and hits with the names of types
// and of terms of every taxonomy (tags, authors, regions), as their own
// pages do, not with the slugs the endpoint answers with.
func TestServedSearchReadsAsTheSite(t *testing.T) {
	t.Parallel()
	s := serve(t, readingSite(t), "--watch=false")
	code, _, page := s.get(t, "/search/?q=trust")
	if code != 200 {
		t.Fatalf("%d\n%s", code, page)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`<time datetime="?2025-02-04"?>4 February 2025</time>`),
		regexp.MustCompile(`data-field="?type"? data-term="?case-study"?>Case studies <`),
		regexp.MustCompile(`data-field="?tag"? data-term="?wales"?>Wales <`),
		regexp.MustCompile(`"tags":\{"timebanking":"Timebanking","wales":"Wales"\}`),
		regexp.MustCompile(`<a href="?/authors/priya-shah/"?>Priya Shah</a>`),
		regexp.MustCompile(`<a href="?/regions/south-wales/"?>South Wales</a>`),
		regexp.MustCompile(`data-field="?author"? data-term="?priya-shah"?>Priya Shah <`),
		regexp.MustCompile(`data-field="?region"? data-term="?south-wales"?>South Wales <`),
		regexp.MustCompile(`value="?priya-shah"?> Priya Shah <`), // the form's filter
		// The script's labels, for the results it draws.
		regexp.MustCompile(`"terms":\{"authors":\{"priya-shah":"Priya Shah"\},"regions":\{"south-wales":"South Wales"\}\}`),
	} {
		if !want.MatchString(page) {
			t.Errorf("the served search page does not match %s", want)
		}
	}
}

// A search hit is a card like any other: its first three tags as links and
// the rest counted, so a keyboard reader meets each hit's title and a few
// tags, with the server drawing the page and the script alike (search.js
// follows partials/card-tags.html).
func TestServedSearchHitsShowAFewTags(t *testing.T) {
	t.Parallel()
	s := serve(t, ownSite(t), "--watch=false")
	code, _, page := s.get(t, "/search/?q=timebank")
	if code != 200 {
		t.Fatalf("%d\n%s", code, page)
	}
	tagLink := regexp.MustCompile(`rel="?tag"?`)
	more := regexp.MustCompile(`class="?tags-more"?>\+(\d+) more<`)
	hits, capped := strings.Split(page, "<article")[1:], 0
	for _, hit := range hits {
		hit, _, _ = strings.Cut(hit, "</article>")
		if n := len(tagLink.FindAllString(hit, -1)); n > 3 {
			t.Errorf("a hit links %d tags, want at most 3:\n%s", n, hit)
		}
		if more.MatchString(hit) {
			capped++
		}
	}
	if len(hits) < 5 || capped == 0 {
		t.Fatalf("%d hits, %d with tags counted: the query no longer finds pages of many tags", len(hits), capped)
	}
}

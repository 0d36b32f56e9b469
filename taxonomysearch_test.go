package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// The index a build makes knows the site's taxonomies: each hit lists its
// terms of every taxonomy but tags, and the facets count each taxonomy.
func TestSearchHitsCarryEveryTaxonomysTerms(t *testing.T) {
	t.Parallel()
	site := hubtest.CopySite(t, "testdata/site")
	index := filepath.Join(t.TempDir(), "index")
	if code, _, stderr := hub(t, "build", "--site", site, "--index", index, "--quiet"); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	code, stdout, stderr := hub(t, "search", "--index", index, "--json", "night", "bus")
	if code != 0 {
		t.Fatalf("search: exit %d: %s", code, stderr)
	}
	var res struct {
		Hits   []map[string]any `json:"hits"`
		Facets map[string][]struct {
			Term  string `json:"term"`
			Count int    `json:"count"`
		} `json:"facets"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || len(res.Hits) == 0 {
		t.Fatalf("%v\n%s", err, stdout)
	}
	hit := res.Hits[0]
	for key, want := range map[string]string{"authors": "nia-evans", "organisations": "example-community-transport", "regions": "wales"} {
		got, _ := json.Marshal(hit[key])
		if string(got) != `["`+want+`"]` {
			t.Errorf("hit %s: %s, want [%q]", key, got, want)
		}
	}
	for _, name := range []string{"authors", "organisations", "regions", "tags"} {
		if len(res.Facets[name]) == 0 {
			t.Errorf("no %s facet: %s", name, stdout)
		}
	}
}

// Under hub serve, each taxonomy's param filters; declaring taxonomies in
// hub.toml while serving makes the index anew with them: the new filter
// works and a default taxonomy's no longer does.
func TestServedSearchFollowsTheDeclaredTaxonomies(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	hubtest.WriteFile(t, site, "hub.toml", "title = \"Hub\"\nnow = \"2026-01-01 09:00\"\n")
	hubtest.WriteFile(t, site, "content/stories/a.md", "---\ntitle: A\ndate: 2025-01-01\nauthors: [Nia Evans]\nsupport_type: Befriending\n---\nA.\n")
	hubtest.WriteFile(t, site, "content/stories/b.md", "---\ntitle: B\ndate: 2025-01-02\nsupport_type: [befriending, Peer support]\n---\nB.\n")
	s := serve(t, site)
	if code, _, body := s.get(t, "/api/search?author=nia-evans"); code != 200 || !strings.Contains(body, `"total":1`) {
		t.Fatalf("author filter: %d %s", code, body)
	}
	hubtest.WriteFile(t, site, "hub.toml", "title = \"Hub\"\nnow = \"2026-01-01 09:00\"\n"+
		"[[taxonomies]]\nname = \"support-types\"\nparam = \"support\"\nkeys = [\"support_type\"]\ntitle = \"Support types\"\nsingular = \"Support type\"\n")
	deadline := time.Now().Add(15 * time.Second)
	for {
		code, _, body := s.get(t, "/api/search?support=befriending")
		if code == 200 && strings.Contains(body, `"total":2`) && strings.Contains(body, `"support-types":["befriending"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the support filter after the edit: %d %s", code, body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code, _, body := s.get(t, "/api/search?author=nia-evans"); code != 400 {
		t.Errorf("a taxonomy no longer declared still filters: %d %s", code, body)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "support-types", "befriending", "index.html")); err != nil {
		t.Errorf("the declared taxonomy's term page: %v", err)
	}
}

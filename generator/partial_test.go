package generator

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

// partialCached renders a partial once per build and variant: pages with
// one variant all show the first render, another variant renders afresh,
// and the next build, even one patched in place, renders again.
func TestPartialCachedRendersOncePerVariantPerBuild(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	m.set("content/stories/a.md", md("title: Alpha\ndate: 2025-01-01", "A."))
	m.set("content/stories/b.md", md("title: Beta\ndate: 2025-01-02", "B."))
	m.set("layouts/partials/who.html", `{{.Page.Title}}`)
	m.set("layouts/story.html", `{{define "main"}}[{{partialCached "partials/who.html" . "one"}}][{{partialCached "partials/who.html" . .Page.Slug 1}}]{{end}}`)
	m.take()
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, out, true)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	shown := regexp.MustCompile(`\[(\w+)\]\[(\w+)\]`)
	parts := func(rel string) (shared, own string) {
		t.Helper()
		m := shown.FindStringSubmatch(hubtest.Read(t, out, rel))
		if m == nil {
			t.Fatalf("%s shows no partials", rel)
		}
		return m[1], m[2]
	}
	sharedA, ownA := parts("stories/a/index.html")
	sharedB, ownB := parts("stories/b/index.html")
	if sharedA != sharedB || (sharedA != "Alpha" && sharedA != "Beta") {
		t.Errorf("the shared variant shows %q and %q, want one page's title on both", sharedA, sharedB)
	}
	if ownA != "Alpha" || ownB != "Beta" {
		t.Errorf("own variants show %q and %q, want Alpha and Beta", ownA, ownB)
	}

	m.set("content/stories/a.md", md("title: Gamma\ndate: 2025-01-01", "A."))
	res, err := b.Build(context.Background(), m.take())
	if err != nil {
		t.Fatal(err)
	}
	if !res.Patched {
		t.Fatal("the title edit was not patched in place: the test shows nothing")
	}
	if shared, own := parts("stories/a/index.html"); shared != "Gamma" || own != "Gamma" {
		t.Errorf("after the edit the page shows [%s][%s], want [Gamma][Gamma]: the last build's render was reused", shared, own)
	}
}

func TestViewCurrentInAndMenuState(t *testing.T) {
	t.Parallel()
	v := &View{URL: "/events/webinar/", Site: &SiteInfo{Menu: []MenuItem{{Name: "Events", URL: "/events/"}, {Name: "Tags", URL: "/tags/"}, {Name: "Webinar", URL: "/events/webinar/"}}}}
	for url, want := range map[string]string{"/": "", "/events/": "true", "/events/webinar/": "page", "/tags/": "", "/events/webinar/x/": ""} {
		if got := v.CurrentIn(url); got != want {
			t.Errorf("CurrentIn(%q) = %q, want %q", url, got, want)
		}
	}
	if got := v.MenuState(); got != "-t-p" {
		t.Errorf("MenuState = %q, want -t-p", got)
	}
	home := &View{URL: "/", Site: v.Site}
	if home.CurrentIn("/") != "page" || home.MenuState() != "p---" {
		t.Errorf("home: CurrentIn(/) = %q, MenuState = %q", home.CurrentIn("/"), home.MenuState())
	}
}

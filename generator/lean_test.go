package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"

	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// A lean build drops bodies as it goes and writes the very same files.
func TestLeanBuildWritesTheSameAndDropsBodies(t *testing.T) {
	t.Parallel()
	files := map[string]string{}
	for i := range 30 { // more than the site feed's twenty
		files[fmt.Sprintf("content/stories/s%02d.md", i)] = md(fmt.Sprintf("title: S%d\ndate: 2025-01-%02d", i, i%28+1), fmt.Sprintf("Body of story %d.", i))
	}
	render := func(lean bool, extra map[string]string, k ...knobs) (string, *Site) {
		m := hubtest.MapFS(files)
		for k, v := range extra {
			m[k] = hubtest.MapFS(map[string]string{k: v})[k]
		}
		o := Options{Site: m, Theme: layouts.FS(), Now: testNow}
		if len(k) > 0 {
			o.knobs = k[0]
		}
		s, err := Load(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		if lean {
			s.Lean()
		}
		out := filepath.Join(t.TempDir(), "public")
		if _, err := s.Render(context.Background(), out, true); err != nil {
			t.Fatal(err)
		}
		return out, s
	}
	plain, _ := render(false, nil)
	lean, s := render(true, nil)
	hubtest.SameTrees(t, "lean", lean, plain)
	// A big site's one-off load holds bodies packed until it renders them.
	packedSources, _ := render(true, nil, knobs{packSourcesFrom: 1})
	hubtest.SameTrees(t, "lean, sources packed", packedSources, plain)
	dropped := 0
	for _, p := range s.Pages {
		if p.PlainText() != "" {
			t.Errorf("%s kept its plain text", p.Path)
		}
		if p.Content() == "" {
			dropped++
		}
	}
	if want := len(s.Pages) - feedSize; dropped != want {
		t.Errorf("%d pages dropped their HTML, want %d (all but the site feed's)", dropped, want)
	}
	feed, _ := os.ReadFile(filepath.Join(lean, "feed.xml"))
	hubtest.Contains(t, "site feed", string(feed), "Body of story 27.") // the newest

	// A layout naming PlainText or Content keeps them.
	story := map[string]string{"layouts/story.html": `{{define "main"}}{{.Page.PlainText}}|{{range .Page.Related}}{{.Content}}{{end}}{{end}}`}
	plain, _ = render(false, story)
	lean, s = render(true, story)
	hubtest.SameTrees(t, "lean, layout naming bodies", lean, plain)
	hubtest.Contains(t, "story", hubtest.Read(t, lean, "stories/s03/index.html"), "Body of story 3.")
	for _, p := range s.Pages {
		if p.PlainText() == "" || p.Content() == "" {
			t.Errorf("%s lost its body though a layout names it", p.Path)
		}
	}
}

// A one-off load with Options.Index hands over each published page with
// its plain text as its body renders; the pages then keep no plain text,
// unless a layout shows it. Drafts are not handed over.
func TestLoadHandsPagesToIndex(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"content/stories/a.md": md("title: A\ndate: 2025-01-02\ntags: [Co-production, co-production, Housing]", "Body of story a."),
		"content/stories/b.md": md("title: B\ndate: 2025-01-03", "Body of story b."),
		"content/stories/c.md": md("title: C\ndate: 2025-01-04\ndraft: true", "Body of draft c."),
	}
	for _, shows := range []bool{false, true} {
		m := hubtest.MapFS(files)
		if shows {
			m["layouts/story.html"] = hubtest.MapFS(map[string]string{"x": `{{define "main"}}{{.Page.PlainText}}{{end}}`})["x"]
		}
		var mu sync.Mutex
		got := map[string]string{}
		opts := Options{Site: m, Theme: layouts.FS(), Now: testNow, Index: func(p *content.Page, plain []byte) error {
			mu.Lock()
			defer mu.Unlock()
			got[p.URL] = string(plain) + "|" + p.Summary + "|" + strings.Join(p.TagSlugs, ",")
			return nil
		}}
		s, err := Load(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"/stories/a/": "Body of story a.|Body of story a.|co-production,co-production,housing",
			"/stories/b/": "Body of story b.|Body of story b.|",
		}
		if !maps.Equal(got, want) {
			t.Errorf("layout shows plain text %v: handed over %q, want %q", shows, got, want)
		}
		for _, p := range s.Pages {
			if kept := p.PlainText() != ""; kept != shows {
				t.Errorf("layout shows plain text %v: %s kept it %v", shows, p.Path, kept)
			}
		}
		s.Lean()
		out := filepath.Join(t.TempDir(), "public")
		if _, err := s.Render(context.Background(), out, true); err != nil {
			t.Fatal(err)
		}
		if shows {
			hubtest.Contains(t, "story", hubtest.Read(t, out, "stories/a/index.html"), "Body of story a.")
		}
	}

	// An error from Index stops the load.
	stop := errors.New("index full")
	_, err := Load(context.Background(), Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow,
		Index: func(*content.Page, []byte) error { return stop }})
	if !errors.Is(err, stop) {
		t.Errorf("Load with a failing Index returned %v, want its error", err)
	}
}

// A one-off load keeps each page's map of its front matter only when a
// layout shows .Params: otherwise nothing reads it. Where the keys are
// written is read only while the front matter is checked. Both go before
// bodies render, the longest part of a load, which sees each page as its
// body is handed to the index.
func TestOneOffLoadKeepsParamsOnlyWhenALayoutShowsThem(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"content/stories/a.md": md("title: A\ndate: 2025-01-02\nfunder: Trust for Wales", "Body."),
	}
	build := func() (s *Site, html string, paramsWhileRendering, keysWhileRendering bool) {
		out := filepath.Join(t.TempDir(), "public")
		index := func(p *content.Page, _ []byte) error {
			paramsWhileRendering = p.Params != nil
			keysWhileRendering = p.Source.Keys != nil || p.Source.KeyOrder != nil
			return nil
		}
		s, _, err := Build(context.Background(), Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow, Index: index}, out, false)
		if err != nil {
			t.Fatal(err)
		}
		return s, hubtest.Read(t, out, "stories/a/index.html"), paramsWhileRendering, keysWhileRendering
	}
	s, _, params, keys := build()
	if p := s.Pages[0].Params; p != nil || params {
		t.Errorf("no layout shows .Params, yet the page kept %v (while its body rendered: %v)", p, params)
	}
	if keys {
		t.Error("the page kept where its front matter keys are written until its body rendered")
	}
	files["layouts/story.html"] = `{{define "main"}}<p>Funded by {{.Page.Params.funder}}</p>{{end}}`
	s, html, params, _ := build()
	if got := s.Pages[0].Params["funder"]; got != "Trust for Wales" || !params {
		t.Errorf("the layout shows .Params, and the page kept funder %v (while its body rendered: %v)", got, params)
	}
	hubtest.Contains(t, "story", html, "Funded by Trust for Wales")
}

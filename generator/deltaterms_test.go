package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

// A term edit in the preview (issue #23) takes the fast path, and the
// pages it serves show it: an author added to a page, an organisation
// renamed, a term's description file rewritten, removed and written anew,
// a new author with their description.
// Each step's output must also be what a full build makes of the files.
func TestTermEditsTakeTheFastPath(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	m.set(ConfigFile, "title = \"Hub\"\n")
	story := func(authors string) string {
		return md("title: Allotment rotas\ndate: 2026-05-01\ntags: [food]\nauthors: ["+authors+"]", "How the rota works.\n")
	}
	caseStudy := func(org string) string {
		return md("title: A shop that stayed open\ndate: 2026-04-01\nregion: Wales\norganisation: "+org, "The shop.\n")
	}
	nia := func(summary string) string {
		return md("title: Nia Evans, organiser\nsummary: "+summary, "Nia runs the allotments.\n")
	}
	m.set("content/stories/rotas.md", story(`"Nia Evans"`))
	m.set("content/stories/other.md", md("title: Another story\ndate: 2026-03-01\nauthors: [Nia Evans]", "Text.\n"))
	m.set("content/case-studies/shop.md", caseStudy("Hartlepower"))
	m.set("content/authors/nia-evans.md", nia("She grows leeks."))
	out := filepath.Join(hubtest.MemDir(t), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, out, false)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	m.take()

	steps := []struct {
		name string
		edit func()
		// shown: each page (an output file) with text it must show;
		// gone: files there must be no more.
		shown map[string]string
		gone  []string
	}{
		{"an author added", func() { m.set("content/stories/rotas.md", story(`"Nia Evans", "Priya Shah"`)) },
			map[string]string{
				"authors/priya-shah/index.html": "Allotment rotas",
				"authors/index.html":            "Priya Shah",
				"stories/rotas/index.html":      "Priya Shah",
				"stories/index.html":            "Priya Shah", // the browse box
			}, nil},
		{"an organisation renamed", func() { m.set("content/case-studies/shop.md", caseStudy("Hartlepower Trust")) },
			map[string]string{
				"organisations/hartlepower-trust/index.html": "A shop that stayed open",
				"organisations/index.html":                   "Hartlepower Trust",
				"case-studies/index.html":                    "Hartlepower Trust",
			}, []string{"organisations/hartlepower/index.html", "organisations/hartlepower/feed.xml"}},
		{"a description rewritten", func() { m.set("content/authors/nia-evans.md", nia("She grows beans.")) },
			map[string]string{"authors/nia-evans/index.html": "She grows beans."}, nil},
		{"a description removed", func() { m.remove("content/authors/nia-evans.md") },
			map[string]string{"authors/nia-evans/index.html": "Nia Evans"}, nil},
		{"a description written", func() {
			m.set("content/authors/priya-shah.md", md("title: Priya Shah, gardener\nwebsite: https://example.org/priya", "Priya keeps bees.\n"))
		}, map[string]string{"authors/priya-shah/index.html": "Priya keeps bees."}, nil},
		{"an author and their description at once", func() {
			m.set("content/stories/rotas.md", story(`"Nia Evans", "Priya Shah", "Sam Lee"`))
			m.set("content/authors/sam-lee.md", md("title: Sam Lee, treasurer", "Sam counts the seeds.\n"))
		}, map[string]string{"authors/sam-lee/index.html": "Sam counts the seeds.", "stories/rotas/index.html": "Sam Lee"}, nil},
	}
	for _, st := range steps {
		st.edit()
		res, err := b.Build(context.Background(), m.take())
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if !res.Patched {
			t.Errorf("%s took the general path", st.name)
		}
		for file, text := range st.shown {
			if got := hubtest.ReadText(t, out, file); !strings.Contains(got, text) {
				t.Errorf("%s: /%s does not show %q:\n%s", st.name, file, text, got)
			}
		}
		// The search page's script names the terms of every taxonomy.
		if search := hubtest.Read(t, out, "search/index.html"); !strings.Contains(search, `"priya-shah":"Priya Shah"`) {
			t.Errorf("%s: the search page does not name the author Priya Shah", st.name)
		}
		for _, file := range st.gone {
			if _, err := os.Stat(filepath.Join(out, file)); err == nil {
				t.Errorf("%s: /%s is still there", st.name, file)
			}
		}
		want, err := fullBuild(t, m.fs, false)
		if err != nil {
			t.Fatal(err)
		}
		hubtest.SameTrees(t, st.name, out, want)
	}
	// The description removed: its words are gone from the page.
	if got := hubtest.ReadText(t, out, "authors/nia-evans/index.html"); strings.Contains(got, "grows beans") {
		t.Errorf("/authors/nia-evans/ still shows the removed description:\n%s", got)
	}
}

// A description file's edit renders its term's page alone: the term's
// other outputs, its index, lists and the search page show nothing of it.
func TestDescriptionEditRendersItsTermsPageAlone(t *testing.T) {
	t.Parallel()
	m := &mutableSite{fs: fstest.MapFS{}}
	m.set(ConfigFile, "title = \"Hub\"\n")
	m.set("content/stories/a.md", md("title: A\ndate: 2026-05-01\nauthors: [Nia Evans]", "Text.\n"))
	m.set("content/authors/nia-evans.md", md("title: Nia Evans\nsummary: One.", "Body.\n"))
	out := filepath.Join(hubtest.MemDir(t), "public")
	b := NewBuilder(Options{Site: m.fs, Theme: layouts.FS(), Now: testNow}, out, false)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	m.take()
	m.set("content/authors/nia-evans.md", md("title: Nia Evans\nsummary: Two.", "Body.\n"))
	res, err := b.Build(context.Background(), m.take())
	if err != nil {
		t.Fatal(err)
	}
	if !res.Patched || res.Stats.Rendered != 1 {
		t.Errorf("patched %v, %d files rendered; want the term's page alone, on the fast path", res.Patched, res.Stats.Rendered)
	}
	if got := hubtest.ReadText(t, out, "authors/nia-evans/index.html"); !strings.Contains(got, "Two.") {
		t.Errorf("/authors/nia-evans/ does not show the new summary:\n%s", got)
	}
}

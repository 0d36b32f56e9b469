package generator

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"
)

// foldedMain prints build-constant values in each context html/template
// escapes differently, with characters each escaper changes.
const foldedMain = `{{define "main"}}<p title="{{"a&b\"<>'+ x"}}">{{T "share.email_html"}}|{{T "nav.skip"}}|{{"<b>&amp;"}}</p>` +
	`<title>{{"<i>&"}}</title><a href="{{asset "style.css"}}">s</a><a href="{{"javascript:alert(1)"}}">j</a>` +
	`<a href="/{{"é x?y=<z>"}}">n</a><a href="/?q={{"a b&c/é"}}">q</a><meta content="{{abs "/x y"}}">` +
	`<img src="{{abs siteCard}}" alt="">{{end}}`

// A layout's actions whose value is the same on every page are written into
// it as text once per build, and a page shows exactly what the calls and
// html/template's escapers gave.
func TestFoldedLayoutsPrintWhatTheirActionsDid(t *testing.T) {
	t.Parallel()
	r := storyPlan(t, md("title: Alpha\ndate: 2025-01-01", "A."), foldedMain)
	story, err := r.ts.kind("story")
	if err != nil {
		t.Fatal(err)
	}
	main := story.Lookup("main").Tree.Root.String()
	if strings.Contains(main, "{{") {
		t.Errorf("the story layout's main still runs actions after folding:\n%s", main)
	}
	page := func() string { return renderedStory(t, r) }
	folded := page()
	unprepareStory(t, r)
	if want := page(); folded != want {
		t.Errorf("the folded layout printed\n%s\nthe unfolded one\n%s", folded, want)
	}
	for _, want := range []string{`title="a&amp;b&#34;&lt;&gt;&#39;&#43; x"`, `href="#ZgotmplZ"`, `/assets/style.`, `?q=a%20b%26c%2f%c3%a9`} {
		if !strings.Contains(folded, want) {
			t.Errorf("the page lacks %q:\n%s", want, folded)
		}
	}
}

// A layout that cannot be escaped, or calls a build-constant func that
// fails, fails its pages as it did before folding.
func TestUnfoldableLayoutsFailTheirPages(t *testing.T) {
	t.Parallel()
	for layout, want := range map[string]string{
		`{{define "main"}}<a href="{{if true}}x{{else}}"{{end}}>{{end}}`: "branches end in different contexts",
		`{{define "main"}}<link href="{{asset "nope.css"}}">{{end}}`:     `no asset "nope.css"`,
	} {
		files := map[string]string{
			"content/stories/a.md": md("title: Alpha\ndate: 2025-01-01", "A."),
			"layouts/story.html":   layout,
		}
		_, _, err := Build(context.Background(), Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow}, t.TempDir()+"/public", false)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("layout %s: build error %v, want one saying %q", layout, err, want)
		}
	}
}

// Loading the layouts parses each kind's file alone; a kind's set, a copy
// of every partial with the file over them, is made only when a page of
// that kind is rendered, and pages of each kind still show their own.
func TestKindSetsAreMadeForKindsRendered(t *testing.T) {
	t.Parallel()
	r := storyPlan(t, md("title: Alpha\ndate: 2025-01-01", "A."), `{{define "main"}}<p>story {{.Title}}</p>{{end}}`)
	for _, j := range r.queue {
		if j.Rel == "stories/a/index.html" {
			var b bytes.Buffer
			if err := j.Render(&b); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), "<p>story Alpha</p>") {
				t.Errorf("the story shows no story layout:\n%s", b.String())
			}
		}
	}
	if r.ts.kinds["story"].t == nil {
		t.Error("the story's set was not made")
	}
	if r.ts.kinds["event"].t != nil {
		t.Error("the event layout's set was made, but no event page was rendered")
	}
}

// fusedMain prints strings every escaper keeps, and strings each changes,
// in each context, with HTML and numbers.
const fusedMain = `{{define "main"}}{{range .Page.Tags}}[{{.Name}}|<b title="{{.Name}}">|<a href="{{.Name}}">|` +
	`<a href="/{{.Name}}">|<a href="/?q={{.Name}}">]{{end}}<title>{{.Title}}</title>{{.Body}}<p title="{{.Body}}">` +
	`{{.Page.WordCount}}<a href="/{{.Page.WordCount}}">{{len .Page.Tags}}</a>{{end}}`

// An escaped layout whose escapers were fused into one call prints the
// same bytes as html/template's own chains.
func TestFusedEscapersPrintWhatTheChainsDid(t *testing.T) {
	t.Parallel()
	tags := []string{"plain", "Plain-Words_9.~", "a&b", "a+b", "<i>", `say "hi"`, "it's", "é ü", "%41", "100%",
		"javascript:x", "HTTP://x.org/a", "mailto:a@b", "/p/q?r=s;t=u", "a b", "[x]!$*,@", "tab\there"}
	front := "title: A & B <i> \"q\" + é\ndate: 2025-01-01\ntags:\n"
	for _, tag := range tags {
		front += "  - " + strconv.Quote(tag) + "\n"
	}
	r := storyPlan(t, md(front, "Some *words* & more."), fusedMain)
	page := func() string { return renderedStory(t, r) }
	fused := page()
	story, _ := r.ts.kind("story")
	if main := story.Lookup("main").Tree.Root.String(); strings.Contains(main, "_html_template_") {
		t.Errorf("the story layout's main still calls html/template's escapers:\n%s", main)
	}
	unprepareStory(t, r)
	if want := page(); fused != want {
		t.Errorf("with fused escapers the page is\n%s\nwith html/template's chains\n%s", fused, want)
	}
	if !strings.Contains(fused, `href="#ZgotmplZ"`) || !strings.Contains(fused, "say%20%22hi%22") {
		t.Errorf("the page shows no filtered or escaped URL:\n%s", fused)
	}
}

// The base's templates pages run by name (cards, header, footer) are
// escaped, folded and fused before the pages run, unless some layout
// works a name out as it renders: html/template would escape that one
// then, and could copy a folded template into another context.
func TestBaseTemplatesRunByNameAreFused(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		story string
		fused bool
	}{
		{"", true},
		{`{{define "main"}}{{cached (print "card") .Page}}{{end}}`, false},
	} {
		files := map[string]string{"content/stories/a.md": md("title: Alpha & co\ndate: 2025-01-01", "A.")}
		if c.story != "" {
			files["layouts/story.html"] = c.story
		}
		s, err := Load(context.Background(), Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.plan(nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		card := r.ts.base.Lookup("card").Tree.Root.String()
		if fused := strings.Contains(card, "_hub_escape"); fused != c.fused {
			t.Errorf("story layout %q: card fused %v, want %v:\n%s", c.story, fused, c.fused, card)
		}
		var b bytes.Buffer
		for _, j := range r.queue {
			if j.Rel == "stories/a/index.html" || j.Rel == "stories/index.html" {
				b.Reset()
				if err := j.Render(&b); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(b.String(), `<h`) || !strings.Contains(b.String(), `>Alpha &amp; co</a>`) {
					t.Errorf("story layout %q: %s shows no card of Alpha:\n%s", c.story, j.Rel, b.String())
				}
			}
		}
	}
}

// storyPlan is the plan of a site of one story, content/stories/a.md,
// shown by layout.
func storyPlan(t *testing.T, story, layout string) *renderer {
	t.Helper()
	opts := Options{Site: hubtest.MapFS(map[string]string{
		"content/stories/a.md": story,
		"layouts/story.html":   layout,
	}), Theme: layouts.FS(), Now: testNow}
	s, err := Load(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.plan(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// unprepareStory gives r's story kind the layout as every build ran it
// before layouts were folded and fused: parsed, its messages folded.
func unprepareStory(t *testing.T, r *renderer) {
	t.Helper()
	plain, err := r.ts.parseKind("story")
	if err != nil {
		t.Fatal(err)
	}
	foldMessages(r.ts.msgs, plain)
	r.ts.kinds["story"] = &lazyKind{t: plain}
	r.ts.kinds["story"].once.Do(func() {})
}

// renderedStory is the page the plan r writes for content/stories/a.md.
func renderedStory(t *testing.T, r *renderer) string {
	t.Helper()
	for _, j := range r.queue {
		if j.Rel == "stories/a/index.html" {
			var b bytes.Buffer
			if err := j.Render(&b); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
	}
	t.Fatal("no job writes stories/a/index.html")
	return ""
}

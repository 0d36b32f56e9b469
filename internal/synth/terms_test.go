package synth_test

import (
	"context"
	"slices"
	"testing"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/internal/synth"
)

// TestTermsLikeARealHub builds a generated hub and looks at its authors,
// organisations and regions as the term pages show them: a few hundred
// authors, one to three a piece, a few writing much and most little;
// organisations on case studies and events, recurring; regions; and the
// most used authors and organisations described.
func TestTermsLikeARealHub(t *testing.T) {
	const pages = 3000
	s, err := generator.Load(context.Background(), generator.Options{Site: mapFS(synth.Files(synth.Options{Pages: pages, Seed: 11})), Theme: theme()})
	if err != nil {
		t.Fatal(err)
	}
	terms := map[string][]*content.Term{}
	for i, tax := range s.Config.Taxonomies.Others() {
		terms[tax.Name] = s.Terms[i]
	}
	for _, p := range s.Pages {
		if p.Type == content.Plain || p.Type == content.Event {
			continue
		}
		if n := len(p.Authors); n < 1 || n > 3 {
			t.Errorf("%s: %d authors, want 1 to 3", p.Path, n)
		}
	}
	sizes := func(name string) []int {
		var out []int
		for _, term := range terms[name] {
			out = append(out, term.Count())
		}
		slices.Sort(out)
		slices.Reverse(out)
		if len(out) == 0 {
			t.Fatalf("no %s", name)
		}
		return out
	}
	authors := sizes("authors")
	t.Logf("%d authors; pages per author: top %d, 10th %d, median %d", len(authors), authors[0], authors[9], authors[len(authors)/2])
	if len(authors) < 150 || len(authors) > synth.DefaultAuthors {
		t.Errorf("%d authors on %d pages, want a few hundred", len(authors), pages)
	}
	if authors[0] < 20*authors[len(authors)/2] {
		t.Errorf("the most prolific author has %d pages, the median one %d: want a Zipf-like long tail", authors[0], authors[len(authors)/2])
	}
	if authors[0] <= 10 { // more than one page of the term's list (page_size 10)
		t.Errorf("the most prolific author has %d pages: no term page is paginated", authors[0])
	}

	orgs := sizes("organisations")
	t.Logf("%d organisations; pages per organisation: top %d, median %d", len(orgs), orgs[0], orgs[len(orgs)/2])
	if len(orgs) < 150 || orgs[0] <= 10 {
		t.Errorf("%d organisations, the most named on %d pages: want a few hundred, some paginated", len(orgs), orgs[0])
	}
	types := map[string]bool{}
	for _, term := range terms["organisations"] {
		for _, p := range term.Pages {
			types[p.Type] = true
		}
	}
	if !types[content.CaseStudy] || !types[content.Event] {
		t.Errorf("organisations are named on pages of types %v, want case studies and events", types)
	}
	if regions := sizes("regions"); len(regions) < 10 || regions[0] <= 2*regions[len(regions)-1] {
		t.Errorf("pages per region %v: want most of the twelve, unevenly", regions)
	}

	for _, name := range []string{"authors", "organisations"} {
		described := 0
		for _, term := range terms[name] {
			if term.About != nil {
				described++
				if term.Count() < 10 {
					t.Errorf("%s %s is described but on only %d pages", name, term.Slug, term.Count())
				}
			}
		}
		if described != synth.Described {
			t.Errorf("%d %s described, want %d", described, name, synth.Described)
		}
	}
}

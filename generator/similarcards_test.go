package generator

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ideas-hub/hub/layouts"
)

// A similar article's card names its authors as links to their pages,
// and its title is the one link to the article.
func TestSimilarCardsLinkTheirAuthors(t *testing.T) {
	t.Parallel()
	site := fstest.MapFS{
		"hub.toml":                 {Data: []byte("title = \"Similar\"\nbase_url = \"https://hub.example.org/\"\n")},
		"content/stories/buses.md": {Data: []byte(md("title: Night buses\ndate: 2025-01-01\nauthors: [Ana Ruiz, Ben Ode]\ntags: [transport, rural]\nsummary: Minibuses at night.", "Words.\n"))},
		"content/stories/vans.md":  {Data: []byte(md("title: Shared vans\ndate: 2025-01-02\ntags: [transport, rural]", "Words.\n"))},
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, _, err := Build(context.Background(), Options{Site: site, Theme: layouts.FS(), Now: testNow}, out, false); err != nil {
		t.Fatal(err)
	}
	page := readOut(t, out, "stories/vans/index.html")
	aside := regexp.MustCompile(`(?s)<aside class="related".*?</aside>`).FindString(page)
	card := regexp.MustCompile(`(?s)<article class="card">.*?Night buses.*?</article>`).FindString(aside)
	if card == "" {
		t.Fatalf("no card of the similar article in\n%s", aside)
	}
	for _, want := range []string{
		`<h3 class="card-title"><a href="/stories/buses/">Night buses</a></h3>`,
		`<p class="card-authors">By <a href="/authors/ana-ruiz/">Ana Ruiz</a>, <a href="/authors/ben-ode/">Ben Ode</a></p>`,
		`<p class="card-summary">Minibuses at night.</p>`,
	} {
		if !strings.Contains(card, want) {
			t.Errorf("the card lacks %s:\n%s", want, card)
		}
	}
	links := regexp.MustCompile(`<a [^>]*href="([^"]*)"`).FindAllStringSubmatch(card, -1)
	toArticle := 0
	for _, l := range links {
		if l[1] == "/stories/buses/" {
			toArticle++
		}
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(l[1]), "index.html")); err != nil {
			t.Errorf("the card links to %s, which is not published", l[1])
		}
	}
	if toArticle != 1 || len(links) != 3 {
		t.Errorf("the card has %d links, %d to the article; want the title and the two authors", len(links), toArticle)
	}
}

package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// The frame every page of the test site shares, as the minified output
// writes it (attribute quotes may go).
var (
	siteHeaderRe = regexp.MustCompile(`(?s)<header class="?site-header"?>.*?</header>`)
	siteFooterRe = regexp.MustCompile(`(?s)<footer class="?site-footer"?>.*?</footer>`)
	brandRe      = regexp.MustCompile(`(?s)<a class="?brand"? href="?/"?[^>]*>.*?<span>Golden Hub</span></a>`)
	mainRe       = regexp.MustCompile(`<main[\s>]`)
	h1Re         = regexp.MustCompile(`<h1[\s>]`)
	menuRe       = regexp.MustCompile(`(?s)<nav class="?site-nav"? aria-label="?Main"?>.*?</nav>`)
)

// goldenMenu is the default menu, which the test site keeps.
var goldenMenu = []string{"Case studies", "Report reviews", "Events", "Stories", "Tags", "Search"}

// frameProblems lists what a reader would miss on page: the site's header
// with its title link and menu, one main, one h1, the footer; and any
// private-use character, which only a fragment token left in would put
// there.
func frameProblems(page string) []string {
	var problems []string
	for i, r := range page {
		if r >= 0xE000 && r <= 0xF8FF {
			problems = append(problems, fmt.Sprintf("a private-use character U+%04X at byte %d: …%s…", r, i, page[max(0, i-20):min(len(page), i+20)]))
			break
		}
	}
	header := siteHeaderRe.FindString(page)
	switch {
	case header == "":
		problems = append(problems, "no site header")
	case !brandRe.MatchString(header):
		problems = append(problems, "the site header has no link to the home page with the site's title")
	default:
		menu := menuRe.FindString(header)
		for _, name := range goldenMenu {
			if !strings.Contains(menu, ">"+name+"</a>") {
				problems = append(problems, "the menu has no link "+name)
			}
		}
	}
	if n := len(mainRe.FindAllString(page, -1)); n != 1 {
		problems = append(problems, fmt.Sprintf("%d main elements", n))
	}
	if n := len(h1Re.FindAllString(page, -1)); n != 1 {
		problems = append(problems, fmt.Sprintf("%d h1 elements", n))
	}
	if footer := siteFooterRe.FindString(page); !strings.Contains(footer, "Golden Hub") {
		problems = append(problems, "no site footer")
	}
	return problems
}

// The search page the server renders per query is as whole as the static
// one: same header and footer, with or without filters, with results,
// without, and for a bad query.
func TestServedSearchPageIsWhole(t *testing.T) {
	t.Parallel()
	s := serve(t, hubtest.CopySite(t, "testdata/site"), "--watch=false")
	code, _, static := s.get(t, "/search/")
	if code != 200 {
		t.Fatalf("/search/: %d", code)
	}
	if p := frameProblems(static); p != nil {
		t.Fatalf("the static /search/ page: %s", strings.Join(p, "; "))
	}
	for _, tt := range []struct {
		url  string
		code int
		has  string
	}{
		{"/search/?q=timebank", 200, "/stories/timebank-year/"},
		{"/search/?q=hours&type=story", 200, "/stories/timebank-year/"},
		{"/search/?tag=timebanking&sort=newest", 200, "/stories/timebank-year/"},
		{"/search/?q=timebank&type=event&type=story&from=2020-01-01", 200, "/stories/timebank-year/"},
		{"/search/?q=zebraquagga", 200, "Nothing matched"},
		{"/search/?q=x&sort=sideways", 400, "There is a problem with this search"},
	} {
		code, _, page := s.get(t, tt.url)
		if code != tt.code || !strings.Contains(page, tt.has) {
			t.Errorf("%s: %d, has %q: %v", tt.url, code, tt.has, strings.Contains(page, tt.has))
		}
		if p := frameProblems(page); p != nil {
			t.Errorf("%s: %s", tt.url, strings.Join(p, "; "))
		}
		for _, re := range []*regexp.Regexp{siteHeaderRe, siteFooterRe} {
			if got, want := re.FindString(page), re.FindString(static); got != want {
				t.Errorf("%s differs from the static /search/:\n%s\nwant\n%s", tt.url, got, want)
			}
		}
	}
}

// A preview rebuild starts a new set of cached fragments and drops the
// last build's, while the server may be rendering a search page with the
// site that build replaces: no page may come out broken.
func TestServedSearchPageWhileRebuilding(t *testing.T) {
	t.Parallel()
	site := hubtest.CopySite(t, "testdata/site")
	s := serve(t, site)
	events := s.events(t)
	next(t, events, "hello")

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var problems []string
	pages := 0
	for i, url := range []string{"/search/?q=hours", "/search/?q=timebank&type=story", "/search/?tag=co-production"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				code, page, err := fetch(s.url + strings.TrimPrefix(url, "/"))
				mu.Lock()
				pages++
				if err != nil || code != 200 {
					problems = append(problems, fmt.Sprintf("fetcher %d, %s: %d %v", i, url, code, err))
				} else if p := frameProblems(page); p != nil {
					problems = append(problems, fmt.Sprintf("fetcher %d, %s: %s", i, url, strings.Join(p, "; ")))
				}
				mu.Unlock()
			}
		}()
	}
	story := filepath.Join(site, "content/stories/timebank-year.md")
	original, _ := os.ReadFile(story)
	for i := range 16 {
		edited := strings.Replace(string(original), "Hours given", fmt.Sprintf("Hours given (edit %d)", i), 1)
		// Renamed into place: the watcher may not see a half-written file.
		tmp := filepath.Join(site, "edit.tmp")
		if err := os.WriteFile(tmp, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, story); err != nil {
			t.Fatal(err)
		}
		next(t, events, "reload")
	}
	time.Sleep(50 * time.Millisecond) // a last request against the last build
	close(stop)
	wg.Wait()
	if pages < 16 {
		t.Errorf("only %d search pages were fetched during 16 rebuilds", pages)
	}
	if len(problems) > 0 {
		t.Errorf("%d of %d search pages fetched during rebuilds were broken; the first:\n%s", len(problems), pages, strings.Join(problems[:min(5, len(problems))], "\n"))
	}
}

// fetch is served.get for goroutines, which may not fail the test.
func fetch(url string) (int, string, error) {
	res, err := http.Get(url)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res.StatusCode, string(body), err
}

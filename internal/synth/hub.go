// Package synth is the one generator of synthetic hubs: deterministic,
// realistic sites of any size for benchmarks, load tests, fuzz seeds and
// the search engine's tests.
//
// It makes them in two forms. Write and Files make a hub's files, for the
// generator and hub build. DocGen makes search documents straight away,
// for the search engine's tests and benchmarks, which measure indexing and
// queries without building a site (see docs.go).
//
// A generated hub has the four typed sections plus a few plain pages, in the
// proportions a real hub has; YAML front matter valid for each type; tags
// drawn from a Zipf distribution over a vocabulary of civil-society themes,
// so a few tags are on a large share of the pages, as on real sites; and
// bodies of 300 to 1,500 words with headings, lists, tables, external links
// and internal links that always resolve to another generated file. Events
// are spread around Options.Now, in the past and the future.
//
// The same Options always give byte-identical files.
package synth

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Options says what hub to generate.
type Options struct {
	Pages int       // content files to write; 0 writes only the config
	Seed  int64     // the same seed gives the same hub
	Now   time.Time // events are spread around it; zero means DefaultNow
	Tags  int       // size of the tag vocabulary; 0 means DefaultTags
	// Authors and Organisations are the sizes of the pools pages draw
	// their authors and organisations from; 0 means DefaultAuthors and
	// DefaultOrganisations.
	Authors, Organisations int
}

const (
	// DefaultTags is the tag vocabulary's size when Options.Tags is zero.
	DefaultTags = 250
	// TimeZone is the generated site's time zone.
	TimeZone = "Europe/London"
	// ConfigFile is the generated site configuration.
	ConfigFile = "hub.toml"
)

// DefaultNow is the clock a hub is generated around when Options.Now is
// zero. It is fixed, not the wall clock, so that output is reproducible.
var DefaultNow = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

// Kind is one kind of generated content file.
type Kind struct {
	Dir   string  // folder under content/; "" for top-level plain pages
	Type  string  // the generator's type name
	Share float64 // fraction of the pages
}

// Kinds lists the kinds in the proportions of a real hub. It is a function
// so that no caller can change the hubs every other caller generates.
func Kinds() []Kind {
	return []Kind{
		{Dir: "case-studies", Type: "case-study", Share: 0.35},
		{Dir: "report-reviews", Type: "report-review", Share: 0.15},
		{Dir: "events", Type: "event", Share: 0.20},
		{Dir: "stories", Type: "story", Share: 0.25},
		{Dir: "", Type: "page", Share: 0.05},
	}
}

// Counts returns how many files of each kind (by Kinds index) an n-page hub
// has: the shares rounded so that they add up to n exactly.
func Counts(n int) []int {
	kinds := Kinds()
	counts := make([]int, len(kinds))
	if n <= 0 {
		return counts
	}
	type rem struct {
		i    int
		frac float64
	}
	var rems []rem
	total := 0
	for i, k := range kinds {
		exact := k.Share * float64(n)
		counts[i] = int(exact)
		total += counts[i]
		rems = append(rems, rem{i, exact - float64(counts[i])})
	}
	// Largest remainder first; ties go to the earlier kind.
	for total < n {
		best := 0
		for j := range rems {
			if rems[j].frac > rems[best].frac {
				best = j
			}
		}
		counts[rems[best].i]++
		rems[best].frac = -1
		total++
	}
	return counts
}

// Files returns the hub as slash-separated path → contents, for in-memory
// sites (fstest.MapFS).
func Files(opts Options) map[string][]byte {
	g := newGen(opts)
	out := make([][]byte, len(g.pages))
	_ = g.each(func(i int, data []byte) error {
		out[i] = bytes.Clone(data)
		return nil
	})
	files := g.descriptions()
	files[ConfigFile] = g.config()
	for i, data := range out {
		files[g.pages[i].path] = data
	}
	return files
}

// Markdown returns the hub's markdown files (pages and term descriptions),
// in no set order.
func Markdown(opts Options) [][]byte {
	var md [][]byte
	for name, data := range Files(opts) {
		if strings.HasSuffix(name, ".md") {
			md = append(md, data)
		}
	}
	return md
}

// Write writes the hub into dir, creating it if needed. Files already in dir
// stay; a generated file overwrites one of the same name.
func Write(dir string, opts Options) error {
	g := newGen(opts)
	for _, k := range Kinds() {
		if err := os.MkdirAll(filepath.Join(dir, "content", k.Dir), 0o755); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), g.config(), 0o644); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	for name, data := range g.descriptions() {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	return g.each(func(i int, data []byte) error {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(g.pages[i].path)), data, 0o644); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		return nil
	})
}

// plan is what every file needs to know about the others before any is
// written: where each page lives and what it is called, for internal links.
type plan struct {
	kind  int // index into gen.kinds
	path  string
	title string
}

type gen struct {
	opts  Options
	kinds []Kind
	tags  []string // the vocabulary in Zipf rank order (shuffled by seed): most used first
	// The pools of authors, organisations and regions, in Zipf rank order
	// as tags are.
	authors, orgs, regions []string
	pages                  []plan
}

func newGen(opts Options) *gen {
	if opts.Now.IsZero() {
		opts.Now = DefaultNow
	}
	if opts.Tags <= 0 {
		opts.Tags = DefaultTags
	}
	g := &gen{opts: opts, kinds: Kinds()}
	r := g.rand(0, 0)
	g.tags = vocabulary(opts.Tags)
	r.Shuffle(len(g.tags), func(i, j int) { g.tags[i], g.tags[j] = g.tags[j], g.tags[i] })
	g.authors = authorPool(r, cmpOr(opts.Authors, DefaultAuthors))
	g.orgs = organisationPool(r, cmpOr(opts.Organisations, DefaultOrganisations))
	g.regions = pool(r, len(regions), len(regions), 1, func(i, _ int) string { return regions[i] })

	// Kinds are interleaved by a shuffle, so that any prefix of the pages
	// and any seed has a mix of types.
	var kinds []int
	for k, n := range Counts(opts.Pages) {
		for range n {
			kinds = append(kinds, k)
		}
	}
	r.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	g.pages = make([]plan, len(kinds))
	for i, k := range kinds {
		pr := g.rand(1, i)
		title := makeTitle(pr, g.kinds[k].Type)
		// The index keeps slugs unique; file names are already slugs, so the
		// URL is the file name.
		name := slugify(title) + "-" + fmt.Sprint(i+1)
		p := "content/" + name + ".md"
		if g.kinds[k].Dir != "" {
			p = "content/" + g.kinds[k].Dir + "/" + name + ".md"
		}
		g.pages[i] = plan{kind: k, path: p, title: title}
	}
	return g
}

// rand returns the random stream for one purpose (stream) and page, so that
// each page is independent of the others and can be made in parallel.
func (g *gen) rand(stream, page int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(g.opts.Seed), uint64(stream)<<40|uint64(page)))
}

// each makes every content file on all cores and hands it to use, which
// must be safe for concurrent calls and must not keep data after it returns.
// It returns the errors use returns.
func (g *gen) each(use func(i int, data []byte) error) error {
	workers := min(runtime.GOMAXPROCS(0), max(1, len(g.pages)/64))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			buf := make([]byte, 0, 16<<10)
			for i := w; i < len(g.pages) && errs[w] == nil; i += workers {
				buf = g.page(i, buf[:0])
				errs[w] = use(i, buf)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// cmpOr returns n, or fallback when n is not positive.
func cmpOr(n, fallback int) int {
	if n <= 0 {
		return fallback
	}
	return n
}

func (g *gen) config() []byte {
	var b strings.Builder
	// The package was internal/corpus when this line was first written;
	// it keeps that name so that generated hubs stay byte-identical to the
	// ones earlier benchmark runs measured.
	b.WriteString("# A generated hub (internal/corpus); regenerate rather than edit.\n")
	fmt.Fprintf(&b, "title = %q\n", "Generated Ideas Hub")
	fmt.Fprintf(&b, "description = %q\n", fmt.Sprintf("A synthetic hub of %d pages (seed %d) for benchmarks and tests.", g.opts.Pages, g.opts.Seed))
	b.WriteString("base_url = \"https://hub.example.org/\"\n")
	b.WriteString("language = \"en-GB\"\n")
	fmt.Fprintf(&b, "timezone = %q\n", TimeZone)
	b.WriteString("page_size = 10\n")
	// A fixed build clock, so that the hub builds the same whenever it is
	// built: which events are upcoming is decided by Now, not the wall clock.
	fmt.Fprintf(&b, "now = %q\n", g.opts.Now.Format(time.RFC3339))
	return []byte(b.String())
}

// vocabulary returns n distinct tag names: the base themes, then modified
// themes ("rural befriending") as far as needed.
func vocabulary(n int) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if s := slugify(t); !seen[s] && len(out) < n {
			seen[s] = true
			out = append(out, t)
		}
	}
	for _, t := range tagThemes {
		add(t)
	}
	for _, m := range tagModifiers {
		for _, t := range tagThemes {
			add(m + " " + t)
		}
	}
	for i := 2; len(out) < n; i++ { // beyond every combination: numbered themes
		for _, t := range tagThemes {
			add(fmt.Sprintf("%s %d", t, i))
		}
	}
	return out
}

// slugify makes a URL slug of ASCII text: lower case letters and digits,
// words joined by single hyphens. Apostrophes join ("men's" → "mens").
func slugify(s string) string {
	b := make([]byte, 0, len(s))
	hyphen := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			if hyphen && len(b) > 0 {
				b = append(b, '-')
			}
			b = append(b, c)
			hyphen = false
		case c == '\'':
		default:
			hyphen = true
		}
	}
	return string(b)
}

package generator

import (
	"github.com/ideas-hub/hub/generator/sitefs"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/imageproc"
	"github.com/ideas-hub/hub/generator/markdown"

	"github.com/ideas-hub/hub/generator/diag"

	"bytes"
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/ideas-hub/hub/generator/i18n"
	"github.com/ideas-hub/hub/internal/slug"
)

// ContentDir is the folder of the site that holds the markdown.
const ContentDir = "content"

// Options says what to build and how.
type Options struct {
	Site    fs.FS     // the site folder: content/, optionally layouts/, static/, hub.toml
	Theme   fs.FS     // the default layouts, used where the site has none of its own
	Now     time.Time // the build clock; zero means the config's `now`, else the wall clock
	BaseURL string    // overrides the config's base_url
	Drafts  bool      // publish drafts
	Future  bool      // publish pages dated after now
	// Index, when set, is given each published page of a one-off Load as
	// soon as its body is rendered, with its plain text (valid only during
	// the call), so a search index can take it while the rest loads; the
	// pages then hold no plain text unless a layout shows it. Index is
	// called from several goroutines at once, before Load has checked
	// every file: its caller must discard what it made if Load fails. An
	// error from it stops the load.
	Index func(p *content.Page, plain []byte) error
	// Keep, when set, is a folder on the output's file system where a
	// build moves the output it replaces, and which the next build writes
	// into, file by file, rather than making every file anew (see stage).
	Keep string
	// LinksAsDefaultBuild, for a load that publishes drafts or future
	// pages to check them too (`hub check`), checks links as a build
	// without --drafts and --future publishes: a link from a page that
	// build publishes to one it leaves out is an error, as it would be
	// there.
	LinksAsDefaultBuild bool

	// gate is set by NewBuilder to its own lock (Builder.ReadLocker), held
	// while a rebuild rewrites a file of the output in place.
	gate sync.Locker
	// Images is where pictures are processed and kept between builds (hub
	// uses <site>/.hub/images); nil keeps them in memory for the build.
	Images *imageproc.Store

	knobs knobs // set by tests only
}

// knobs are settings no command sets: tests turn them to make a small
// site do what only a big one does, or to switch an optimisation off and
// compare. They ride on Options, so two builds in one process may differ;
// the zero value is how hub builds.
type knobs struct {
	// relatedTagCap, when above zero, stands for taxonomy.DefaultTagCap.
	relatedTagCap int
	// packSourcesFrom, when above zero, stands for the package constant
	// of that name: the content files from which bodies are packed.
	packSourcesFrom int
	// wholeMinify minifies every file whole, with no card or partial
	// minified apart and spliced in (see cardCache), for the test that
	// splicing writes the same bytes.
	wholeMinify bool
}

// Site is the loaded, validated content, ready to render.
type Site struct {
	Config Config
	Now    time.Time
	Pages  []*content.Page // published pages, newest first
	Tags   []*content.Tag  // sorted by slug
	// Terms are the terms of each taxonomy but tags, in the order of
	// Config.Taxonomies.Others, each sorted by slug (see TermsOf).
	Terms [][]*content.Term
	// Warnings is what the load found that fails nothing but that the
	// editor should hear of (raw HTML left out of a page, a link emptied),
	// sorted by file and place.
	Warnings Diagnostics
	opts     Options
	messages *i18n.Catalog // the interface strings of the site's language

	// Changed and Gone say what a Builder's build changed since its last
	// successful one: the published pages whose file was read again or
	// that are newly published, and the URLs no longer published. On a
	// first build every page is Changed.
	Changed []*content.Page
	Gone    []string

	sectionsOnce sync.Once
	sections     map[string][]*content.Page // by type, in list order: see sectionPages
	browseMu     sync.Mutex
	browsed      map[string][]BrowseGroup // by type: see browse

	rendered *renderer // set by Render: what RenderSearch needs
	delta    *delta    // set when patched from the last Site (delta.go)
	lean     bool      // see Lean
	// oneOff: loaded by Load, for one build that sees every page, so its
	// full render may prune the store's cards.
	oneOff bool
}

// Lean lets the next render of a one-off build drop each page's body once
// nothing can show it any more: its HTML once its own page is written,
// unless a layout names a body field or the site feed carries it; and its
// plain text, unless a layout names PlainText (with Options.Index, pages
// hold none unless a layout names it). Call it only when nothing else will
// read the bodies after the render.
func (s *Site) Lean() { s.lean = true }

// Load reads, validates and renders the markdown of every content file. It
// returns Diagnostics listing every problem in every file.
func Load(ctx context.Context, opts Options) (*Site, error) {
	s, err := newLoader(opts, false).load(ctx, nil)
	if s != nil {
		s.oneOff = true
	}
	return s, err
}

func buildClock(fixed time.Time, cfg Config) (time.Time, error) {
	if !fixed.IsZero() {
		return fixed, nil
	}
	if cfg.Now != "" {
		t, _, err := content.ParseDate(cfg.Now, cfg.Location())
		if err != nil {
			return time.Time{}, Diagnostics{{Path: ConfigFile, Line: 0, Msg: "now: " + err.Error()}}
		}
		return t, nil
	}
	return time.Now(), nil
}

// ContentFiles lists the markdown files under content/, relative to the
// site. Dotfiles and editor droppings are not content. A link in content/
// that a build may not follow (see siteFS) is an error.
func ContentFiles(site fs.FS) ([]string, error) {
	files, problems, err := contentFilesUnder(site, ContentDir)
	if err == nil && problems != nil {
		err = problems
	}
	return files, err
}

// contentFilesUnder lists the markdown files in dir and below it, and the
// links there that lead outside the site, loop or lead nowhere (a link
// named *.md is listed: reading it reports the problem with the file).
func contentFilesUnder(site fs.FS, dir string) (files []string, problems Diagnostics, err error) {
	skip := func(name string, _ bool) bool {
		base := path.Base(name)
		return strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")
	}
	problems, err = sitefs.Walk(site, dir, skip, func(p string) error {
		if strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s/: %w", dir, err)
	}
	kept := problems[:0]
	for _, d := range problems {
		if strings.HasSuffix(d.Path, ".md") {
			files = append(files, d.Path)
		} else {
			kept = append(kept, d)
		}
	}
	if len(kept) == 0 {
		kept = nil
	}
	return files, kept, nil
}

func readPage(site fs.FS, file string, types *content.Types, tax *content.Taxonomies, slugs *content.Slugs, loc *time.Location, dl *diag.List) (*content.Page, error) {
	data, err := readContentFile(site, file, dl)
	if err != nil || data == nil {
		return nil, err
	}
	src, ok := content.ParseSource(data, dl)
	if !ok {
		return nil, nil
	}
	rel := strings.TrimPrefix(file, ContentDir+"/")
	p := &content.Page{Path: file, Type: content.Plain, Source: src}
	if dir, _, nested := strings.Cut(rel, "/"); nested {
		p.Section = dir
		p.Type = types.Of(dir).Name
	}
	content.DecodePage(p, types, tax, slugs, src, dl, loc)
	checkTerms(p, dl)
	p.AliasPos = aliasPositions(data, src, p.Aliases)
	base := strings.TrimSuffix(path.Base(file), ".md")
	if p.Slug == "" {
		p.Slug = slug.Make(base)
	} else if s := slug.Make(p.Slug); s != p.Slug {
		dl.Add(src.KeyPos("slug"), "`slug` %q may hold only lower-case letters, digits and hyphens: try %q", p.Slug, s)
	}
	if p.Slug == "" {
		dl.Add(diag.Pos{Line: 1, Col: 1}, "cannot make a URL from the file name %q: rename it or set `slug`", path.Base(file))
	}
	p.URL = "/" + p.Slug + "/"
	if p.Section != "" {
		p.URL = "/" + p.Section + p.URL
	}
	return p, nil
}

// checkURLs reports two files that claim one URL, a page at a URL the
// site keeps for itself, and an alias that is a page's URL or another
// alias, at the alias's line. An alias that would replace another of the
// site's own outputs is found once they are planned (see placeAliases).
func checkURLs(pages []*content.Page, types *content.Types, tax *content.Taxonomies) Diagnostics {
	owners := map[string]*content.Page{} // page URLs
	var ds Diagnostics
	reserved := map[string]bool{"/search/": true, "/feed.xml": true}
	for _, s := range types.Sections() {
		reserved["/"+s.Folder+"/page/"] = true
	}
	underTerms := func(u string) bool { // a taxonomy's index and its terms' pages
		first, _, _ := strings.Cut(strings.TrimPrefix(u, "/"), "/")
		_, ok := tax.Lookup(first)
		return ok
	}
	for _, p := range pages {
		at := Diagnostic{Path: p.Path, Line: p.Source.FMLine, Col: 1}
		switch prev, taken := owners[p.URL]; {
		case reserved[p.URL] || underTerms(p.URL):
			at.Msg = fmt.Sprintf("URL %s is used by the site itself: choose another slug or folder", p.URL)
		case taken:
			at.Msg = fmt.Sprintf("%s and %s both resolve to the URL %s: change `slug` or the file name of one", prev.Path, p.Path, p.URL)
		default:
			owners[p.URL] = p
			continue
		}
		ds = append(ds, at)
	}
	aliases := map[string]*content.Page{}
	for _, p := range pages {
		for i, a := range p.Aliases {
			u, at := normaliseAlias(a), p.AliasAt(i)
			d := Diagnostic{Path: p.Path, Line: at.Line, Col: at.Col}
			if q, taken := owners[u]; taken {
				d.Msg = fmt.Sprintf("alias %s and %s both resolve to the URL %s: remove the alias", strings.TrimSpace(a), q.Path, u)
			} else if q, taken := aliases[u]; taken {
				d.Msg = fmt.Sprintf("alias %s is an alias of %s too: keep it on one page", strings.TrimSpace(a), q.Path)
			} else {
				aliases[u] = p
				continue
			}
			ds = append(ds, d)
		}
	}
	return ds
}

// normaliseAlias makes an alias a site-relative path: "old/x" → "/old/x/".
func normaliseAlias(a string) string {
	a = path.Clean("/" + strings.TrimSpace(a))
	if a == "/" || path.Ext(a) == ".html" {
		return a
	}
	return a + "/"
}

func isPublished(p *content.Page, now time.Time, opts Options) bool {
	if p.Draft && !opts.Drafts {
		return false
	}
	if !p.ByStart() && p.Date.After(now) && !opts.Future { // an event is listed by its start
		return false
	}
	return true
}

// resolveLink maps a link destination written in p to an output URL. Only
// links to .md files are rewritten; anything else is left as written. A
// link to a term's description file leads to the term's page.
// published says which pages links may lead to (Options.LinksAsDefaultBuild).
func (l *loader) resolveLink(p *content.Page, dest string, byPath map[string]*content.Page, published func(path string) bool) (url, problem, file string) {
	target, fragment, _ := strings.Cut(dest, "#")
	if !strings.HasSuffix(target, ".md") || strings.Contains(target, "://") || strings.HasPrefix(target, "//") {
		return "", "", ""
	}
	if strings.HasPrefix(target, "/") {
		file = path.Join(ContentDir, target)
	} else {
		file = path.Join(path.Dir(p.Path), target)
	}
	q, ok := byPath[file]
	if !ok {
		u, isDesc := l.descriptionURL(file)
		if !isDesc {
			return "", fmt.Sprintf("link to %s, but there is no content file %s", dest, file), file
		}
		q = &content.Page{Path: file, URL: u}
	} else if published(p.Path) && !published(q.Path) {
		return "", fmt.Sprintf("link to %s, %s", dest, leftOutReason(q)), file
	}
	if fragment != "" {
		return q.URL + "#" + fragment, "", file
	}
	return q.URL, "", file
}

// bodyBuffers holds the buffers bodies are rendered into before packing.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// bufWriter lets goldmark render straight into a bytes.Buffer; given any
// other writer it wraps it in a new 4 KB bufio.Writer for every body.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

var _ util.BufWriter = bufWriter{}

// renderBody parses p's markdown once, rewriting links with lr, and fills
// the HTML, plain text and (when front matter has none) the summary; lr
// keeps what the walk noted (see bodycheck.go).
//
// take, if not nil, is given the plain text, and says whether p should
// keep it.
func renderBody(md goldmark.Markdown, p *content.Page, lr *markdown.Resolver, keepSource bool, take func(plain []byte) (keep bool)) {
	body := p.Source.Body
	if body == nil {
		body = p.Source.PackedBody.Bytes()
	}
	if !checkLinkRuns(body, p.Source.BodyLine, lr.Diags) {
		return
	}
	pc := parser.NewContext()
	lr.Body, lr.Line0 = body, p.Source.BodyLine
	pc.Set(markdown.LinkContextKey, lr)
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	reportNesting(pc, body, p.Source.BodyLine, lr.Diags)
	buf := bodyBuffers.Get().(*bytes.Buffer)
	defer bodyBuffers.Put(buf)
	buf.Reset()
	if err := md.Renderer().Render(bufWriter{buf}, body, doc); err != nil {
		lr.Diags.Add(diag.Pos{Line: p.Source.BodyLine, Col: 1}, "rendering markdown: %v", err)
		return
	}
	// goldmark drops raw HTML and dangerous link schemes; the walk warned
	// of each.
	p.Body, p.BodyKey = content.Pack(buf.Bytes()), hashBytes(buf.Bytes())
	buf.Reset()
	markdown.WritePlainText(buf, doc, body)
	p.WordCount = markdown.CountWords(buf.Bytes())
	if p.Source.Summary == "" { // the front matter's summary, if any, wins
		p.Summary = markdown.CutSummary(markdown.FirstParagraphText(doc, body))
	}
	p.OwnKey = ownKey(p)
	if take == nil || take(buf.Bytes()) {
		p.Plain = content.Pack(buf.Bytes())
	}
	if !keepSource {
		p.Source.Body, p.Source.PackedBody = nil, nil // a one-off build needs the source no more
	}
}

// sortNewestFirst orders pages by date, newest first, then by URL so equal
// dates have a stable order.
func sortNewestFirst(pages []*content.Page) {
	slices.SortFunc(pages, func(a, b *content.Page) int {
		return cmp.Or(b.SortDate().Compare(a.SortDate()), cmp.Compare(a.URL, b.URL))
	})
}

package generator

import (
	"maps"

	"github.com/ideas-hub/hub/generator/sitefs"
	"github.com/ideas-hub/hub/generator/taxonomy"
	"github.com/ideas-hub/hub/internal/pool"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/imageproc"
	"github.com/ideas-hub/hub/generator/markdown"

	"github.com/ideas-hub/hub/generator/diag"

	"cmp"
	"context"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/yuin/goldmark"

	"github.com/ideas-hub/hub/generator/i18n"
)

// loader keeps every content file's parsed state between builds, so a
// rebuild reads and renders only what changed.
type loader struct {
	opts Options
	cfg  *Config
	msgs *i18n.Catalog     // the site's messages, read with cfg
	md   goldmark.Markdown // made with msgs
	// slugs remembers term slugs across the builds of this loader.
	slugs content.Slugs
	keep  bool // keep markdown sources to re-render when link targets change
	// layoutNames is every name the layouts use, for a one-off load.
	layoutNames map[string]bool
	entries     map[string]*entry
	// walkProblems are the links in content/ that lead outside the site,
	// loop or lead nowhere (see contentFilesUnder), by path.
	walkProblems map[string]Diagnostic
	// published is what the last successful load published: the entry's
	// page (a new pointer whenever the file is read again) and its URL.
	published map[string]publishedPage
	// related is the last build's related pages, by rank, and relatedSig
	// the hash of everything they were chosen from (which fixes the ranks).
	related     [][]int32
	relatedSig  uint64     // hash of the pages' order and types
	relatedTags [][]string // by rank: the tag slugs related was chosen with

	// What the fast path (delta.go) patches: the last Site, the entry
	// pages and their publishing by path, and when the clock next changes
	// what is published or upcoming.
	site    *Site
	byPath  map[string]*content.Page
	pubMap  map[string]bool
	linkPub map[string]bool // see linkPublishing
	flipAt  time.Time

	// For the link check (linkcheck.go): the files of static/, read again
	// when something under static/ changes, and what the site makes, made
	// on first need by each load and patched by the fast path.
	static     []string
	staticRead bool
	targets    *siteTargets

	pics *pictures // the pictures pages show (pictures.go)
}

type publishedPage struct {
	page *content.Page
	url  string
}

// entry is one content file as last read.
type entry struct {
	page      *content.Page // nil when the front matter could not be read
	fmDiags   Diagnostics
	bodyDiags Diagnostics
	links     []string // content files its body links to
	published bool
	rank      int // the page's place in the last Site
	// For the link check (linkcheck.go): what the front matter and the
	// body name in the site, and the body's heading ids (one per line).
	fmRefs  []markdown.Ref
	refs    []markdown.Ref
	anchors string
	// desc is set, and page nil, for a term's description file.
	desc *termDesc
	// rawImage is the front matter's `image` as written; images the
	// files of the pictures the page showed when its body last rendered.
	rawImage string
	imageAt  diag.Pos
	images   []string
}

func newLoader(opts Options, keep bool) *loader {
	opts.Site = sitefs.Confine(opts.Site) // see siteFS: nothing from outside the site
	if opts.Images == nil {
		opts.Images = &imageproc.Store{Settings: imageproc.DefaultSettings()}
	}
	return &loader{opts: opts, keep: keep, entries: map[string]*entry{}, walkProblems: map[string]Diagnostic{},
		pics: &pictures{store: opts.Images, known: map[string]*imageproc.Image{}}}
}

// load brings the entries up to date and assembles a Site. changed lists
// site-relative paths that changed since the last load; nil reloads all.
// The pictures it made go into the image store only if it succeeds.
func (l *loader) load(ctx context.Context, changed []string) (*Site, error) {
	l.pics.begin(changed)
	site, err := l.loadSite(ctx, changed)
	// A one-off build sees every page: the store may forget what none shows.
	if perr := l.pics.end(err == nil, !l.keep && changed == nil); err == nil && perr != nil {
		return nil, perr
	}
	return site, err
}

func (l *loader) loadSite(ctx context.Context, changed []string) (*Site, error) {
	full := changed == nil || l.cfg == nil
	for _, c := range changed {
		// The messages name the task-list boxes in every body.
		full = full || c == ConfigFile || isMessageFile(c)
	}
	if full {
		cfg, err := LoadConfig(l.opts.Site)
		if err != nil {
			l.cfg, l.site = nil, nil
			return nil, err
		}
		if l.opts.BaseURL != "" {
			cfg.BaseURL = strings.TrimSuffix(l.opts.BaseURL, "/") + "/"
		}
		msgs, err := loadMessages(l.opts, &cfg)
		if err != nil {
			l.cfg, l.site = nil, nil
			return nil, err
		}
		l.cfg, l.msgs = &cfg, msgs
		m := messages{msgs}
		if !cfg.tagsDeclared { // the theme names them, in the site's language
			cfg.Taxonomies.Tags().Title = m.text(msgTags)
		}
		l.md = limitNesting(markdown.New(markdown.TaskLabels{Done: m.text(msgTaskDone), NotDone: m.text(msgTaskNotDone)}))
	}
	now, err := buildClock(l.opts.Now, *l.cfg)
	if err != nil {
		l.site = nil
		return nil, err
	}
	if !full && l.keep {
		if site, ok := l.fastLoad(ctx, changed, now); ok {
			return site, nil
		}
	}
	// Until this load succeeds, the last Site is not the files' site: the
	// fast path must not patch it.
	l.site = nil
	var toRead []string
	affected := map[string]bool{} // paths whose page, URL or publishing changed
	if full {
		l.entries, l.walkProblems = map[string]*entry{}, map[string]Diagnostic{}
		var problems Diagnostics
		if toRead, problems, err = contentFilesUnder(l.opts.Site, ContentDir); err != nil {
			return nil, err
		}
		l.noteWalkProblems(problems)
	} else if toRead, err = l.forget(changed, affected); err != nil {
		return nil, err
	}
	if err := l.read(ctx, toRead); err != nil {
		return nil, err
	}
	for _, f := range toRead {
		affected[f] = true
	}
	if err := l.readStatic(full, changed); err != nil {
		return nil, err
	}

	byPath := make(map[string]*content.Page, len(l.entries))
	published := make(map[string]bool, len(l.entries))
	var pages []*content.Page
	for p, e := range l.entries {
		if e.page == nil {
			continue
		}
		pages = append(pages, e.page)
		byPath[p] = e.page
		pub := isPublished(e.page, now, l.opts)
		if pub != e.published {
			affected[p] = true
		}
		e.published, published[p] = pub, pub
	}
	linkPub := l.linkPublishing(published, now)
	render := map[string]*entry{}
	changedSet, assetChanged := map[string]bool{}, false
	for _, c := range changed {
		changedSet[c] = true
		assetChanged = assetChanged || !isContentFile(c) && c != ConfigFile
	}
	for p, e := range l.entries {
		// A page whose own publishing changed checks its links again too,
		// and one whose picture changed shows the new one's files.
		if e.page != nil && (full || affected[p] || linksAny(e.links, affected) || showsAny(e.images, changedSet) ||
			assetChanged && e.missesPicture()) {
			render[p] = e
		}
	}
	if err := l.renderBodies(ctx, render, byPath, published, linkPub); err != nil {
		return nil, err
	}
	if err := l.renderDescriptions(ctx, l.descResolver(byPath, linkPub)); err != nil {
		return nil, err
	}

	slices.SortFunc(pages, func(a, b *content.Page) int { return cmp.Compare(a.Path, b.Path) }) // stable reports
	all := checkURLs(pages, l.cfg.Types, l.cfg.Taxonomies)
	for _, d := range l.walkProblems {
		all = append(all, d)
	}
	for _, e := range l.entries {
		all = append(all, e.fmDiags...)
		all = append(all, e.bodyDiags...)
	}
	l.targets = nil // pages, URLs and files may have changed
	all = append(all, l.checkLinks(published, linkPub)...)
	all = append(all, l.undescribed(published)...)
	if all.HasErrors() {
		return nil, all.Sorted()
	}
	site := l.assemble(now, published)
	site.Warnings = all.Sorted()
	l.diffPublished(site)
	if l.keep {
		l.site, l.byPath, l.pubMap, l.linkPub, l.flipAt = site, byPath, published, linkPub, l.nextFlip(now)
	} else {
		// A one-off build reads no source again (readEntries dropped the
		// parsed front matter already).
		for _, p := range site.Pages {
			p.Source = nil
		}
	}
	return site, nil
}

// diffPublished sets site.Changed and site.Gone against the last successful
// load: pages read again or newly published, and URLs no longer published.
func (l *loader) diffPublished(site *Site) {
	byPath := make(map[string]*content.Page, len(site.Pages))
	for _, p := range site.Pages {
		byPath[p.Path] = p
	}
	next := make(map[string]publishedPage, len(site.Pages))
	for path, p := range byPath {
		e := l.entries[path]
		e.rank = p.Rank
		next[path] = publishedPage{page: e.page, url: p.URL}
		if prev, ok := l.published[path]; !ok || prev.page != e.page {
			site.Changed = append(site.Changed, p)
		}
	}
	for path, prev := range l.published {
		if now, ok := next[path]; !ok || now.url != prev.url {
			site.Gone = append(site.Gone, prev.url)
		}
	}
	slices.Sort(site.Gone)
	sortNewestFirst(site.Changed)
	l.published = next
}

// forget drops the entries under the changed paths and returns the content
// files to read again. A folder that appeared or went is rescanned.
func (l *loader) forget(changed []string, affected map[string]bool) ([]string, error) {
	var toRead []string
	seen := map[string]bool{}
	for _, c := range changed {
		if c != ContentDir && !strings.HasPrefix(c, ContentDir+"/") {
			continue
		}
		for p := range l.entries {
			if p == c || strings.HasPrefix(p, c+"/") {
				delete(l.entries, p)
				affected[p] = true
			}
		}
		for p := range l.walkProblems {
			if p == c || strings.HasPrefix(p, c+"/") {
				delete(l.walkProblems, p)
			}
		}
		info, err := fs.Stat(l.opts.Site, c)
		var se *sitefs.FileError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case errors.As(err, &se) && isContentFile(c) && !seen[c]:
			seen[c] = true // reading it reports the problem
			toRead = append(toRead, c)
		case errors.As(err, &se):
			l.noteWalkProblems(Diagnostics{se.Diagnostic()})
		case err != nil:
			return nil, err
		case info.IsDir():
			files, problems, err := contentFilesUnder(l.opts.Site, c)
			if err != nil {
				return nil, err
			}
			l.noteWalkProblems(problems)
			for _, f := range files {
				if !seen[f] {
					seen[f] = true
					toRead = append(toRead, f)
				}
			}
		case isContentFile(c) && !seen[c]:
			seen[c] = true
			toRead = append(toRead, c)
		}
	}
	return toRead, nil
}

func (l *loader) noteWalkProblems(ds Diagnostics) {
	for _, d := range ds {
		l.walkProblems[d.Path] = d
	}
}

func isContentFile(p string) bool {
	for _, part := range strings.Split(path.Dir(p), "/") {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "_") {
			return false
		}
	}
	name := path.Base(p)
	return strings.HasSuffix(name, ".md") && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_")
}

func linksAny(links []string, paths map[string]bool) bool {
	for _, l := range links {
		if paths[l] {
			return true
		}
	}
	return false
}

// read parses the front matter of files in parallel into fresh entries.
func (l *loader) read(ctx context.Context, files []string) error {
	entries, err := l.readEntries(ctx, files)
	if err != nil {
		return err
	}
	for i, f := range files {
		l.entries[f] = entries[i]
	}
	return nil
}

// readEntries parses the front matter of files in parallel.
func (l *loader) readEntries(ctx context.Context, files []string) ([]*entry, error) {
	entries := make([]*entry, len(files))
	// Bodies render once every file is read, and each body held its whole
	// file until then: 700 MB at 100,000 pages, so a one-off load of a big
	// site packs them. Below packSourcesFrom files the raw bodies are some
	// tens of MB, held for a second, and packing them was 3% of the CPU.
	packSources := !l.keep && len(files) >= cmp.Or(l.opts.knobs.packSourcesFrom, packSourcesFrom)
	// Nor does a one-off load look up a key's place once the front matter
	// is checked, or read the parsed map unless a layout shows .Params: at
	// 100,000 pages the two were 200 MB of small objects that every
	// collection while bodies render walked again.
	keepParams := l.keep || l.layoutsShow("Params")
	// Each folder's links are resolved once for this pass, not per file.
	site := sitefs.RememberFolders(l.opts.Site)
	// A job left running when the build stops (see pool.Each) writes only
	// its own entry, which is dropped with the build.
	err := pool.Each(ctx, len(files), true, func(i int) error {
		file := files[i]
		dl := diag.List{Path: file}
		if tax, ok := descriptionTaxonomy(l.cfg.Taxonomies, file); ok {
			d, err := readDescription(site, file, tax, &dl)
			entries[i] = &entry{desc: d, fmDiags: dl.Items}
			return err
		}
		p, err := readPage(site, file, l.cfg.Types, l.cfg.Taxonomies, &l.slugs, l.cfg.Location(), &dl)
		var fmRefs []markdown.Ref
		var rawImage string
		var imageAt diag.Pos
		if p != nil {
			fmRefs = frontMatterRefs(p, l.cfg.BaseURL)
			rawImage, _ = p.Source.Meta["image"].(string)
			imageAt = p.Source.KeyPos("image")
		}
		if p != nil && !l.keep { // a read page always has its source
			p.Source.Keys, p.Source.KeyOrder = nil, nil
			if !keepParams {
				p.Source.Meta, p.Params = nil, nil
			}
			if packSources {
				p.Source.PackedBody, p.Source.Body = content.Pack(p.Source.Body), nil
			}
		}
		entries[i] = &entry{page: p, fmDiags: dl.Items, fmRefs: fmRefs, rawImage: rawImage, imageAt: imageAt}
		return err
	})
	if err != nil {
		return nil, err
	}
	return entries, nil
}

// packSourcesFrom is the number of content files from which a one-off load
// holds bodies packed until they are rendered (see readEntries); a test
// lowers it (knobs).
const packSourcesFrom = 20000

// renderBodies renders the markdown of entries, by path, resolving their
// links against every page and noting which files each links to. Links
// may lead to the pages linkPub holds (see linkPublishing).
func (l *loader) renderBodies(ctx context.Context, entries map[string]*entry, byPath map[string]*content.Page, published, linkPub map[string]bool) error {
	index, keepPlain := l.opts.Index, true
	if l.keep { // Index is for one-off loads
		index = nil
	}
	if index != nil {
		keepPlain = l.layoutsShow("PlainText")
	}
	linkable := func(p string) bool { return linkPub[p] }
	paths := slices.Collect(maps.Keys(entries))
	// A job left running when the build stops (see pool.Each) writes only
	// its own entry, which is dropped with the build.
	return pool.Each(ctx, len(paths), true, func(i int) error {
		path := paths[i]
		e := entries[path]
		var indexErr error
		var take func([]byte) bool
		if index != nil && published[path] {
			take = func(plain []byte) bool {
				indexErr = index(e.page, plain)
				return keepPlain
			}
		}
		dl := diag.List{Path: path}
		var links []string
		lr := &markdown.Resolver{Diags: &dl, PageURL: e.page.URL, SiteURL: l.cfg.BaseURL, Resolve: func(dest string) (string, string, string) {
			url, problem, target := l.resolveLink(e.page, dest, byPath, linkable)
			if target != "" {
				links = append(links, target)
			}
			return url, problem, target
		}}
		if published[path] {
			l.showPictures(e, lr, &dl)
		}
		renderBody(l.md, e.page, lr, l.keep, take)
		e.bodyDiags, e.links, e.refs, e.anchors = dl.Items, links, lr.Refs, string(lr.Anchors)
		return indexErr
	})
}

// layoutsShow reports whether a layout names a field or method (PlainText,
// Params), so pages must keep it for the render. Layouts that do not parse
// keep everything; the render reports the error. Parsing them took 5 ms, so
// a one-off loader, which loads once, parses them once.
func (l *loader) layoutsShow(name string) bool {
	names := l.layoutNames
	if names == nil {
		s := &Site{Config: *l.cfg, opts: l.opts, messages: l.msgs}
		ts, err := loadTemplates(s.layouts(), s.Config.Types, templateFuncs(s, &SiteInfo{}, &cardCache{}), l.msgs)
		if err != nil {
			return true
		}
		names = ts.names
		if !l.keep {
			l.layoutNames = names
		}
	}
	return names[name]
}

// assemble makes a Site of copies of the published pages, so the Site a
// server still reads is never changed by the next build.
func (l *loader) assemble(now time.Time, published map[string]bool) *Site {
	s := &Site{Config: *l.cfg, Now: now, opts: l.opts, messages: l.msgs}
	for p, e := range l.entries {
		if published[p] {
			cp := *e.page
			cp.Tags, cp.Related = nil, nil
			cp.Terms = slices.Clone(cp.Terms) // their merged terms are this site's
			s.Pages = append(s.Pages, &cp)
		}
	}
	sortNewestFirst(s.Pages)
	s.Tags = taxonomy.Tags(l.cfg.Taxonomies.Tags(), s.Pages)
	for i, t := range l.cfg.Taxonomies.Others() {
		s.Terms = append(s.Terms, taxonomy.Terms(t, i, s.Pages))
	}
	l.describe(s.termLists())
	for _, p := range s.Pages {
		p.MetaKey = metaKeyOf(p)
	}
	l.linkRelated(s.Pages, s.Tags)
	return s
}

// linkRelated reuses the last build's related pages where nothing they are
// chosen from changed: the order of pages, their types and tags. A body
// edit, the most common, costs nothing here; a few pages' new tags cost
// only the pages those tags' lists lead to (see Related.Affected).
func (l *loader) linkRelated(pages []*content.Page, tags []*content.Tag) {
	for i, p := range pages {
		p.Rank = i
	}
	k := newHasher()
	for _, p := range pages {
		k.str(p.Path, p.Type)
	}
	sig := k.sum()
	var redo []int // ranks to choose for again; nil: all
	if l.keep && sig == l.relatedSig && len(l.related) == len(pages) {
		// Same order: rank i is the same page as last time.
		var changed []int
		for i, p := range pages {
			if !slices.Equal(p.TagSlugs, l.relatedTags[i]) {
				changed = append(changed, i)
			}
		}
		redo = l.relate().Affected(pages, tags, changed, l.relatedTags)
		for i, p := range pages {
			p.Related = make([]*content.Page, len(l.related[i]))
			for j, r := range l.related[i] {
				p.Related[j] = pages[r]
			}
		}
		if len(redo) == 0 {
			return
		}
	}
	l.relate().For(pages, redo)
	if !l.keep {
		return
	}
	l.relatedSig = sig
	if redo == nil {
		l.related = make([][]int32, len(pages))
		l.relatedTags = make([][]string, len(pages))
		redo = make([]int, len(pages))
		for i := range redo {
			redo[i] = i
		}
	}
	l.keepRelated(pages, redo)
}

// keepRelated records the related pages just chosen for the pages at the
// given ranks, and the tags they were chosen with, for the next build.
func (l *loader) keepRelated(pages []*content.Page, ranks []int) {
	for _, i := range ranks {
		p := pages[i]
		l.related[i] = make([]int32, len(p.Related))
		for j, q := range p.Related {
			l.related[i][j] = int32(q.Rank)
		}
		l.relatedTags[i] = p.TagSlugs
	}
}

// showing lists the ranks whose related lists show a page at a rank
// marked in ranks: a scan of five ranks a page, cheaper than keeping an
// index up to date.
func (l *loader) showing(ranks []bool) []int {
	var out []int
	for i, rel := range l.related {
		if slices.ContainsFunc(rel, func(r int32) bool { return ranks[r] }) {
			out = append(out, i)
		}
	}
	return out
}

// relate chooses related pages as the options say.
func (l *loader) relate() taxonomy.Related {
	return taxonomy.Related{TagCap: l.opts.knobs.relatedTagCap}
}

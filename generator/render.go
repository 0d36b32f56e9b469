package generator

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tdewolff/minify/v2"
	"golang.org/x/sync/errgroup"
)

// Stats counts what a build did.
type Stats struct {
	Pages    int            // content pages
	ByType   map[string]int // content pages per type
	Tags     int
	Files    int // files the site has
	Rendered int // files this build wrote
	Removed  int // files this build deleted
}

// job is one output file.
type job struct {
	rel    string // path under the output folder
	media  string // for the minifier; "" leaves the bytes as they are
	key    uint64 // hash of the job's inputs; equal keys give equal bytes
	render func(*bytes.Buffer) error
}

// manifest maps each output file to the key it was last rendered with.
type manifest map[string]uint64

// Render writes the whole site into a fresh folder and swaps it in place of
// outDir only when every file is written: a failed build leaves the previous
// output untouched, and files of deleted content disappear with the old folder.
func (s *Site) Render(ctx context.Context, outDir string, minify bool) (Stats, error) {
	st, _, err := s.renderFresh(ctx, outDir, minify)
	return st, err
}

func (s *Site) renderFresh(ctx context.Context, outDir string, minify bool) (Stats, manifest, error) {
	staged, err := s.Stage(ctx, outDir, minify)
	if err != nil {
		return Stats{}, nil, err
	}
	if err := staged.Commit(); err != nil {
		return Stats{}, nil, err
	}
	return staged.Stats, staged.manifest, nil
}

// Staged is a complete build in a folder beside the output, not yet in place.
type Staged struct {
	Stats    Stats
	dir, out string
	manifest manifest
}

// Stage renders the whole site into a fresh folder beside outDir. Commit
// swaps it in; Discard throws it away. Nothing changes in outDir until Commit.
func (s *Site) Stage(ctx context.Context, outDir string, minify bool) (*Staged, error) {
	dir, err := stagingDir(outDir)
	if err != nil {
		return nil, err
	}
	st, m, err := s.renderInto(ctx, dir, minify, nil)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	return &Staged{Stats: st, dir: dir, out: outDir, manifest: m}, nil
}

// Commit puts the staged build in place of the output folder.
func (st *Staged) Commit() error {
	if err := swapIn(st.dir, st.out); err != nil {
		st.Discard()
		return err
	}
	return nil
}

// Discard removes the staged build.
func (st *Staged) Discard() { _ = os.RemoveAll(st.dir) }

// Check renders every page in memory, so layout errors surface, and writes
// nothing.
func (s *Site) Check(ctx context.Context) error {
	_, _, err := s.renderInto(ctx, "", false, nil)
	return err
}

// renderInto renders the jobs whose keys differ from prev into dir (all of
// them when prev is nil), removes files prev had that the site no longer
// makes, and returns the new manifest. A job that fails leaves its file out
// of the manifest, so the next build renders it again.
func (s *Site) renderInto(ctx context.Context, dir string, minify bool, prev manifest) (Stats, manifest, error) {
	out := &output{dir: dir, dirs: map[string]bool{}, replace: prev != nil}
	if minify {
		out.min = newMinifier()
	}
	r, err := s.plan(out.min, prev)
	if err != nil {
		return Stats{}, nil, err
	}
	next, todo := r.next, r.queue
	if err := out.run(ctx, todo); err != nil {
		for _, j := range todo {
			delete(prev, j.rel) // some may be written, some not: redo them all next time
		}
		return Stats{}, nil, err
	}
	removed := 0
	if prev != nil {
		for rel := range prev {
			if _, ok := next[rel]; !ok {
				if err := out.remove(rel); err != nil {
					return Stats{}, nil, err
				}
				removed++
			}
		}
	}
	s.rendered = r
	st := Stats{Pages: len(s.Pages), ByType: map[string]int{}, Tags: len(s.Tags),
		Files: len(next), Rendered: len(todo), Removed: removed}
	for _, p := range s.Pages {
		st.ByType[p.Type]++
	}
	return st, next, nil
}

// run renders and writes jobs on every core.
func (o *output) run(ctx context.Context, jobs []job) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	var bufs sync.Pool
	for _, j := range jobs {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			buf, _ := bufs.Get().(*bytes.Buffer)
			if buf == nil {
				buf = new(bytes.Buffer)
			}
			defer bufs.Put(buf)
			buf.Reset()
			if err := j.render(buf); err != nil {
				return err
			}
			return o.write(j.rel, j.media, buf.Bytes())
		})
	}
	return g.Wait()
}

// plan loads the layouts and lists every output file of the site with its
// key in r.next, queueing a job for each file whose key differs from prev.
func (s *Site) plan(min *minify.M, prev manifest) (*renderer, error) {
	layouts := layeredFS{theme: s.opts.Theme}
	if sub, err := fs.Sub(s.opts.Site, LayoutsDir); err == nil {
		layouts.site = sub
	}
	info := &SiteInfo{
		Title: s.Config.Title, Description: s.Config.Description, BaseURL: s.Config.BaseURL,
		Language: s.Config.Language, Menu: s.Config.Menu, Sections: Sections,
		SearchEndpoint: s.Config.SearchEndpoint, LiveReload: s.opts.LiveReload,
		assets: map[string]string{},
	}
	r := &renderer{site: s, info: info, min: min, keys: &pageKeys{now: s.Now, meta: map[*Page]uint64{}},
		prev: prev, next: make(manifest, len(prev))}
	if err := r.addAssets(layouts); err != nil {
		return nil, err
	}
	ts, err := loadTemplates(layouts, templateFuncs(s, info))
	if err != nil {
		return nil, err
	}
	r.ts = ts
	r.siteKey = r.computeSiteKey()
	if err := r.addStatic(s.opts.Site); err != nil {
		return nil, err
	}
	r.addSite()
	if r.dup != "" {
		return nil, fmt.Errorf("two outputs at %s", r.dup) // checkURLs should have caught it
	}
	return r, nil
}

// computeSiteKey hashes what every page shows of the site.
func (r *renderer) computeSiteKey() uint64 {
	c := r.site.Config
	k := newHasher().str(c.Title, c.Description, c.BaseURL, c.Language, c.TimeZone, c.SearchEndpoint).
		num(c.PageSize, r.site.Now.In(c.Location()).Year(), boolRank(r.info.LiveReload))
	for _, m := range c.Menu {
		k.str(m.Name, m.URL)
	}
	names := make([]string, 0, len(r.info.assets))
	for n := range r.info.assets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		k.str(n, r.info.assets[n])
	}
	return k.sum()
}

// addAssets minifies the theme's CSS and JS and names each file with a hash
// of its content, so browsers may cache them for ever.
func (r *renderer) addAssets(layouts layeredFS) error {
	for _, name := range layouts.glob("assets/*") {
		data, err := fs.ReadFile(layouts, name)
		if err != nil {
			return err
		}
		media := map[string]string{".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml"}[path.Ext(name)]
		if r.min != nil && media != "" {
			var buf bytes.Buffer
			if err := r.min.Minify(media, &buf, bytes.NewReader(data)); err != nil {
				return fmt.Errorf("%s: %w", layouts.origin(name), err)
			}
			data = buf.Bytes()
		}
		sum := sha256.Sum256(data)
		base := path.Base(name)
		ext := path.Ext(base)
		hashed := "assets/" + strings.TrimSuffix(base, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		r.addBytes(hashed, "", hashBytes(data), data)
		r.info.assets[base] = "/" + hashed
	}
	return nil
}

// addStatic copies the site's static/ folder as it is.
func (r *renderer) addStatic(site fs.FS) error {
	err := fs.WalkDir(site, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		r.addBytes(strings.TrimPrefix(p, "static/"), "", hashBytes(data), data)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// renderer turns the site into jobs, one per output file.
type renderer struct {
	site    *Site
	info    *SiteInfo
	ts      *templateSet
	min     *minify.M
	keys    *pageKeys
	siteKey uint64
	prev    manifest // the last build's keys (nil: render everything)
	next    manifest // this build's keys
	dup     string   // an output planned twice
	queue   []job    // the outputs to render
	sitemap []sitemapEntry
}

// unchanged records key for rel and reports whether the last build wrote
// rel with the same key, so the file may stay as it is.
func (r *renderer) unchanged(rel string, key uint64) bool {
	if _, dup := r.next[rel]; dup {
		r.dup = rel
	}
	r.next[rel] = key
	old, ok := r.prev[rel]
	return ok && old == key
}

func (r *renderer) add(rel, media string, key uint64, render func(*bytes.Buffer) error) {
	if r.unchanged(rel, key) {
		return
	}
	r.queue = append(r.queue, job{rel: rel, media: media, key: key, render: render})
}

func (r *renderer) addBytes(rel, media string, key uint64, data []byte) {
	r.add(rel, media, key, func(b *bytes.Buffer) error { _, err := b.Write(data); return err })
}

// addPage adds an HTML page rendered with the layout for kind.
func (r *renderer) addPage(kind string, v *View) {
	r.prepare(v)
	r.add(indexFile(v.URL), "text/html", r.viewKey(kind, v), func(b *bytes.Buffer) error {
		v.JSONLD = r.site.jsonLD(v) // here, so only pages rendered pay for it
		return r.ts.execute(b, kind, v)
	})
}

// prepare fills the fields every view shares.
func (r *renderer) prepare(v *View) {
	s := r.site
	v.Site = r.info
	v.Now = s.Now
	v.Permalink = s.Config.BaseURL + trimSlash(v.URL)
	if v.DocTitle == "" {
		v.DocTitle = v.Title + " · " + s.Config.Title
	}
	if v.Description == "" {
		v.Description = s.Config.Description
	}
}

// indexFile maps a URL path to the file that serves it.
func indexFile(u string) string {
	u = strings.TrimPrefix(u, "/")
	if u == "" || strings.HasSuffix(u, "/") {
		return u + "index.html"
	}
	return u
}

// addSite lists every page of the site.
func (r *renderer) addSite() {
	s := r.site
	home := Crumb{Name: "Home", URL: "/"}

	r.addPage("home", &View{Kind: "home", URL: "/", Title: s.Config.Title, DocTitle: s.Config.Title, Home: r.home(), Feed: "/feed.xml"})
	r.sitemap = append(r.sitemap, sitemapEntry{url: "/"})

	for i := range Sections {
		sec := &Sections[i]
		pages := sectionPages(s, sec.Type)
		base := "/" + sec.Dir + "/"
		for _, pp := range paginate(pages, s.Config.PageSize, base) {
			title := sec.Name
			if pp.Pager.Number > 1 {
				title = fmt.Sprintf("%s, page %d of %d", sec.Name, pp.Pager.Number, pp.Pager.Total)
			}
			url := pageURL(base, pp.Pager.Number)
			r.addPage("section", &View{Kind: "section", URL: url, Title: sec.Name, DocTitle: title + " · " + s.Config.Title,
				Section: sec, Pages: pp.Pages, Pager: pp.Pager, Feed: "/feed.xml",
				Breadcrumbs: []Crumb{home, {Name: sec.Name, URL: base}}})
			r.sitemap = append(r.sitemap, sitemapEntry{url: url})
		}
		r.addAlias(base+"page/1/", base, sec.Name)
	}

	for _, p := range s.Pages {
		r.addSingle(p, home)
		r.sitemap = append(r.sitemap, sitemapEntry{url: p.URL, lastmod: p.Lastmod()})
		for _, a := range p.Aliases {
			r.addAlias(normaliseAlias(a), p.URL, p.Title)
		}
		if p.Type == TypeEvent {
			r.addCalendar(p.URL+"event.ics", p.Title, []*Page{p})
		}
	}

	r.addTags(home)

	r.addFeed("feed.xml", s.Config.Title, "/feed.xml", "/", feedPages(s.Pages), true)
	r.addCalendar("events/calendar.ics", s.Config.Title+": events", sectionPages(s, TypeEvent))
	r.addPage("search", searchView(nil))
	r.sitemap = append(r.sitemap, sitemapEntry{url: "/search/"})
	r.addPage("404", &View{Kind: "404", URL: "/404.html", Title: "Page not found"})
	robots := s.robots()
	r.addBytes("robots.txt", "", hashBytes(robots), robots)
	entries := r.sitemap
	k := newHasher().str(s.Config.BaseURL)
	for _, e := range entries {
		k.str(e.url).time(e.lastmod)
	}
	r.add("sitemap.xml", "", k.sum(), func(b *bytes.Buffer) error {
		data, err := s.sitemap(entries)
		b.Write(data)
		return err
	})
}

// addSingle adds a content page. Its key comes from the page itself, so
// the view is only made for a page that must be rendered again.
func (r *renderer) addSingle(p *Page, home Crumb) {
	k := newHasher().u64(r.siteKey, r.ts.hashes[p.Type], r.keys.full(p))
	for _, q := range p.Related {
		k.u64(r.keys.card(q))
	}
	rel := indexFile(p.URL)
	if r.unchanged(rel, k.sum()) {
		return
	}
	crumbs := []Crumb{home}
	if sec, ok := sectionOf(p.Type); ok {
		crumbs = append(crumbs, Crumb{Name: sec.Name, URL: "/" + sec.Dir + "/"})
	}
	crumbs = append(crumbs, Crumb{Name: p.Title, URL: p.URL})
	v := &View{Kind: "page", URL: p.URL, Title: p.Title, Description: p.Summary,
		Page: p, Breadcrumbs: crumbs, Feed: "/feed.xml"}
	r.prepare(v)
	r.queue = append(r.queue, job{rel: rel, media: "text/html", key: r.next[rel], render: func(b *bytes.Buffer) error {
		v.JSONLD = r.site.jsonLD(v)
		return r.ts.execute(b, p.Type, v)
	}})
}

func (r *renderer) addTags(home Crumb) {
	s := r.site
	byName := slices.Clone(s.Tags)
	slices.SortFunc(byName, func(a, b *Tag) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Slug, b.Slug))
	})
	tagsCrumb := Crumb{Name: "Tags", URL: "/tags/"}
	r.addPage("tags", &View{Kind: "tags", URL: "/tags/", Title: "Tags", Tags: byName, Breadcrumbs: []Crumb{home, tagsCrumb}})
	r.sitemap = append(r.sitemap, sitemapEntry{url: "/tags/"})
	for _, t := range s.Tags {
		feed := t.URL + "feed.xml"
		for _, pp := range paginate(t.Pages, s.Config.PageSize, t.URL) {
			title := "Tagged: " + t.Name
			doc := title
			if pp.Pager.Number > 1 {
				doc = fmt.Sprintf("%s, page %d of %d", title, pp.Pager.Number, pp.Pager.Total)
			}
			url := pageURL(t.URL, pp.Pager.Number)
			r.addPage("tag", &View{Kind: "tag", URL: url, Title: title, DocTitle: doc + " · " + s.Config.Title,
				Description: fmt.Sprintf("Everything on %s tagged %s.", s.Config.Title, t.Name),
				Tag:         t, Pages: pp.Pages, Pager: pp.Pager, Feed: feed,
				Breadcrumbs: []Crumb{home, tagsCrumb, {Name: t.Name, URL: t.URL}}})
			r.sitemap = append(r.sitemap, sitemapEntry{url: url})
		}
		r.addAlias(t.URL+"page/1/", t.URL, t.Name)
		r.addFeed(strings.TrimPrefix(feed, "/"), s.Config.Title+": "+t.Name, feed, t.URL, feedPages(t.Pages), false)
	}
}

func (r *renderer) addFeed(rel, title, self, alternate string, pages []*Page, full bool) {
	pages = pages[:min(feedSize, len(pages))]
	k := newHasher().u64(r.siteKey).str(title, self, alternate).num(boolRank(full))
	for _, p := range pages {
		if full {
			k.u64(r.keys.full(p))
		} else {
			k.u64(r.keys.card(p))
		}
	}
	r.add(rel, "", k.sum(), func(b *bytes.Buffer) error {
		data, err := r.site.atom(title, self, alternate, pages, full)
		b.Write(data)
		return err
	})
}

func (r *renderer) addCalendar(rel, name string, events []*Page) {
	k := newHasher().u64(r.siteKey).str(name)
	for _, p := range events {
		k.u64(r.keys.card(p)).time(r.site.dtstamp(p))
	}
	r.add(rel, "", k.sum(), func(b *bytes.Buffer) error {
		b.Write(r.site.calendar(name, events))
		return nil
	})
}

// addAlias writes a page at from that sends readers on to target.
func (r *renderer) addAlias(from, target, title string) {
	v := &View{Site: r.info, Kind: "alias", URL: target, Title: title,
		Permalink: r.site.Config.BaseURL + trimSlash(target)}
	key := newHasher().u64(r.siteKey, r.ts.hashes["alias"]).str(target, title).sum()
	r.add(indexFile(from), "text/html", key, func(b *bytes.Buffer) error { return r.ts.alias.ExecuteTemplate(b, "alias.html", v) })
}

// sectionPages lists the published pages of one type in list order: newest
// first, except events: upcoming soonest first, then past most recent first.
func sectionPages(s *Site, typ string) []*Page {
	var pages []*Page
	for _, p := range s.Pages {
		if p.Type == typ {
			pages = append(pages, p)
		}
	}
	if typ == TypeEvent {
		slices.SortStableFunc(pages, func(a, b *Page) int {
			au, bu := a.IsUpcoming(s.Now), b.IsUpcoming(s.Now)
			switch {
			case au && bu:
				return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.URL, b.URL))
			case au != bu:
				return cmp.Compare(boolRank(bu), boolRank(au))
			}
			return cmp.Or(b.Start.Compare(a.Start), cmp.Compare(a.URL, b.URL))
		})
	}
	return pages
}

func (r *renderer) home() *Home {
	s := r.site
	h := &Home{Popular: popularTags(s.Tags, 12)}
	for _, sec := range Sections {
		if sec.Type == TypeEvent {
			continue
		}
		pages := sectionPages(s, sec.Type)
		h.Latest = append(h.Latest, SectionPages{Section: sec, Pages: pages[:min(3, len(pages))]})
	}
	for _, p := range sectionPages(s, TypeEvent) {
		if !p.IsUpcoming(s.Now) || len(h.Upcoming) == 4 {
			break
		}
		h.Upcoming = append(h.Upcoming, p)
	}
	return h
}

func searchView(sv *SearchView) *View {
	return &View{Kind: "search", URL: "/search/", Title: "Search", Search: sv,
		Breadcrumbs: []Crumb{{Name: "Home", URL: "/"}, {Name: "Search", URL: "/search/"}}}
}

// RenderSearch writes the search page showing sv's results: the server
// renders it for each query so search works without JavaScript. The site
// must have been rendered.
func (s *Site) RenderSearch(w io.Writer, sv *SearchView) error {
	r := s.rendered
	if r == nil {
		return errors.New("the site has not been rendered")
	}
	v := searchView(sv)
	if sv != nil && sv.Query != "" {
		v.DocTitle = "Search: " + sv.Query + " · " + s.Config.Title
	}
	r.prepare(v)
	v.JSONLD = s.jsonLD(v)
	var buf bytes.Buffer
	if err := r.ts.execute(&buf, "search", v); err != nil {
		return err
	}
	if r.min != nil {
		return r.min.Minify("text/html", w, &buf)
	}
	_, err := buf.WriteTo(w)
	return err
}

// TagBySlug returns the tag with that slug, or nil.
func (s *Site) TagBySlug(slug string) *Tag {
	i, ok := slices.BinarySearchFunc(s.Tags, slug, func(t *Tag, slug string) int { return cmp.Compare(t.Slug, slug) })
	if !ok {
		return nil
	}
	return s.Tags[i]
}

// dtstamp is when an event's calendar entry last changed: its last edit,
// but never later than the build clock.
func (s *Site) dtstamp(p *Page) time.Time {
	if t := p.Lastmod(); t.Before(s.Now) {
		return t
	}
	return s.Now
}

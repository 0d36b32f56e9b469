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
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"golang.org/x/sync/errgroup"
)

// Stats counts what a build wrote.
type Stats struct {
	Pages  int            // content pages
	ByType map[string]int // content pages per type
	Tags   int
	Files  int // every file written
}

// job is one output file.
type job struct {
	rel    string // path under the output folder
	media  string // for the minifier; "" leaves the bytes as they are
	render func(*bytes.Buffer) error
}

// Render writes the whole site into a fresh folder and swaps it in place of
// outDir only when every file is written: a failed build leaves the previous
// output untouched, and files of deleted content disappear with the old folder.
func (s *Site) Render(ctx context.Context, outDir string, minify bool) (Stats, error) {
	staging, err := stagingDir(outDir)
	if err != nil {
		return Stats{}, err
	}
	stats, err := s.renderInto(ctx, staging, minify)
	if err == nil {
		err = swapIn(staging, outDir)
	}
	if err != nil {
		_ = os.RemoveAll(staging)
		return Stats{}, err
	}
	return stats, nil
}

// Check renders every page in memory, so layout errors surface, and writes
// nothing.
func (s *Site) Check(ctx context.Context) error {
	_, err := s.renderInto(ctx, "", false)
	return err
}

func (s *Site) renderInto(ctx context.Context, dir string, minify bool) (Stats, error) {
	out := &output{dir: dir, dirs: map[string]bool{}}
	if minify {
		out.min = newMinifier()
	}
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
	if err := writeAssets(out, layouts, info.assets); err != nil {
		return Stats{}, err
	}
	ts, err := loadTemplates(layouts, templateFuncs(s, info))
	if err != nil {
		return Stats{}, err
	}
	if err := copyStatic(s.opts.Site, out); err != nil {
		return Stats{}, err
	}
	r := &renderer{site: s, info: info, ts: ts, min: out.min}
	jobs := r.jobs()

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
			return out.write(j.rel, j.media, buf.Bytes())
		})
	}
	if err := g.Wait(); err != nil {
		return Stats{}, err
	}
	s.rendered = r
	st := Stats{Pages: len(s.Pages), ByType: map[string]int{}, Tags: len(s.Tags), Files: out.n}
	for _, p := range s.Pages {
		st.ByType[p.Type]++
	}
	return st, nil
}

// writeAssets minifies the theme's CSS and JS and writes each under a name
// that carries a hash of its content, so browsers may cache them for ever.
func writeAssets(out *output, layouts layeredFS, urls map[string]string) error {
	for _, name := range layouts.glob("assets/*") {
		data, err := fs.ReadFile(layouts, name)
		if err != nil {
			return err
		}
		media := map[string]string{".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml"}[path.Ext(name)]
		if out.min != nil && media != "" {
			var buf bytes.Buffer
			if err := out.min.Minify(media, &buf, bytes.NewReader(data)); err != nil {
				return fmt.Errorf("%s: %w", layouts.origin(name), err)
			}
			data = buf.Bytes()
		}
		sum := sha256.Sum256(data)
		base := path.Base(name)
		ext := path.Ext(base)
		hashed := "assets/" + strings.TrimSuffix(base, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		if err := out.write(hashed, "", data); err != nil {
			return err
		}
		urls[base] = "/" + hashed
	}
	return nil
}

// copyStatic copies the site's static/ folder as it is.
func copyStatic(site fs.FS, out *output) error {
	err := fs.WalkDir(site, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		f, err := site.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		return out.copyFile(strings.TrimPrefix(p, "static/"), f)
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
	queue   []job
	sitemap []sitemapEntry
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

func (r *renderer) add(rel, media string, render func(*bytes.Buffer) error) {
	r.queue = append(r.queue, job{rel: rel, media: media, render: render})
}

func (r *renderer) addBytes(rel, media string, data []byte) {
	r.add(rel, media, func(b *bytes.Buffer) error { _, err := b.Write(data); return err })
}

// addPage adds an HTML page rendered with the layout for kind.
func (r *renderer) addPage(kind string, v *View) {
	r.prepare(v)
	r.add(indexFile(v.URL), "text/html", func(b *bytes.Buffer) error { return r.ts.execute(b, kind, v) })
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
	v.JSONLD = s.jsonLD(v)
}

// indexFile maps a URL path to the file that serves it.
func indexFile(u string) string {
	u = strings.TrimPrefix(u, "/")
	if u == "" || strings.HasSuffix(u, "/") {
		return u + "index.html"
	}
	return u
}

func (r *renderer) jobs() []job {
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
		crumbs := []Crumb{home}
		if sec, ok := sectionOf(p.Type); ok {
			crumbs = append(crumbs, Crumb{Name: sec.Name, URL: "/" + sec.Dir + "/"})
		}
		crumbs = append(crumbs, Crumb{Name: p.Title, URL: p.URL})
		r.addPage(p.Type, &View{Kind: "page", URL: p.URL, Title: p.Title, Description: p.Summary,
			Page: p, Breadcrumbs: crumbs, Feed: "/feed.xml"})
		r.sitemap = append(r.sitemap, sitemapEntry{url: p.URL, lastmod: p.Lastmod()})
		for _, a := range p.Aliases {
			r.addAlias(normaliseAlias(a), p.URL, p.Title)
		}
		if p.Type == TypeEvent {
			r.addBytes(p.URL+"event.ics", "", s.calendar(p.Title, []*Page{p}))
		}
	}

	r.addTags(home)

	feeds := feedPages(s.Pages)
	r.addFeed("feed.xml", s.Config.Title, "/feed.xml", "/", feeds)
	r.addBytes("events/calendar.ics", "", s.calendar(s.Config.Title+": events", sectionPages(s, TypeEvent)))
	r.addPage("search", searchView(nil))
	r.sitemap = append(r.sitemap, sitemapEntry{url: "/search/"})
	r.addPage("404", &View{Kind: "404", URL: "/404.html", Title: "Page not found"})
	r.addBytes("robots.txt", "", s.robots())
	entries := r.sitemap
	r.add("sitemap.xml", "application/xml", func(b *bytes.Buffer) error {
		data, err := s.sitemap(entries)
		b.Write(data)
		return err
	})
	return r.queue
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
		r.addFeed(strings.TrimPrefix(feed, "/"), s.Config.Title+": "+t.Name, feed, t.URL, feedPages(t.Pages))
	}
}

func (r *renderer) addFeed(rel, title, self, alternate string, pages []*Page) {
	r.add(rel, "application/atom+xml", func(b *bytes.Buffer) error {
		data, err := r.site.atom(title, self, alternate, pages)
		b.Write(data)
		return err
	})
}

// addAlias writes a page at from that sends readers on to target.
func (r *renderer) addAlias(from, target, title string) {
	v := &View{Site: r.info, Kind: "alias", URL: target, Title: title,
		Permalink: r.site.Config.BaseURL + trimSlash(target)}
	r.add(indexFile(from), "text/html", func(b *bytes.Buffer) error { return r.ts.alias.ExecuteTemplate(b, "alias.html", v) })
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

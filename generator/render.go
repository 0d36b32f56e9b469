package generator

import (
	"github.com/ideas-hub/hub/generator/sitefs"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/formats"
	"github.com/ideas-hub/hub/generator/imageproc"
	"github.com/ideas-hub/hub/generator/publish"

	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"sort"
	"strings"

	"github.com/tdewolff/minify/v2"
)

// Stats counts what a build did.
type Stats struct {
	Pages    int            // content pages
	ByType   map[string]int // content pages per type
	types    *content.Types // names the types in Summary
	Tags     int
	Files    int // files the site has
	Rendered int // files this build wrote
	Removed  int // files this build deleted
}

// Render writes the whole site into a fresh folder and swaps it in place of
// outDir only when every file is written: a failed build leaves the previous
// output untouched, and files of deleted content disappear with the old folder.
func (s *Site) Render(ctx context.Context, outDir string, minify bool) (Stats, error) {
	st, _, err := s.renderFresh(ctx, outDir, minify)
	return st, err
}

func (s *Site) renderFresh(ctx context.Context, outDir string, minify bool) (Stats, publish.Manifest, error) {
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
	stage    *publish.Stage
	out      string
	manifest publish.Manifest
}

// Stage renders the whole site into a folder of its own: the one
// Options.Keep names, reusing the files an earlier build left there, or a
// fresh one beside outDir. Commit swaps it in; Discard gives it up. Nothing
// changes in outDir until Commit.
func (s *Site) Stage(ctx context.Context, outDir string, minify bool) (*Staged, error) {
	sg, err := publish.NewStage(outDir, s.opts.Keep)
	if err != nil {
		return nil, err
	}
	st, m, err := s.renderInto(ctx, &publish.Output{Dir: sg.Dir, Reuse: sg.Reuse}, minify, nil)
	if err == nil && sg.Reuse {
		err = publish.Prune(sg.Dir, m)
	}
	if err != nil {
		sg.Abandon()
		return nil, err
	}
	return &Staged{Stats: st, stage: sg, out: outDir, manifest: m}, nil
}

// Commit puts the staged build in place of the output folder.
func (st *Staged) Commit() error {
	if err := st.stage.SwapIn(st.out); err != nil {
		st.stage.Abandon()
		return err
	}
	return nil
}

// Discard gives up the staged build.
func (st *Staged) Discard() { st.stage.Abandon() }

// Check renders every page in memory, so layout errors surface, and writes
// nothing.
func (s *Site) Check(ctx context.Context) error {
	_, _, err := s.renderInto(ctx, &publish.Output{}, false, nil)
	return err
}

// renderInto renders the jobs whose keys differ from prev into dir (all of
// them when prev is nil), removes files prev had that the site no longer
// makes, and returns the new manifest. A job that fails leaves its file out
// of the manifest, so the next build renders it again.
func (s *Site) renderInto(ctx context.Context, out *publish.Output, minify bool, prev publish.Manifest) (Stats, publish.Manifest, error) {
	return s.renderWith(ctx, out, minify, prev, func(o *publish.Output) (*renderer, error) { return s.plan(o.Min, prev) })
}

// renderWith renders the jobs plan queues, as renderInto describes.
// out names the folder (and whether it holds an earlier build to reuse);
// a rebuild from prev rewrites files of a live folder.
func (s *Site) renderWith(ctx context.Context, out *publish.Output, minify bool, prev publish.Manifest, plan func(*publish.Output) (*renderer, error)) (Stats, publish.Manifest, error) {
	out.Replace, out.Gate = prev != nil, s.opts.gate
	if minify {
		out.Min = publish.NewMinifier()
	}
	r, err := plan(out)
	if err != nil {
		return Stats{}, nil, err
	}
	out.Splice = r.cards.spliceMinified
	next, todo := r.next, r.queue
	if err := out.Run(ctx, todo); err != nil {
		r.pics.batch.Discard()
		maps.Copy(prev, r.dropped) // still on disk
		for _, j := range todo {
			delete(prev, j.Rel) // some may be written, some not: redo them all next time
		}
		return Stats{}, nil, err
	}
	// Remove what prev had and next has not; a patch lists what it dropped.
	gone := maps.Keys(prev)
	if r.patch {
		gone = maps.Keys(r.dropped)
	}
	removed := 0
	for rel := range gone {
		if _, ok := next[rel]; !ok {
			if err := out.Remove(rel); err != nil {
				return Stats{}, nil, err
			}
			removed++
		}
	}
	// A one-off build published every page's card: the store may forget
	// the others.
	if err := r.pics.batch.Commit(s.oneOff && prev == nil && !r.patch); err != nil {
		return Stats{}, nil, fmt.Errorf("image store: %w", err)
	}
	s.rendered = r
	st := Stats{Pages: len(s.Pages), ByType: map[string]int{}, types: s.Config.Types, Tags: len(s.Tags),
		Files: len(next), Rendered: len(todo), Removed: removed}
	for _, p := range s.Pages {
		st.ByType[p.Type]++
	}
	return st, next, nil
}

// plan loads the layouts and lists every output file of the site with its
// key in r.next, queueing a job for each file whose key differs from prev.
func (s *Site) plan(min *minify.M, prev publish.Manifest) (*renderer, error) {
	layouts := s.layouts()
	info := &SiteInfo{
		Title: s.Config.Title, Description: s.Config.Description, BaseURL: s.Config.BaseURL,
		Language: s.Config.Language, Menu: s.Config.Menu, Sections: s.Config.Types.Sections(), types: s.Config.Types,
		SearchEndpoint: s.Config.SearchEndpoint,
		assets:         map[string]string{}, messages: s.messages,
	}
	for i, t := range s.Config.Taxonomies.Others() {
		if len(s.Terms[i]) > 0 {
			info.Taxonomies = append(info.Taxonomies, t)
		}
	}
	info.searchTaxonomies = s.searchTaxonomies()
	r := &renderer{site: s, info: info, min: min, keys: &pageKeys{now: s.Now},
		prev: prev, next: make(publish.Manifest, len(prev))}
	if err := r.addAssets(layouts); err != nil {
		return nil, err
	}
	cards := &cardCache{min: min, whole: s.opts.knobs.wholeMinify}
	funcs := templateFuncs(s, info, cards)
	ts, err := loadTemplates(layouts, s.Config.Types, funcs, s.messages)
	if err != nil {
		return nil, err
	}
	if err := ts.forRender(funcs); err != nil {
		return nil, err
	}
	r.ts, r.cards, cards.ts = ts, cards, ts
	r.keys.cardsShowBody = ts.showsBody
	if s.lean {
		if !ts.names["PlainText"] {
			for _, p := range s.Pages {
				p.Plain = nil
			}
		}
		if !ts.showsBody {
			r.keepContent = map[*content.Page]bool{}
			for _, p := range feedPages(s.Pages) {
				r.keepContent[p] = true // the site feed carries bodies
			}
		}
	}
	r.siteKey = r.computeSiteKey()
	css, _ := fs.ReadFile(layouts, "assets/style.css")
	r.pics = &pictureState{added: map[string]bool{}, batch: s.opts.Images.BeginCards(), colors: map[string]imageproc.CardColors{}, css: css}
	if err := r.addStatic(s.opts.Site, s.pictureSources()); err != nil {
		return nil, err
	}
	if err := r.addThemeStatic(layouts); err != nil {
		return nil, err
	}
	r.addSite()
	if r.dup != "" {
		return nil, r.duplicate(r.dup)
	}
	if ds := r.placeAliases(); ds != nil {
		return nil, ds
	}
	return r, nil
}

// computeSiteKey hashes what every page shows of the site.
func (r *renderer) computeSiteKey() uint64 {
	c := r.site.Config
	k := newHasher().str(c.Title, c.Description, c.BaseURL, c.Language, c.TimeZone, c.SearchEndpoint).
		num(c.PageSize, r.site.Now.In(c.Location()).Year()).
		u64(r.site.messages.Hash())
	for _, m := range c.Menu {
		k.str(m.Name, m.URL)
	}
	for _, t := range c.Taxonomies.All() { // the footer, the search page and the browse boxes name them
		k.str(t.Name, t.Param, t.Title, t.Singular).num(len(t.Keys)).str(t.Keys...)
	}
	for _, t := range r.info.Taxonomies {
		k.str(t.Name)
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
			return sitefs.AsDiagnostics(err)
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

// addThemeStatic copies the files of the theme's static/ folder (its
// favicon.ico) to the output root as they are, each one the site's own
// static/ does not have: a site's static/favicon.ico wins, and a site's
// layouts/static/favicon.ico overrides the theme's like any layout file.
func (r *renderer) addThemeStatic(layouts layeredFS) error {
	names, err := layouts.files("static")
	if err != nil {
		return err
	}
	for _, name := range names {
		rel := strings.TrimPrefix(name, "static/")
		if _, taken := r.next[rel]; taken {
			continue
		}
		data, err := fs.ReadFile(layouts, name)
		if err != nil {
			return sitefs.AsDiagnostics(err)
		}
		r.addBytes(rel, "", hashBytes(data), data)
	}
	return nil
}

// addStatic copies the site's static/ folder as it is, through links
// that stay inside the site (see walkSite); every link that does not is
// reported, all in one run. The pictures pages show (pictures) are
// published only as what was made of them: a phone's photo carries where
// it was taken.
func (r *renderer) addStatic(site fs.FS, pictures map[string]bool) error {
	skip := func(name string, isDir bool) bool {
		return !isDir && (strings.HasPrefix(path.Base(name), ".") || pictures[name])
	}
	problems, err := sitefs.Walk(site, "static", skip, func(p string) error {
		data, err := fs.ReadFile(site, p)
		if err != nil {
			return sitefs.AsDiagnostics(err)
		}
		r.addBytes(strings.TrimPrefix(p, "static/"), "", hashBytes(data), data)
		return nil
	})
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case problems != nil:
		return problems.Sorted()
	}
	return nil
}

// renderer turns the site into jobs, one per output file.
type renderer struct {
	site    *Site
	info    *SiteInfo
	ts      *templateSet
	cards   *cardCache
	min     *minify.M
	keys    *pageKeys
	siteKey uint64
	prev    publish.Manifest // the last build's keys (nil: render everything)
	next    publish.Manifest // this build's keys
	dup     string           // an output planned twice
	// patch: next is prev, changed in place (a copy took 3 ms at 18,000
	// files), as outputs are added again or dropped.
	patch   bool
	dropped publish.Manifest // outputs a patch deleted from next, with their keys
	// keepContent, when not nil, holds the only pages whose HTML body
	// something shows besides their own page; every other page's is dropped
	// once that is rendered (see Site.Lean).
	keepContent map[*content.Page]bool
	pics        *pictureState
	queue       []publish.Job // the outputs to render
	sitemap     []formats.URL
	termEntries [2]int // where the taxonomies' pages are in sitemap
	// sitemapChanged: a patch's sitemap is not the last build's (deltaoutputs.go).
	sitemapChanged bool
	// sitemapBuf is the sitemap's buffer, passed from each preview build
	// to the next: 1.8 MB at 10,000 pages, a fresh one each tag edit cost
	// the preview 9 ms on this VM (zeroing new memory).
	sitemapBuf *bytes.Buffer
}

// unchanged records key for rel and reports whether the last build wrote
// rel with the same key, so the file may stay as it is.
func (r *renderer) unchanged(rel string, key uint64) bool {
	if _, dup := r.next[rel]; dup && !r.patch {
		r.dup = rel
	}
	old, ok := r.prev[rel] // read first: a patch's next is prev
	if !ok {
		old, ok = r.dropped[rel]
	}
	r.next[rel] = key
	return ok && old == key
}

func (r *renderer) add(rel, media string, key uint64, render func(*bytes.Buffer) error) {
	r.addJob(publish.Job{Rel: rel, Media: media, Key: key, Render: render})
}

// addJob queues j unless the last build wrote j.rel with j.key.
func (r *renderer) addJob(j publish.Job) {
	if r.unchanged(j.Rel, j.Key) {
		return
	}
	r.queue = append(r.queue, j)
}

func (r *renderer) addBytes(rel, media string, key uint64, data []byte) {
	r.add(rel, media, key, func(b *bytes.Buffer) error { _, err := b.Write(data); return err })
}

// addPage adds an HTML page rendered with the layout for kind.
func (r *renderer) addPage(kind string, v *View) {
	r.prepare(v)
	r.add(indexFile(v.URL), "text/html", r.viewKey(kind, v), func(b *bytes.Buffer) error {
		v.JSONLD = r.site.jsonLD(v) // here, so only pages rendered pay for it
		err := r.ts.execute(b, kind, v)
		v.JSONLD = ""
		return err
	})
}

// layouts is the site's layouts over the theme's.
func (s *Site) layouts() layeredFS { return siteLayouts(s.opts) }

// siteLayouts is the site's layouts/ over the theme's.
func siteLayouts(opts Options) layeredFS {
	layouts := layeredFS{theme: opts.Theme}
	if sub, err := fs.Sub(opts.Site, LayoutsDir); err == nil {
		layouts.site = sub
	}
	return layouts
}

// prepare fills the fields every view shares.
func (r *renderer) prepare(v *View) {
	s := r.site
	v.Site = r.info
	v.Now = s.Now
	v.Permalink = s.Config.BaseURL + trimSlash(v.URL)
	if v.DocTitle == "" {
		v.DocTitle = s.msgs().docTitle(v.Title, s.Config.Title)
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

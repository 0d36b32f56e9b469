package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/diag"
	"github.com/ideas-hub/hub/generator/imageproc"
	"github.com/ideas-hub/hub/generator/markdown"
)

// Pictures: the images a published page shows, its front matter's
// `image` and its body's ![alt](src), are found in the site and processed
// (package imageproc) as the page's body renders, so the body's HTML
// names the files made. A picture is read from the site once per load and
// decoded only when the store has not seen its bytes; the preview reads
// again only a picture that an edit named (changed), and renders again
// the pages that show it.

// pictures is a loader's use of the image store.
type pictures struct {
	store *imageproc.Store
	mu    sync.Mutex
	// known is what the last good loads made of each source, by path;
	// fresh is this load's, kept only if it succeeds (its batch is
	// committed then, and the files known names are in the store).
	known, fresh map[string]*imageproc.Image
	batch        *imageproc.Batch
	// reread holds this load's changed paths: their files are read again,
	// whatever the store's index says of their size and time.
	reread []string
}

// begin starts a load: the sources changed (all of them when changed is
// nil) are read again.
func (ps *pictures) begin(changed []string) {
	ps.batch, ps.fresh, ps.reread = ps.store.Begin(), map[string]*imageproc.Image{}, changed
	if changed == nil {
		clear(ps.known)
	}
	for _, c := range changed {
		for src := range ps.known {
			if src == c || strings.HasPrefix(src, c+"/") {
				delete(ps.known, src)
			}
		}
	}
}

// end finishes a load: a good one keeps what it made, and with prune (a
// one-off build, which saw every page) lets the store forget the rest; a
// failed one leaves the store as it was.
func (ps *pictures) end(ok, prune bool) error {
	b := ps.batch
	ps.batch = nil
	if !ok {
		b.Discard()
		return nil
	}
	if ps.store.ReadOnly {
		return nil
	}
	if err := b.Commit(prune); err != nil {
		return fmt.Errorf("image store: %w", err)
	}
	for src, img := range ps.fresh {
		ps.known[src] = img
	}
	return nil
}

// process returns what is made of the site's file src.
func (ps *pictures) process(site fs.FS, src string) (*imageproc.Image, error) {
	ps.mu.Lock()
	img, ok := ps.known[src]
	if !ok {
		img, ok = ps.fresh[src]
	}
	ps.mu.Unlock()
	if ok {
		return img, nil
	}
	info, err := fs.Stat(site, src)
	if err != nil {
		return nil, err
	}
	// A file the store saw with this size and time is not read again (see
	// imageproc's index.go), unless this load was told it changed.
	trust := !info.ModTime().IsZero() && !showsAny([]string{src}, ps.rereadSet())
	if trust {
		img = ps.batch.Known(src, info.Size(), info.ModTime())
	}
	if img == nil {
		data, err := fs.ReadFile(site, src)
		if err != nil {
			return nil, err
		}
		if img, err = ps.batch.Process(data); err != nil {
			return nil, err
		}
		if !info.ModTime().IsZero() {
			ps.batch.Stamp(src, info.Size(), info.ModTime(), img)
		}
	}
	ps.mu.Lock()
	ps.fresh[src] = img
	ps.mu.Unlock()
	return img, nil
}

func (ps *pictures) rereadSet() map[string]bool {
	set := make(map[string]bool, len(ps.reread))
	for _, c := range ps.reread {
		set[c] = true
	}
	return set
}

// imageSource finds the file an image of page p names (dest as written):
// a relative name beside the content file first, as an editor's preview
// of the markdown shows it, else the file of static/ at the URL a
// reader's browser would ask for. urlDir is the URL folder its files are
// served from. ok is false when dest is off the site or no file answers.
func imageSource(site fs.FS, p *content.Page, dest, baseURL string) (src, urlDir string, ok bool) {
	sitePath, _, onSite := markdown.SiteLink(dest, p.URL, baseURL)
	if !onSite || sitePath == "" {
		return "", "", false
	}
	if u, err := url.Parse(dest); err == nil && u.Scheme == "" && u.Host == "" && !strings.HasPrefix(u.Path, "/") && u.Path != "" {
		beside := path.Join(path.Dir(p.Path), u.Path)
		if strings.HasPrefix(beside, ContentDir+"/") && isFile(site, beside) {
			return beside, "/" + strings.TrimPrefix(path.Dir(beside)+"/", ContentDir+"/"), true
		}
	}
	if f := "static" + sitePath; isFile(site, f) {
		return f, path.Dir(sitePath) + "/", true
	}
	return "", "", false
}

func isFile(site fs.FS, name string) bool {
	info, err := fs.Stat(site, name)
	return err == nil && info.Mode().IsRegular()
}

// picture finds and processes one image of page p. problem follows
// "image <dest> " (or "`image` <dest> ") in the error it makes.
func (l *loader) picture(p *content.Page, dest string) (pic *imageproc.Placed, problem string, found bool) {
	src, dir, ok := imageSource(l.opts.Site, p, dest, l.cfg.BaseURL)
	if !ok {
		return nil, "", false
	}
	return l.placed(src, dir)
}

// pictureProblem says what is wrong with the file src.
func pictureProblem(src string, err error) string {
	var tl *imageproc.TooLargeError
	var de *imageproc.DecodeError
	switch {
	case errors.Is(err, imageproc.ErrNotImage):
		return fmt.Sprintf("(%s) is not a picture: a page may show JPEG, PNG, WebP, GIF or SVG files", src)
	case errors.As(err, &tl), errors.As(err, &de):
		return fmt.Sprintf("(%s) %v", src, err)
	}
	return fmt.Sprintf("(%s): %v", src, err)
}

// leadPicture finds and processes p's front matter image: raw, as
// written, names a file beside the content file when relative, else (like
// "/img/bus.jpg" and "img/bus.jpg" alike) a file of static/.
func (l *loader) leadPicture(p *content.Page, raw string) (pic *imageproc.Placed, problem string, found bool) {
	raw = strings.TrimSpace(raw)
	if raw != "" && !strings.HasPrefix(raw, "/") && !strings.Contains(raw, "://") {
		beside := path.Join(path.Dir(p.Path), strings.TrimPrefix(raw, "./"))
		if strings.HasPrefix(beside, ContentDir+"/") && isFile(l.opts.Site, beside) {
			return l.placed(beside, "/"+strings.TrimPrefix(path.Dir(beside)+"/", ContentDir+"/"))
		}
	}
	if p.Image == "" || !strings.HasPrefix(p.Image, "/") {
		return nil, "", false
	}
	return l.picture(&content.Page{URL: "/", Path: p.Path}, p.Image)
}

// placed processes the site's file src, served from urlDir.
func (l *loader) placed(src, urlDir string) (*imageproc.Placed, string, bool) {
	img, err := l.pics.process(l.opts.Site, src)
	if err != nil {
		return nil, pictureProblem(src, err), true
	}
	return &imageproc.Placed{Image: img, Source: src, Dir: urlDir, Stem: imageproc.Stem(src)}, "", true
}

// showPictures processes p's front matter image before its body renders
// (its key is part of the page's own), and has lr process the body's as
// they render; e.page.Pictures collects them all.
func (l *loader) showPictures(e *entry, lr *markdown.Resolver, dl *diag.List) {
	p := e.page
	p.Picture, p.Pictures, e.images = nil, nil, nil
	add := func(pic *imageproc.Placed) {
		p.Pictures = append(p.Pictures, pic)
		e.images = append(e.images, pic.Source)
	}
	lead, problem, found := l.leadPicture(p, e.rawImage)
	if found {
		e.fmRefs = nil // found: the link check has nothing to say
	}
	if problem != "" {
		dl.Add(e.imageAt, "`image` %s %s", strings.TrimSpace(e.rawImage), problem)
	}
	if lead != nil {
		p.Picture = lead
		add(lead)
	}
	var mu sync.Mutex // goldmark walks one body at a time, but be plain about it
	lr.Picture = func(dest string) (*imageproc.Placed, string, bool) {
		pic, problem, found := l.picture(p, dest)
		if pic != nil {
			mu.Lock()
			add(pic)
			mu.Unlock()
		}
		return pic, problem, found
	}
}

// showsAny reports whether any of a page's pictures is at a changed path
// or under a changed folder.
func showsAny(images []string, changed map[string]bool) bool {
	for _, src := range images {
		for dir := src; dir != "." && dir != "/"; dir = path.Dir(dir) {
			if changed[dir] {
				return true
			}
		}
	}
	return false
}

// samePictures reports whether two copies of a page publish the same
// picture files.
func samePictures(a, b *content.Page) bool {
	if len(a.Pictures) != len(b.Pictures) {
		return false
	}
	for i, pa := range a.Pictures {
		if pb := b.Pictures[i]; pa.Source != pb.Source || pa.Key != pb.Key || pa.Dir != pb.Dir {
			return false
		}
	}
	return true
}

// missesPicture reports whether the page names a picture the site did not
// have when it last rendered: a file added since may be it.
func (e *entry) missesPicture() bool {
	for _, refs := range [][]markdown.Ref{e.fmRefs, e.refs} {
		for _, r := range refs {
			if r.Image {
				return true
			}
		}
	}
	return false
}

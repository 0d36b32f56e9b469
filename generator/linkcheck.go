package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/markdown"

	"github.com/ideas-hub/hub/generator/diag"

	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/agnivade/levenshtein"
)

// The link check. Once every page is read and rendered, each link and
// image a published page has that names a place in the site (see
// bodycheck.go), and each front matter `image`, must reach something the
// site makes: a page, a list, a tag page, a feed, a calendar, an alias, a
// file of static/. A fragment must name a heading id of the content page
// it leads to. It runs over every page on every load, the preview's too:
// a page deleted, renamed or retitled breaks links in files nobody edited,
// and the check costs a map lookup a link.

// targetKind says what the site makes at a URL.
type targetKind uint8

const (
	targetOutput targetKind = iota // a list, feed, calendar or other file the site makes
	targetPage                     // a content page
	targetAlias                    // a page that sends readers on to a content page
	targetStatic                   // a file copied from static/
)

// linkTarget is what is at one URL of the site.
type linkTarget struct {
	kind targetKind
	file string // the content file of a page or an alias
}

// siteTargets is every URL the site answers and what is there: outputs.go's
// plan of outputs, by URL (TestLinkTargetsAreTheOutputs keeps the two in
// step). Pages this build leaves out are there too, to say why a link to
// one fails. The lists of sections and terms, and their later pages and
// feeds, are known by their counts, so a tag edit changes one number.
type siteTargets struct {
	urls     map[string]linkTarget     // folders end in "/", files not
	terms    map[string]map[string]int // by taxonomy name: published pages by term slug
	sections map[string]int            // published pages by section folder
	pageSize int
}

// lookup finds what is at the site path p, as a static host answers it:
// "/x/index.html" is "/x/", and "/x" is the folder "/x/" when there is no
// file "/x".
func (t *siteTargets) lookup(p string) (linkTarget, bool) {
	if dir, ok := strings.CutSuffix(p, "/index.html"); ok {
		p = dir + "/"
	}
	if x, ok := t.find(p); ok || strings.HasSuffix(p, "/") {
		return x, ok
	}
	return t.find(p + "/")
}

func (t *siteTargets) find(p string) (linkTarget, bool) {
	if x, ok := t.urls[p]; ok {
		return x, true
	}
	// A section's list "/stories/" and its pages "/stories/page/2/"; a
	// tag's list "/tags/wales/", its pages and its feed.
	first, rest, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	count, listed := t.sections[first]
	if terms, ok := t.terms[first]; ok && rest != "" {
		var slug string
		slug, rest, _ = strings.Cut(rest, "/")
		count, listed = terms[slug]
		if rest == "feed.xml" {
			return linkTarget{}, listed
		}
	}
	if !listed || !strings.HasSuffix(p, "/") {
		return linkTarget{}, false
	}
	if rest == "" || rest == "page/1/" {
		return linkTarget{}, true
	}
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rest, "page/"), "/"))
	return linkTarget{}, err == nil && "page/"+strconv.Itoa(n)+"/" == rest && n >= 1 && n <= pageCount(count, t.pageSize)
}

// add records what is at u unless something is there already: pages come
// first, so a page's own URL wins.
func (t *siteTargets) add(u string, x linkTarget) {
	if _, taken := t.urls[u]; !taken {
		t.urls[u] = x
	}
}

// reterm brings the term counts up to date with a fast rebuild's edits
// (see reterm in deltaterms.go) of the taxonomies of lists: nil for a term
// no page has any more.
func (t *siteTargets) reterm(lists []termList, edits termEdits) {
	for i, tl := range lists {
		counts := t.terms[tl.tax.Name]
		for slug, term := range edits.at(i) {
			if term == nil {
				delete(counts, slug)
			} else {
				counts[slug] = len(term.Pages)
			}
		}
	}
}

// siteTargets lists what the site makes from the loaded entries, published
// as given, and the files of static/.
func (l *loader) siteTargets(published map[string]bool) *siteTargets {
	t := &siteTargets{urls: map[string]linkTarget{}, terms: map[string]map[string]int{}, sections: map[string]int{}, pageSize: l.cfg.PageSize}
	for _, sec := range l.cfg.Types.Sections() {
		t.sections[sec.Folder] = 0
	}
	for _, tax := range l.cfg.Taxonomies.All() {
		t.terms[tax.Name] = map[string]int{}
		t.add(tax.URL(), linkTarget{})
	}
	tags := t.terms[content.TagsName]
	var leftOut []*content.Page
	for file, e := range l.entries {
		p := e.page
		switch {
		case p == nil:
		case !published[file]:
			leftOut = append(leftOut, p)
		default:
			t.urls[p.URL] = linkTarget{kind: targetPage, file: file}
			if sec, ok := l.cfg.Types.Lookup(p.Type); ok && sec.Folder != "" {
				t.sections[sec.Folder]++
			}
			for i, s := range p.TagSlugs {
				if s != "" && !slices.Contains(p.TagSlugs[:i], s) {
					tags[s]++
				}
			}
			for _, pt := range p.Terms {
				counts := t.terms[pt.Taxonomy.Name]
				for i, s := range pt.Slugs {
					if s != "" && !slices.Contains(pt.Slugs[:i], s) {
						counts[s]++
					}
				}
			}
		}
	}
	for file, e := range l.entries {
		if p := e.page; p != nil && published[file] {
			for _, a := range p.Aliases {
				t.add(normaliseAlias(a), linkTarget{kind: targetAlias, file: file})
			}
			if p.ByStart() {
				t.add("/"+eventCalendar(p), linkTarget{})
			}
		}
	}
	for _, u := range []string{"/", "/feed.xml", "/events/calendar.ics", "/search/", "/404.html", "/robots.txt", "/sitemap.xml"} {
		t.add(u, linkTarget{})
	}
	for _, sec := range scheduledSections(l.cfg.Types) {
		t.add("/"+sectionCalendar(sec), linkTarget{})
	}
	for _, f := range l.static {
		t.add("/"+f, linkTarget{kind: targetStatic})
		if path.Base(f) == "index.html" {
			t.add("/"+strings.TrimSuffix(f, "index.html"), linkTarget{kind: targetStatic})
		}
	}
	l.pictureTargets(t, published)
	for _, p := range leftOut {
		t.add(p.URL, linkTarget{kind: targetPage, file: p.Path})
		for _, a := range p.Aliases {
			t.add(normaliseAlias(a), linkTarget{kind: targetAlias, file: p.Path})
		}
	}
	return t
}

// linkPublishing says which pages links may lead to: those this load
// publishes, or with Options.LinksAsDefaultBuild those a build without
// --drafts and --future would.
func (l *loader) linkPublishing(published map[string]bool, now time.Time) map[string]bool {
	if !l.opts.LinksAsDefaultBuild {
		return published
	}
	linkPub := make(map[string]bool, len(published))
	for p, e := range l.entries {
		if e.page != nil {
			linkPub[p] = isPublished(e.page, now, Options{})
		}
	}
	return linkPub
}

// readStatic lists the files of static/ for the link check, on a full load
// or when something under static/ changed.
func (l *loader) readStatic(full bool, changed []string) error {
	stale := full || !l.staticRead
	for _, c := range changed {
		stale = stale || c == "static" || strings.HasPrefix(c, "static/") ||
			strings.HasPrefix(c, LayoutsDir+"/static/")
	}
	if !stale {
		return nil
	}
	files, err := staticFiles(l.opts.Site)
	if err != nil {
		return err
	}
	theme, err := siteLayouts(l.opts).files("static") // the theme's favicon.ico (addThemeStatic)
	if err != nil {
		return err
	}
	for _, name := range theme {
		files = append(files, strings.TrimPrefix(name, "static/"))
	}
	slices.Sort(files)
	l.static, l.staticRead = slices.Compact(files), true
	return nil
}

// staticFiles lists the files of static/ that a build copies (addStatic),
// relative to it.
func staticFiles(site fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(site, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		files = append(files, strings.TrimPrefix(p, "static/"))
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return files, err
}

// checkLinks checks the links and images of every page this load
// publishes. A link from a page linkPub holds to one it does not is an
// error too: linkPub is what a build publishes (see
// Options.LinksAsDefaultBuild). What the site makes is listed on first
// need, into l.targets: a site whose links all name content files without
// a fragment lists nothing.
func (l *loader) checkLinks(published, linkPub map[string]bool) Diagnostics {
	var ds Diagnostics
	for file, e := range l.entries {
		// A description is shown whenever its term is: as published.
		shown := (e.page != nil && published[file]) || e.desc != nil
		if !shown || len(e.refs)+len(e.fmRefs) == 0 {
			continue
		}
		if l.targets == nil {
			l.targets = l.siteTargets(published)
		}
		dl := diag.List{Path: file}
		for _, refs := range [][]markdown.Ref{e.fmRefs, e.refs} {
			for _, r := range refs {
				if msg := l.checkRef(l.targets, file, e, r, linkPub[file] || e.desc != nil, linkPub); msg != "" {
					dl.Add(r.At, "%s", msg)
				}
			}
		}
		ds = append(ds, dl.Items...)
	}
	return ds
}

// frontMatterRefs lists what p's front matter names in the site: its
// `image`, at the key.
func frontMatterRefs(p *content.Page, siteURL string) []markdown.Ref {
	if path, _, ok := markdown.SiteLink(p.Image, p.URL, siteURL); ok && path != "" {
		return []markdown.Ref{{Dest: p.Image, Path: path, At: p.Source.KeyPos("image"), Image: true, Key: "image"}}
	}
	return nil
}

// checkRef returns what is wrong with one link or image of e's page, or "".
// strict says the page is published by a plain build, so it may not link to
// a page such a build leaves out.
func (l *loader) checkRef(t *siteTargets, file string, e *entry, r markdown.Ref, strict bool, linkPub map[string]bool) string {
	if r.File != "" { // a link to a content file: resolveLink checked the rest
		if q := l.entries[r.File]; q != nil {
			return missingHeading(r, q.anchors, r.File)
		}
		return ""
	}
	if r.Path == "" {
		return missingHeading(r, e.anchors, "this page")
	}
	x, found := t.lookup(r.Path)
	switch {
	case r.Image && (!found || x.kind != targetStatic):
		what := "image"
		if r.Key != "" {
			what = "`" + r.Key + "`"
		}
		return fmt.Sprintf("%s %s: %s%s", what, r.Dest, l.missingFile(r.Path, file), suggestURL(t, r))
	case !found:
		where := "at " + r.Path // where a relative link leads
		if strings.HasPrefix(r.Dest, r.Path) {
			where = "with that URL"
		}
		return fmt.Sprintf("link to %s, but the site has no page or file %s%s", r.Dest, where, suggestURL(t, r))
	case x.kind != targetPage && x.kind != targetAlias:
		return "" // lists, feeds and files have no headings of the content's
	case strict && !linkPub[x.file]:
		if q := l.entries[x.file]; q != nil && q.page != nil {
			return fmt.Sprintf("link to %s, %s", r.Dest, leftOutReason(q.page))
		}
	case x.kind == targetPage:
		if q := l.entries[x.file]; q != nil {
			return missingHeading(r, q.anchors, x.file)
		}
	}
	return ""
}

// leftOutReason says why a build leaves a page out, for a link to it.
func leftOutReason(q *content.Page) string {
	if q.Draft {
		return "which is a draft (`draft: true`): a build publishes it only with --drafts, so readers would find no page there"
	}
	layout := "2006-01-02 15:04"
	if h, m, s := q.Date.Clock(); h+m+s == 0 {
		layout = "2006-01-02"
	}
	return fmt.Sprintf("which is dated %s, after the build clock: a build publishes it only from then, or with --future", q.Date.Format(layout))
}

// missingHeading returns the problem of r's fragment, "" when the page
// whose heading ids are anchors (one per line) has a heading with that id.
// "top" and the empty fragment lead to the top of any page.
func missingHeading(r markdown.Ref, anchors, where string) string {
	if r.Frag == "" || r.Frag == "top" {
		return ""
	}
	ids := strings.Fields(anchors)
	if slices.Contains(ids, r.Frag) {
		return ""
	}
	msg := fmt.Sprintf("link to %s, but %s has no heading with the id %q", r.Dest, where, r.Frag)
	if len(ids) == 0 {
		return msg + ": it has no headings"
	}
	best, dist := "", len(r.Frag)/2+2
	for _, id := range ids {
		if d := levenshtein.ComputeDistance(r.Frag, id); d < dist {
			best, dist = id, d
		}
	}
	if best != "" {
		return msg + fmt.Sprintf(": did you mean #%s?", best)
	}
	if len(ids) > 6 {
		return msg + fmt.Sprintf(": its headings are #%s and %d more", strings.Join(ids[:6], ", #"), len(ids)-6)
	}
	return msg + ": its headings are #" + strings.Join(ids, ", #")
}

// missingFile says that no file of static/ answers the site path p, and
// where a file that is beside the content file, as an editor may have
// meant, would have to go instead.
func (l *loader) missingFile(p, file string) string {
	msg := "there is no file static" + p
	beside := path.Join(path.Dir(file), path.Base(p))
	if info, err := fs.Stat(l.opts.Site, beside); err == nil && !info.IsDir() {
		msg += fmt.Sprintf(" (%s is beside the page, but a build publishes only the files in static/)", beside)
	}
	return msg
}

// suggestURL offers what a link that leads nowhere was likely meant for:
// the page, when it was written as another generator's file name
// ("/stories/b.html"); the URL from the site's root, when it was written
// relative ("img/logo.png" on /stories/a/ is /stories/a/img/logo.png).
func suggestURL(t *siteTargets, r markdown.Ref) string {
	trimmed := strings.TrimSuffix(r.Path, "/")
	for _, ext := range []string{".html", ".htm", ".md"} {
		if stem, ok := strings.CutSuffix(trimmed, ext); ok {
			if x, found := t.urls[stem+"/"]; found && x.kind == targetPage {
				return fmt.Sprintf(": did you mean %s/?", stem)
			}
		}
	}
	if strings.HasPrefix(r.Dest, "/") || strings.HasPrefix(r.Dest, ".") {
		return ""
	}
	if root, _, ok := markdown.SiteLink("/"+r.Dest, "/", ""); ok {
		if x, found := t.lookup(root); found && (!r.Image || x.kind == targetStatic) {
			return fmt.Sprintf(": did you mean %s?", root)
		}
	}
	return ""
}

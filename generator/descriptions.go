package generator

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/diag"
	"github.com/ideas-hub/hub/generator/markdown"
	"github.com/ideas-hub/hub/generator/taxonomy"
	"github.com/ideas-hub/hub/internal/slug"
)

// A term's description file, content/<taxonomy>/<slug>.md, says who an
// author is or what an organisation does. It is shown at the head of the
// term's page and is not a page of its own: no list, feed, sitemap entry
// or search document has it. Its body is markdown, its links checked as
// a page's are; a link to it from a page leads to the term's page.

// termDesc is a description file as last read.
type termDesc struct {
	tax  *content.Taxonomy
	info *content.TermInfo
	src  *content.Source
}

// descriptionTaxonomy returns the taxonomy whose description file file
// would be: a file right inside content/<name>/ of a taxonomy's name.
func descriptionTaxonomy(tax *content.Taxonomies, file string) (*content.Taxonomy, bool) {
	rel := strings.TrimPrefix(file, ContentDir+"/")
	dir, name, ok := strings.Cut(rel, "/")
	if !ok || strings.Contains(name, "/") || !strings.HasSuffix(name, ".md") {
		return nil, false
	}
	return tax.Lookup(dir)
}

// readDescription reads the description file of a term of tax.
func readDescription(site fs.FS, file string, tax *content.Taxonomy, dl *diag.List) (*termDesc, error) {
	data, err := readContentFile(site, file, dl)
	if err != nil || data == nil {
		return nil, err
	}
	src, ok := content.ParseSource(data, dl)
	if !ok {
		return nil, nil
	}
	base := strings.TrimSuffix(path.Base(file), ".md")
	ti := &content.TermInfo{Path: file, Slug: base}
	content.DecodeTermInfo(ti, src, dl)
	if s := slug.Tag(base); s != base {
		if s == "" {
			dl.Add(diag.Pos{Line: 1, Col: 1}, "a term's description is named by the term's slug, and %q makes none: rename the file", path.Base(file))
		} else {
			dl.Add(diag.Pos{Line: 1, Col: 1}, "a term's description is named by the term's slug: rename the file %s/%s.md", path.Dir(file), s)
		}
	}
	return &termDesc{tax: tax, info: ti, src: src}, nil
}

// renderDescriptions renders the body of every description file, with
// its links resolved as a page's are (resolve), and checks nothing else.
func (l *loader) renderDescriptions(ctx context.Context, resolve func(from *content.Page, dest string) (string, string, string)) error {
	for file, e := range l.entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		if e.desc != nil {
			l.renderDescription(file, e, resolve)
		}
	}
	return nil
}

// renderDescription renders the body of the description file e.
func (l *loader) renderDescription(file string, e *entry, resolve func(from *content.Page, dest string) (string, string, string)) {
	d := e.desc
	// A stand-in page carries the file through the body's renderer.
	stand := &content.Page{Path: file, URL: d.tax.TermURL(d.info.Slug), Source: d.src}
	dl := diag.List{Path: file}
	var links []string
	lr := &markdown.Resolver{Diags: &dl, PageURL: stand.URL, SiteURL: l.cfg.BaseURL, Resolve: func(dest string) (string, string, string) {
		url, problem, target := resolve(stand, dest)
		if target != "" {
			links = append(links, target)
		}
		return url, problem, target
	}}
	renderBody(l.md, stand, lr, true, nil) // keeping the source: every load renders them again
	d.info.Body = stand.Body
	d.info.Key = newHasher().str(d.info.Title, d.info.Summary, d.info.Website, d.info.Image, d.info.ImageAlt).u64(stand.BodyKey).sum()
	e.bodyDiags, e.links, e.refs, e.anchors = dl.Items, links, lr.Refs, string(lr.Anchors)
	if path, _, ok := markdown.SiteLink(d.info.Image, stand.URL, l.cfg.BaseURL); ok && path != "" {
		e.fmRefs = []markdown.Ref{{Dest: d.info.Image, Path: path, At: d.src.KeyPos("image"), Image: true, Key: "image"}}
	}
}

// descResolver resolves the links of a description as a page's are: it
// is shown whenever its term is, as published.
func (l *loader) descResolver(byPath map[string]*content.Page, linkPub map[string]bool) func(from *content.Page, dest string) (string, string, string) {
	return func(from *content.Page, dest string) (string, string, string) {
		return l.resolveLink(from, dest, byPath, func(p string) bool { return p == from.Path || linkPub[p] })
	}
}

// descriptionURL is the term page a link to a description file leads to.
func (l *loader) descriptionURL(file string) (string, bool) {
	if e := l.entries[file]; e != nil && e.desc != nil {
		return e.desc.tax.TermURL(e.desc.info.Slug), true
	}
	return "", false
}

// describe gives each term of the lists its description.
func (l *loader) describe(lists []termList) {
	for _, e := range l.entries {
		if e.desc == nil {
			continue
		}
		for _, tl := range lists {
			if tl.tax != e.desc.tax {
				continue
			}
			if t, ok := taxonomy.Find(tl.terms, e.desc.info.Slug); ok {
				t.About = e.desc.info
			}
		}
	}
}

// undescribed returns a warning for each description file of a term no
// page that published holds has: its term has no page to show it on. It
// reads the entries, so that a load that fails says it too.
func (l *loader) undescribed(published map[string]bool) Diagnostics {
	named := map[*content.Taxonomy]map[string]bool{} // the slugs published pages name
	var ds Diagnostics
	for file, e := range l.entries {
		if e.desc == nil || slug.Tag(e.desc.info.Slug) != e.desc.info.Slug { // misnamed: an error says so
			continue
		}
		if named[e.desc.tax] == nil {
			named[e.desc.tax] = l.namedSlugs(e.desc.tax, published)
		}
		slugs := named[e.desc.tax]
		if slugs[e.desc.info.Slug] {
			continue
		}
		msg := fmt.Sprintf("this describes the %s %q, but no published page names it, so it has no page to be shown on",
			strings.ToLower(e.desc.tax.Singular), e.desc.info.Slug)
		if s, ok := content.Closest(e.desc.info.Slug, slices.Sorted(maps.Keys(slugs))); ok {
			msg += fmt.Sprintf(": did you mean %s/%s.md?", path.Dir(file), s)
		}
		ds = append(ds, Diagnostic{Path: file, Line: 1, Col: 1, Msg: msg, Severity: SeverityWarning})
	}
	return ds
}

// namedSlugs are the slugs of the terms of tax the published pages have.
func (l *loader) namedSlugs(tax *content.Taxonomy, published map[string]bool) map[string]bool {
	i := slices.Index(l.cfg.Taxonomies.All(), tax)
	slugs := map[string]bool{}
	for file, e := range l.entries {
		if e.page == nil || !published[file] {
			continue
		}
		list := e.page.TagSlugs
		if i > 0 {
			list = e.page.Terms[i-1].Slugs
		}
		for _, s := range list {
			slugs[s] = true
		}
	}
	return slugs
}

// aboutOf is the description of the term of tax with slug, or nil.
func (l *loader) aboutOf(tax *content.Taxonomy, slug string) *content.TermInfo {
	e := l.entries[path.Join(ContentDir, tax.Name, slug+".md")]
	if e == nil || e.desc == nil {
		return nil
	}
	return e.desc.info
}

package generator

import (
	"github.com/ideas-hub/hub/generator/content"

	"github.com/ideas-hub/hub/generator/diag"

	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// aliasPositions finds where each alias is written in the front matter of
// data, so a problem with one is reported at its own line: the first
// occurrence of each, in order, from the `aliases` key on. An alias not
// found as written (escaped in JSON, say) is placed at the key.
func aliasPositions(data []byte, src *content.Source, aliases []string) []diag.Pos {
	if len(aliases) == 0 {
		return nil
	}
	key := src.KeyPos("aliases")
	from, end := lineStart(data, key.Line), lineStart(data, src.BodyLine)
	at := make([]diag.Pos, len(aliases))
	for i, a := range aliases {
		at[i] = key
		needle := []byte(strings.TrimSpace(a))
		if len(needle) == 0 || from >= end {
			continue
		}
		j := bytes.Index(data[from:end], needle)
		if j < 0 {
			continue
		}
		off := from + j
		at[i] = diag.Pos{Line: 1 + bytes.Count(data[:off], []byte("\n")), Col: off - bytes.LastIndexByte(data[:off], '\n')}
		from = off + len(needle)
	}
	return at
}

// lineStart is the offset of the 1-based line n of data (len(data) past
// its end; 0 for n < 2).
func lineStart(data []byte, n int) int {
	off := 0
	for ; n > 1; n-- {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return len(data)
		}
		off += i + 1
	}
	return off
}

// placeAliases adds the redirect page of every page's aliases. It runs
// once every output the site makes itself is planned, so an alias that
// would take the place of one (`/`, `/404.html`, `/stories/`, `/tags/x/`,
// `/feed.xml`, `/events/calendar.ics`, …) is an error at its line, the
// same from check and build; written over it, or as a folder where the
// site has a file, it broke the site or the build.
func (r *renderer) placeAliases() Diagnostics {
	var ds Diagnostics
	for _, p := range r.site.Pages {
		for i, a := range p.Aliases {
			u := normaliseAlias(a)
			rel := indexFile(u)
			if taken, ok := r.taken(rel); ok {
				at := p.AliasAt(i)
				ds = append(ds, Diagnostic{Path: p.Path, Line: at.Line, Col: at.Col,
					Msg: fmt.Sprintf("alias %s would replace %s, which the site makes itself: remove the alias", strings.TrimSpace(a), r.describe(taken))})
				continue
			}
			r.addAlias(u, p.URL, p.Title)
		}
	}
	return ds.Sorted()
}

// taken reports the planned output that a file at rel would replace: rel
// itself, or a folder of rel's that is a file.
func (r *renderer) taken(rel string) (string, bool) {
	if _, ok := r.next[rel]; ok {
		return rel, true
	}
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		if _, ok := r.next[d]; ok {
			return d, true
		}
	}
	return "", false
}

// describe names a planned output for an editor: what it is, at its URL.
func (r *renderer) describe(rel string) string {
	u := "/" + strings.TrimSuffix(rel, "index.html")
	if _, err := fs.Stat(r.site.opts.Site, "static/"+rel); err == nil {
		return "the file static/" + rel
	}
	for _, p := range r.site.Pages {
		if p.URL == u {
			return "the page of " + p.Path + " at " + u
		}
	}
	for _, sec := range r.site.Config.Types.Sections() {
		if base := "/" + sec.Folder + "/"; u == base || strings.HasPrefix(u, base+"page/") {
			return "the list " + u
		}
	}
	switch {
	case u == "/":
		return "the home page /"
	case u == "/tags/":
		return "the list of tags /tags/"
	case u == "/search/":
		return "the search page /search/"
	case rel == "404.html":
		return "the page for missing pages /404.html"
	case path.Base(rel) == "feed.xml":
		return "the Atom feed " + u
	case path.Ext(rel) == ".ics":
		return "the calendar " + u
	case rel == "sitemap.xml" || rel == "robots.txt":
		return u
	case strings.HasPrefix(u, "/tags/"):
		return "the tag page " + u
	case !strings.HasSuffix(rel, "index.html"):
		return "the file " + u
	}
	return "the page " + u
}

// duplicate is the error for an output planned twice: a static file the
// site also makes (static/index.html, static/feed.xml) at its path.
func (r *renderer) duplicate(rel string) error {
	if _, err := fs.Stat(r.site.opts.Site, "static/"+rel); err == nil {
		return Diagnostics{{Path: "static/" + rel, Msg: fmt.Sprintf("the site makes /%s itself: rename or remove the file", rel)}}
	}
	return fmt.Errorf("two outputs at %s", rel) // checkURLs should have caught it
}

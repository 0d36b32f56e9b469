package generator

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/ideas-hub/hub/generator/content"
)

// The fast path (delta.go) for a term's description file,
// content/<taxonomy>/<slug>.md, written, rewritten or removed. It is no
// page: it shows only on its term's pages (their heading, description and
// summary, and the JSON-LD of an author's or an organisation's page), so
// the patch gives the term its new description and the rebuild keys again
// that term's pages alone. A file that a page links to takes the general
// path when it comes or goes, since the link leads to the term's page only
// while it is there.

// descChange is a description file read again.
type descChange struct {
	file  string
	tax   *content.Taxonomy
	slug  string
	fresh *entry // nil: the file is gone
}

type descChanges []descChange

// readDescriptions reads and renders the description files again. ok is
// false when the general path must run: a file unreadable, with an error,
// linked to as it comes or goes, or gone without having been read.
func (l *loader) readDescriptions(ctx context.Context, files []string) (descChanges, bool) {
	var out descChanges
	var present []string
	for _, f := range files {
		tax, _ := descriptionTaxonomy(l.cfg.Taxonomies, f)
		old := l.entries[f]
		if _, problem := l.walkProblems[f]; problem || (old != nil && old.desc == nil) {
			return nil, false
		}
		_, err := fs.Stat(l.opts.Site, f)
		gone := errors.Is(err, fs.ErrNotExist)
		switch {
		case gone && old == nil, err != nil && !gone:
			return nil, false
		case !gone:
			present = append(present, f)
		}
		if (old == nil || gone) && l.linkedTo(f) {
			return nil, false
		}
		out = append(out, descChange{file: f, tax: tax, slug: strings.TrimSuffix(path.Base(f), ".md")})
	}
	fresh, err := l.readEntries(ctx, present)
	if err != nil {
		return nil, false
	}
	resolve := l.descResolver(l.byPath, l.linkPub)
	for i := range out {
		j := slices.Index(present, out[i].file)
		if j < 0 {
			continue
		}
		e := fresh[j]
		if e.desc == nil || e.fmDiags.HasErrors() {
			return nil, false
		}
		l.renderDescription(out[i].file, e, resolve)
		if e.bodyDiags.HasErrors() {
			return nil, false
		}
		out[i].fresh = e
	}
	return out, true
}

// linkedTo reports whether a content file links to file.
func (l *loader) linkedTo(file string) bool {
	for _, e := range l.entries {
		if slices.Contains(e.links, file) {
			return true
		}
	}
	return false
}

// swap puts the fresh entries in place of the old ones, and returns what
// puts the old ones back.
func (dc descChanges) swap(entries map[string]*entry) (undo func()) {
	old := make([]*entry, len(dc))
	for i, c := range dc {
		old[i] = entries[c.file]
		if c.fresh == nil {
			delete(entries, c.file)
		} else {
			entries[c.file] = c.fresh
		}
	}
	return func() {
		for i, c := range dc {
			if old[i] == nil {
				delete(entries, c.file)
			} else {
				entries[c.file] = old[i]
			}
		}
	}
}

// describeAgain gives each term of s that a changed description file
// describes a copy of its own with the new description (nil when the
// file is gone), and returns those copies. A description of a term no
// page has changes no output: a warning says so.
func describeAgain(s *Site, dc descChanges) []*content.Term {
	var out []*content.Term
	for _, c := range dc {
		i := slices.Index(s.Config.Taxonomies.All(), c.tax)
		terms := s.listAt(i)
		j, found := slices.BinarySearchFunc(terms, c.slug, func(t *content.Term, s string) int { return strings.Compare(t.Slug, s) })
		if !found {
			continue
		}
		t := *terms[j]
		t.About = nil
		if c.fresh != nil {
			t.About = c.fresh.desc.info
		}
		terms = slices.Clone(terms)
		terms[j] = &t
		s.setListAt(i, terms)
		out = append(out, &t)
	}
	return out
}

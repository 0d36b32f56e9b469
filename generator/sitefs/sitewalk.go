package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/ideas-hub/hub/generator/diag"
)

// Walk calls visit with every file under dir, as fs.WalkDir would, but
// through the site's links: a link to a file inside the site is visited
// under the link's own name, a link to a folder inside the site is walked
// as if the folder were there. skip, given a name and whether it is a
// folder, leaves it out. Links that lead outside, loops and odd files are
// not visited: each is returned in problems, and the walk goes on, so one
// run reports them all. err is for a folder that cannot be read.
func Walk(fsys fs.FS, dir string, skip func(name string, isDir bool) bool, visit func(name string) error) (problems diag.Diagnostics, err error) {
	site, _ := Confine(fsys).(FS)
	w := siteWalk{site: site, fsys: Confine(fsys), skip: skip, visit: visit}
	real := dir
	if site.fsys != nil {
		p, info, err := site.resolve(dir)
		if err != nil {
			return w.problem(err)
		}
		if info == nil {
			return nil, &fs.PathError{Op: "open", Path: dir, Err: fs.ErrNotExist}
		}
		real = p
	}
	err = w.walk(dir, []string{real})
	return w.problems, err
}

type siteWalk struct {
	site     FS // zero when fsys holds no links
	fsys     fs.FS
	skip     func(string, bool) bool
	visit    func(string) error
	problems diag.Diagnostics
}

// problem notes err if it is one of the site's files, else returns it.
func (w *siteWalk) problem(err error) (diag.Diagnostics, error) {
	var se *FileError
	if !errors.As(err, &se) {
		return nil, err
	}
	w.problems = append(w.problems, se.Diagnostic())
	return w.problems, nil
}

// walk visits the folder dir, reached as the link-free folders in reals
// (the last is dir's own), which a link must not lead back into.
func (w *siteWalk) walk(dir string, reals []string) error {
	entries, err := fs.ReadDir(w.fsys, dir)
	if err != nil {
		if _, err := w.problem(err); err != nil {
			return err
		}
		return nil
	}
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		typ := e.Type()
		if typ&fs.ModeSymlink == 0 && w.skip(name, typ.IsDir()) {
			continue
		}
		switch {
		case typ.IsDir():
			if err := w.walk(name, append(reals, path.Join(reals[len(reals)-1], e.Name()))); err != nil {
				return err
			}
		case typ.IsRegular():
			if err := w.visit(name); err != nil {
				return err
			}
		case typ&fs.ModeSymlink != 0 && w.site.fsys != nil:
			if err := w.link(name, reals); err != nil {
				return err
			}
		default:
			w.problems = append(w.problems, diag.Diagnostic{Path: name,
				Msg: fmt.Sprintf("is %s, not a regular file: a build reads only files and folders", OddKind(typ))})
		}
	}
	return nil
}

// link visits what the link at name leads to.
func (w *siteWalk) link(name string, reals []string) error {
	if w.skip(name, false) && w.skip(name, true) {
		return nil
	}
	real, info, err := w.site.resolve(name)
	switch {
	case err != nil:
		_, err := w.problem(err)
		return err
	case info == nil: // a link to nothing: there is nothing to publish, say so
		target, _ := fs.ReadLink(w.site.fsys, name)
		w.problems = append(w.problems, diag.Diagnostic{Path: name,
			Msg: fmt.Sprintf("symlink to %s leads to no file: remove the link or the file it names", target)})
		return nil
	case info.IsDir():
		for _, r := range reals {
			if r == real || real == "." || strings.HasPrefix(r, real+"/") {
				target, _ := fs.ReadLink(w.site.fsys, name)
				w.problems = append(w.problems, diag.Diagnostic{Path: name,
					Msg: fmt.Sprintf("symlink to %s leads back into a folder that holds it: the walk would never end; link to a folder beside it", target)})
				return nil
			}
		}
		if w.skip(name, true) {
			return nil
		}
		return w.walk(name, append(reals, real))
	}
	if w.skip(name, false) {
		return nil
	}
	if err := CheckRegular(name, info); err != nil {
		_, err := w.problem(err)
		return err
	}
	return w.visit(name)
}

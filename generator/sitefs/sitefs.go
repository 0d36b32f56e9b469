package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/ideas-hub/hub/generator/diag"
)

// FS is the site folder as a build reads it. Every name is followed
// through its symbolic links one component at a time, as the kernel would,
// and must end at a regular file or a folder inside the site: a link that
// leads outside (`static/passwd.txt -> /etc/passwd`), a loop of links or a
// device, pipe or socket is a *siteFileError, never read. A content file
// comes from many hands and CI builds it unattended, so nothing from
// outside the site may reach public/ or the search index.
//
// A link that stays inside the site is followed, files and folders alike:
// `static/fonts -> ../node_modules/x/files` is a common way to publish a
// package's files.
type FS struct {
	fsys fs.FS
	// root is the site folder's absolute path with its own links resolved,
	// so an absolute link into the site can be followed; "" when unknown,
	// and then every absolute link leads outside.
	root string
	// dirs, when set (see RememberFolders), keeps where each folder that
	// LookUp has resolved leads, for one pass over the site's files.
	dirs *folders
}

// Confine returns fsys as a siteFS. A file system that cannot hold links
// (an embed.FS) is returned as it is.
func Confine(fsys fs.FS) fs.FS {
	switch fsys.(type) {
	case nil, FS:
		return fsys
	case fs.ReadLinkFS:
	default:
		return fsys
	}
	s := FS{fsys: fsys}
	if r, ok := fsys.(interface{ Root() string }); ok {
		if abs, err := filepath.Abs(r.Root()); err == nil {
			s.root, _ = filepath.EvalSymlinks(abs)
		}
	}
	return s
}

// maxLinkHops is how many links one name may pass through before it is
// taken for a loop: Linux's limit.
const maxLinkHops = 40

// FileError is a name in the site that a build must not read.
type FileError struct {
	Link   string // where the link (or the odd file) is, relative to the site
	Target string // what the link says, as written; "" for an odd file
	Msg    string // what is wrong and what to do
}

func (e *FileError) Error() string { return e.Link + ": " + e.Msg }

// Diagnostic is the error as the build reports it, at the link's path.
func (e *FileError) Diagnostic() diag.Diagnostic { return diag.Diagnostic{Path: e.Link, Msg: e.Msg} }

func OutsideError(link, target string) *FileError {
	return &FileError{Link: link, Target: target, Msg: fmt.Sprintf("symlink to %s leads outside the site: "+
		"a build reads only files inside the site folder; copy the file in, or link to one inside the site", target)}
}

// AsDiagnostics turns a siteFileError anywhere in err into the
// diag.Diagnostics a build prints; any other error is returned as it is.
func AsDiagnostics(err error) error {
	var se *FileError
	if errors.As(err, &se) {
		return diag.Diagnostics{se.Diagnostic()}
	}
	return err
}

// step is one path component still to resolve, with the link whose target
// it came from (-1: the name asked for), to blame for a ".." that climbs
// out of the site.
type step struct {
	part string
	from int
}

// resolver follows one name through the site's links.
type resolver struct {
	s     FS
	todo  []step
	done  []string    // the link-free path so far
	links [][2]string // each link followed: where it is, what it says
	info  fs.FileInfo // Lstat of done; nil when not looked at
}

// resolve follows name's links and returns the link-free path inside the
// site it leads to, with its Lstat. A name that does not exist resolves
// as far as it does, so the caller's own operation reports it.
func (s FS) resolve(name string) (string, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return "", nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	r := resolver{s: s}
	r.push(name, -1)
	for len(r.todo) > 0 {
		missing, err := r.next()
		if missing != "" || err != nil {
			return missing, nil, err
		}
	}
	p := path.Join(r.done...)
	if p == "" {
		p = "."
	}
	if r.info == nil { // the site itself, or ended on "." or "..": the folder reached
		var err error
		if r.info, err = fs.Stat(s.fsys, p); err != nil {
			return "", nil, err
		}
	}
	return p, r.info, nil
}

// push puts the components of p first in line, as from the from-th link.
func (r *resolver) push(p string, from int) {
	var next []step
	for _, part := range strings.Split(filepath.ToSlash(p), "/") {
		next = append(next, step{part, from})
	}
	r.todo = append(next, r.todo...)
}

// next resolves one component. missing is the path asked for, as far as
// it is resolved, when a component does not exist.
func (r *resolver) next() (missing string, err error) {
	st := r.todo[0]
	r.todo = r.todo[1:]
	switch st.part {
	case "", ".":
		return "", nil
	case "..":
		if len(r.done) == 0 { // only a link's target can hold ".."
			l := r.links[st.from]
			return "", OutsideError(l[0], l[1])
		}
		r.done, r.info = r.done[:len(r.done)-1], nil
		return "", nil
	}
	cur := path.Join(append(r.done, st.part)...)
	r.info, err = fs.Lstat(r.s.fsys, cur)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		rest := []string{cur}
		for _, t := range r.todo {
			rest = append(rest, t.part)
		}
		return path.Join(rest...), nil
	case err != nil:
		return "", err
	case r.info.Mode()&fs.ModeSymlink == 0:
		r.done = append(r.done, st.part)
		return "", nil
	}
	return "", r.follow(cur)
}

// follow puts the target of the link at cur in line.
func (r *resolver) follow(cur string) error {
	target, err := fs.ReadLink(r.s.fsys, cur)
	if err != nil {
		return err
	}
	if len(r.links) == maxLinkHops {
		first := r.links[0]
		return &FileError{Link: first[0], Target: first[1],
			Msg: fmt.Sprintf("symlink to %s never ends: the links make a loop", first[1])}
	}
	r.links = append(r.links, [2]string{cur, target})
	r.info = nil // the link's own; what it leads to is looked at next
	rel := target
	if path.IsAbs(target) || filepath.IsAbs(target) {
		var ok bool
		if rel, ok = r.s.inside(target); !ok {
			return OutsideError(cur, target)
		}
		r.done = r.done[:0]
	}
	r.push(rel, len(r.links)-1)
	return nil
}

// inside turns an absolute link target into a path relative to the site,
// if it is in the site.
func (s FS) inside(target string) (string, bool) {
	if s.root == "" {
		return "", false
	}
	rel, err := filepath.Rel(s.root, filepath.Clean(target))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

// InsideSite returns a siteFileError if the folder dir of the site at
// siteDir leads outside it.
func InsideSite(siteDir, dir string) error {
	s, ok := Confine(DirFS(siteDir)).(FS)
	if !ok {
		return nil
	}
	_, _, err := s.resolve(dir)
	return err
}

// resolveFile resolves name, which must end at a regular file.
func (s FS) resolveFile(name string) (string, error) {
	p, info, err := s.resolve(name)
	if err != nil || info == nil {
		return p, err
	}
	if err := CheckRegular(name, info); err != nil {
		return "", err
	}
	return p, nil
}

// CheckRegular refuses what is neither a regular file nor a folder: reading
// a pipe waits for ever, and a device has no end.
func CheckRegular(name string, info fs.FileInfo) error {
	if info.Mode().IsRegular() || info.IsDir() {
		return nil
	}
	return &FileError{Link: name, Msg: fmt.Sprintf("is %s, not a regular file: a build reads only files and folders", OddKind(info.Mode()))}
}

// LookUp stats name in site for reading it, resolving its links once:
// it returns the file system and name to read, with the file's info.
func LookUp(site fs.FS, name string) (fs.FS, string, fs.FileInfo, error) {
	s, ok := site.(FS)
	if !ok {
		info, err := fs.Stat(site, name)
		return site, name, info, err
	}
	if p, info, ok := s.lookUpInFolder(name); ok {
		return s.fsys, p, info, CheckRegular(name, info)
	}
	p, info, err := s.resolve(name)
	switch {
	case err != nil:
		return nil, "", nil, err
	case info == nil:
		_, err := fs.Stat(s.fsys, p) // not there: say so as the file system does
		return nil, "", nil, err
	}
	return s.fsys, p, info, CheckRegular(name, info)
}

func (s FS) Open(name string) (fs.File, error) {
	p, err := s.resolveFile(name)
	if err != nil {
		return nil, err
	}
	return s.fsys.Open(p)
}

func (s FS) ReadFile(name string) ([]byte, error) {
	p, err := s.resolveFile(name)
	if err != nil {
		return nil, err
	}
	return fs.ReadFile(s.fsys, p)
}

func (s FS) ReadDir(name string) ([]fs.DirEntry, error) {
	p, _, err := s.resolve(name)
	if err != nil {
		return nil, err
	}
	return fs.ReadDir(s.fsys, p)
}

func (s FS) Stat(name string) (fs.FileInfo, error) {
	p, info, err := s.resolve(name)
	if err != nil {
		return nil, err
	}
	if info == nil {
		return fs.Stat(s.fsys, p) // not there: say so as the file system does
	}
	return info, nil
}

// OddKind names a file type that is neither a file nor a folder.
func OddKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

var (
	_ fs.ReadFileFS = FS{}
	_ fs.ReadDirFS  = FS{}
	_ fs.StatFS     = FS{}
)

// ReadLink returns where the link at name points, read in the folder the
// confinement wraps (a confined folder does not follow links it lists).
func ReadLink(fsys fs.FS, name string) (string, error) {
	if s, ok := fsys.(FS); ok {
		fsys = s.fsys
	}
	return fs.ReadLink(fsys, name)
}

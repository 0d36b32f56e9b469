package sitefs

import (
	"io/fs"
	"path"
	"sync"
)

// folders maps a folder of the site, as named, to the link-free path it
// resolves to.
type folders struct {
	mu   sync.Mutex
	real map[string]string
}

// RememberFolders returns site as a siteFS whose LookUp resolves each
// folder's links once, not once for every file in it: a build reads
// 10,000 content files from a few folders, and resolving each name from
// the site down was an Lstat for every folder on the way, for every file.
// A folder's links could change while it is used, so use the result for
// one pass over the files only, then drop it. Other file systems are
// returned as they are.
func RememberFolders(site fs.FS) fs.FS {
	s, ok := Confine(site).(FS)
	if !ok {
		return site
	}
	s.dirs = &folders{real: map[string]string{}}
	return s
}

// lookUpInFolder finds name as resolve would when its folder has been
// resolved before: its own Lstat in that folder's link-free path. ok is
// false, and the caller resolves the whole name, when there is nothing
// remembered, or name is a link, missing or anything but a plain name in
// a folder: resolve then says exactly what is wrong.
func (s FS) lookUpInFolder(name string) (p string, info fs.FileInfo, ok bool) {
	if s.dirs == nil || !fs.ValidPath(name) {
		return "", nil, false
	}
	dir, base := path.Split(name)
	if dir == "" {
		return "", nil, false
	}
	dir = dir[:len(dir)-1]
	s.dirs.mu.Lock()
	real, known := s.dirs.real[dir]
	s.dirs.mu.Unlock()
	if !known {
		p, info, err := s.resolve(dir)
		if err != nil || info == nil || !info.IsDir() {
			return "", nil, false
		}
		real = p
		s.dirs.mu.Lock()
		s.dirs.real[dir] = real
		s.dirs.mu.Unlock()
	}
	p = path.Join(real, base)
	info, err := fs.Lstat(s.fsys, p)
	if err != nil || info.Mode()&fs.ModeSymlink != 0 {
		return "", nil, false
	}
	return p, info, true
}

package sitefs

import (
	"io/fs"
	"os"
)

// DirFS is os.DirFS(dir) for a site folder. It knows its folder, so that
// siteFS can follow an absolute link into it, and on Linux it reads whole
// files with fewer system calls (dirfs_linux.go): a build reads every
// content file.
func DirFS(dir string) fs.FS {
	d, ok := os.DirFS(dir).(osDirFS)
	if !ok {
		return os.DirFS(dir)
	}
	return Dir{osDirFS: d, dir: dir}
}

// osDirFS is what os.DirFS implements, kept so fs.ReadDir, fs.Stat and
// fs.WalkDir take their direct paths, and siteFS sees links.
type osDirFS interface {
	fs.ReadDirFS
	fs.ReadFileFS
	fs.StatFS
	fs.ReadLinkFS
}

type Dir struct {
	osDirFS
	dir string
}

// Root is the folder, for siteFS to follow absolute links into it.
func (d Dir) Root() string { return d.dir }

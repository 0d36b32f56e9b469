package generator

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
	return siteDir{osDirFS: d, dir: dir}
}

// osDirFS is what os.DirFS implements, kept so fs.ReadDir, fs.Stat and
// fs.WalkDir take their direct paths, and siteFS sees links.
type osDirFS interface {
	fs.ReadDirFS
	fs.ReadFileFS
	fs.StatFS
	fs.ReadLinkFS
}

type siteDir struct {
	osDirFS
	dir string
}

// siteRoot is the folder, for siteFS to follow absolute links into it.
func (d siteDir) siteRoot() string { return d.dir }

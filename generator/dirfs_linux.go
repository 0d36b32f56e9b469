package generator

import (
	"io/fs"
	"path/filepath"
)

// ReadFile reads a whole file with fewer system calls than os.DirFS does
// (see readFile).
func (d siteDir) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	return readFile(filepath.Join(d.dir, filepath.FromSlash(name)))
}

//go:build !linux

package publish

import (
	"errors"
	"os"
)

func exchange(a, b string) error { return errors.ErrUnsupported }

// tryLock is never granted here, so builds use fresh folders (see stage):
// reusing one needs the Linux version's lock and device check.
func tryLock(string) (func(), bool) { return nil, false }

func sameDevice(a, b string) bool { return false }

// rewriteFile writes data to name; only the Linux version reuses files.
func rewriteFile(name string, data []byte) error { return writeFile(name, data, 0o644) }

func writeFile(name string, data []byte, perm uint32) error {
	return os.WriteFile(name, data, os.FileMode(perm))
}

// overwrite writes data over the file name when that file exists and is at
// least as long, and cuts it to length; see the Linux version.
func overwrite(name string, data []byte) (done bool, err error) {
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	if st, err := f.Stat(); err != nil || st.Size() < int64(len(data)) || !st.Mode().IsRegular() {
		return false, nil
	}
	if _, err := f.WriteAt(data, 0); err != nil {
		return true, err
	}
	return true, f.Truncate(int64(len(data)))
}

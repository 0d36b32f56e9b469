package bleveengine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// checkReplaceable refuses to build over a folder that is not a search index:
// a mistyped --index must not delete someone's files.
func checkReplaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		return fmt.Errorf("search index: %s is not empty and not a search index; refusing to replace it", dir)
	}
	return nil
}

// swapIn replaces dir by fresh with two renames, moving the old index aside
// into work (which the caller removes) and back again if the second rename
// fails. A server that has the old index open keeps reading it: on POSIX
// systems open files outlive their names.
func swapIn(fresh, dir, work string) error {
	old := filepath.Join(work, "old")
	hadOld := true
	if err := os.Rename(dir, old); errors.Is(err, os.ErrNotExist) {
		hadOld = false
	} else if err != nil {
		return fmt.Errorf("search index: move old index aside: %w", err)
	}
	if err := os.Rename(fresh, dir); err != nil {
		if hadOld {
			err = errors.Join(err, os.Rename(old, dir))
		}
		return fmt.Errorf("search index: swap in new index: %w", err)
	}
	return nil
}

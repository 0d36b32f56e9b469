package publish

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sync/errgroup"
)

// Stage is the folder a build writes before it takes the output's place.
//
// A build that replaced its output by a fresh folder created every file and
// folder anew and deleted the old ones: 34,000 at 10,000 pages. On this
// project's VM (ext4, no journal) an inode freed shortly before is slow to
// reuse (recently_deleted(), fs/ext4/ialloc.c), so each build in a row took
// longer: 10.0, 12.4, then 23.9 s, the last with 10.7 s in the kernel. So
// when Options.Keep names a folder, the output a build replaces is moved
// there rather than deleted, and the next build writes into it: a file whose
// bytes are the same is left alone, any other is rewritten in place, and
// what the new site lacks is removed. The output is still swapped in whole.
type Stage struct {
	Dir    string
	Reuse  bool   // dir is the kept folder with an earlier build in it
	Kept   bool   // dir is the kept folder: the output it replaces goes there
	unlock func() // lets another build use the kept folder; see release
}

// release lets another build use the kept folder; it may be called again.
func (sg *Stage) release() {
	if sg.unlock != nil {
		sg.unlock()
		sg.unlock = nil
	}
}

// NewStage returns where a build of final writes: the kept folder when keep
// names one on final's file system that no other build is using, otherwise
// a fresh folder beside final.
func NewStage(final, keep string) (*Stage, error) {
	parent := filepath.Dir(filepath.Clean(final))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	if keep != "" && !Nested(keep, final) && !Nested(final, keep) {
		if sg, ok := keptStage(parent, filepath.Clean(keep)); ok {
			return sg, nil
		}
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	dir := filepath.Join(parent, "."+filepath.Base(final)+".building-"+hex.EncodeToString(b[:]))
	return &Stage{Dir: dir}, os.Mkdir(dir, 0o755)
}

// Nested reports whether path a is b or inside it.
func Nested(a, b string) bool {
	a, errA := filepath.Abs(a)
	b, errB := filepath.Abs(b)
	rel, err := filepath.Rel(b, a)
	return errA != nil || errB != nil || // unsure: say so, and keep nothing
		err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// keptStage locks keep for this build and makes sure it is a folder. ok is
// false when keep cannot serve: another build holds it, or it is on another
// file system than the output (renames between the two would fail).
func keptStage(parent, keep string) (*Stage, bool) {
	if err := os.MkdirAll(filepath.Dir(keep), 0o755); err != nil || !sameDevice(parent, filepath.Dir(keep)) {
		return nil, false
	}
	unlock, ok := tryLock(keep + ".lock")
	if !ok {
		return nil, false
	}
	info, err := os.Lstat(keep)
	if err == nil && info.IsDir() {
		return &Stage{Dir: keep, Reuse: true, Kept: true, unlock: unlock}, true
	}
	if err == nil { // not a folder: not ours to reuse
		err = os.Remove(keep)
	} else if errors.Is(err, fs.ErrNotExist) {
		err = nil
	}
	if err == nil {
		err = os.Mkdir(keep, 0o755)
	}
	if err != nil {
		unlock()
		return nil, false
	}
	return &Stage{Dir: keep, Kept: true, unlock: unlock}, true
}

// Abandon gives up a build that failed: a fresh folder is removed; the kept
// folder stays for the next build, which corrects whatever this one wrote.
func (sg *Stage) Abandon() {
	if !sg.Kept {
		_ = os.RemoveAll(sg.Dir)
	}
	sg.release()
}

// SwapIn puts the complete stage in place of final. Where the system can
// exchange two paths atomically it does; otherwise the old folder is moved
// aside first, so final is missing only between two renames. The old output
// then goes to the kept folder, or is removed.
func (sg *Stage) SwapIn(final string) error {
	defer sg.release()
	if _, err := os.Stat(final); errors.Is(err, os.ErrNotExist) {
		return os.Rename(sg.Dir, final)
	}
	if err := exchange(sg.Dir, final); err == nil {
		if sg.Kept {
			return nil // the kept folder now holds the old output
		}
		return removeTree(sg.Dir)
	}
	old := sg.Dir + ".old"
	if err := os.Rename(final, old); err != nil {
		return fmt.Errorf("moving the previous output aside: %w", err)
	}
	if err := os.Rename(sg.Dir, final); err != nil {
		_ = os.Rename(old, final)
		return fmt.Errorf("putting the new output in place: %w", err)
	}
	if sg.Kept && os.Rename(old, sg.Dir) == nil {
		return nil
	}
	return removeTree(old)
}

// Prune removes from dir every file that files does not list (paths
// relative to dir, slash-separated), and the folders left empty.
func Prune(dir string, files Manifest) error {
	want := make(map[string]bool, len(files))
	for rel := range files {
		want[strings.TrimPrefix(rel, "/")] = true // filepath.Join took either
	}
	var stale, folders []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel := filepath.ToSlash(p[len(dir)+1:])
		switch {
		case d.IsDir():
			folders = append(folders, p)
		default:
			if !want[rel] {
				stale = append(stale, p)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range stale {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	// Deepest first, so a folder's empty subfolders go before it.
	for i := len(folders) - 1; i >= 0; i-- {
		if err := os.Remove(folders[i]); err != nil && !errors.Is(err, fs.ErrExist) { // ErrExist: not empty
			return err
		}
	}
	return nil
}

// removeTree removes dir and everything in it, the folders two levels down
// in parallel: deleting a previous output of 18,000 files is bound by the
// disk's latency, not by the processor, and took seconds one file at a time.
func removeTree(dir string) error {
	var g errgroup.Group
	g.SetLimit(8)
	top, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	for _, e := range top {
		p := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			g.Go(func() error { return os.Remove(p) })
			continue
		}
		sub, err := os.ReadDir(p)
		if err != nil {
			g.Go(func() error { return os.RemoveAll(p) })
			continue
		}
		for _, s := range sub {
			q := filepath.Join(p, s.Name())
			g.Go(func() error { return os.RemoveAll(q) })
		}
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Reloader serves the index a deploy puts in a folder, as `hub serve
// --watch=false` does in production. When the folder is replaced (`hub
// build` swaps a new one in; a deploy renames one into place or flips a
// symlink) or when asked (SIGHUP), it opens the new index with its
// OpenFunc and swaps it into the Holder: new searches go to it, those in
// flight finish on the old one, which is closed after them. An index that
// the OpenFunc refuses (half copied, damaged, of another version) is not
// served: the old one stays and Problem says why until an index passes.
type Reloader struct {
	dir    string
	open   OpenFunc
	holder *Holder
	log    *slog.Logger

	mu      sync.Mutex  // one reload at a time
	tried   folderState // the folder as it was when last opened or refused
	problem atomic.Pointer[string]
}

// How the Reloader notices a new index without being asked: a change the
// parent folder reports (a rename, a symlink flip) is looked at at once,
// and the folder's files are looked at every reloadPoll, for copies into
// the folder itself and file systems that report nothing (NFS). Either way
// the folder must stay unchanged for reloadSettle before it is opened, so a
// copy under way is left to finish.
const (
	reloadPoll   = time.Second
	reloadSettle = 250 * time.Millisecond
)

// OpenFunc opens the index in dir for a Reloader, after checking that it
// is whole and fit to serve: a deploy may have put a half-copied one in
// place. An error wraps fs.ErrNotExist when there is no index in dir.
type OpenFunc func(ctx context.Context, dir string) (Engine, error)

// NewReloader returns a Reloader of the index in dir into holder, opened
// with open; logger nil means slog.Default().
func NewReloader(dir string, open OpenFunc, holder *Holder, logger *slog.Logger) *Reloader {
	if logger == nil {
		logger = slog.Default()
	}
	return &Reloader{dir: filepath.Clean(dir), open: open, holder: holder, log: logger}
}

// Problem says why the index in the folder is not the one served ("" when
// it is): the reason the last one was refused, and which build is served.
func (r *Reloader) Problem() string {
	if p := r.problem.Load(); p != nil {
		return *p
	}
	return ""
}

// Reload opens the index in the folder now and swaps it in, or refuses it
// and returns why.
func (r *Reloader) Reload(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tried = stateOf(r.dir)
	return r.reload(ctx)
}

func (r *Reloader) reload(ctx context.Context) error {
	ix, err := r.open(ctx, r.dir)
	cur := r.holder.Current()
	if err != nil {
		msg := "refused the search index put in place: " + err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = err.Error() // nothing put in place (yet)
		}
		if cur != nil {
			msg += "; still serving build " + cur.BuildID()
		}
		r.problem.Store(&msg)
		r.log.Warn(msg)
		return err
	}
	r.problem.Store(nil)
	if cur != nil && cur.BuildID() == ix.BuildID() {
		return ix.Close() // the same build again: keep the one open, and its cache
	}
	old := r.holder.Swap(ix)
	n, _ := ix.DocCount()
	r.log.Info("search index swapped in", "dir", r.dir, "build", ix.BuildID(), "documents", n)
	if old != nil {
		go old.Close() // waits for the searches still on it
	}
	return nil
}

// Run reloads when the folder changes or trigger receives, until ctx ends.
func (r *Reloader) Run(ctx context.Context, trigger <-chan struct{}) {
	var events <-chan fsnotify.Event
	var errs <-chan error
	if w, err := fsnotify.NewWatcher(); err != nil {
		r.log.Warn("search index: not watching for a new index; polling", "error", err)
	} else {
		defer w.Close()
		if err := w.Add(filepath.Dir(r.dir)); err != nil {
			r.log.Warn("search index: not watching for a new index; polling", "dir", filepath.Dir(r.dir), "error", err)
		}
		events, errs = w.Events, w.Errors
	}
	poll := time.NewTicker(reloadPoll)
	defer poll.Stop()
	settle := time.NewTimer(reloadSettle)
	settle.Stop()
	var pending *folderState // a change waiting to settle
	check := func() {
		now := stateOf(r.dir)
		r.mu.Lock()
		defer r.mu.Unlock()
		switch {
		case now.same(r.tried):
			pending = nil
		case pending == nil || !now.same(*pending):
			pending = &now
			settle.Reset(reloadSettle)
		default: // unchanged for reloadSettle: whatever wrote it is done
			pending = nil
			r.tried = now
			_ = r.reload(ctx) // a refusal is logged and shown by /healthz
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-trigger:
			pending = nil
			_ = r.Reload(ctx)
		case ev := <-events:
			if filepath.Base(ev.Name) == filepath.Base(r.dir) {
				check()
			}
		case err := <-errs:
			r.log.Warn("search index: watching for a new index", "error", err)
		case <-poll.C:
			check()
		case <-settle.C:
			check()
		}
	}
}

// folderState is what tells one index folder from another cheaply: where
// the path leads, which folder that is, and the names, sizes and times of
// the files in it (an index is a few dozen files at most).
type folderState struct {
	target string
	info   os.FileInfo // nil when the folder is missing
	files  string
}

func stateOf(dir string) folderState {
	var s folderState
	target, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return s
	}
	s.target = target
	if s.info, err = os.Stat(target); err != nil {
		s.info = nil
		return s
	}
	var b strings.Builder
	// Errors are noted too: a folder that cannot be read now and can later
	// has changed.
	_ = filepath.WalkDir(target, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(target, p)
		if err != nil {
			fmt.Fprintf(&b, "%s: %v\n", rel, err)
			return nil
		}
		if info, err := d.Info(); err == nil && info.Mode().IsRegular() {
			fmt.Fprintf(&b, "%s %d %d\n", filepath.ToSlash(rel), info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	s.files = b.String()
	return s
}

func (s folderState) same(o folderState) bool {
	if s.target != o.target || s.files != o.files || (s.info == nil) != (o.info == nil) {
		return false
	}
	return s.info == nil || os.SameFile(s.info, o.info)
}

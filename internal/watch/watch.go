// Package watch reports changes to a site's files as batches: fsnotify on
// folders (not files, so a large hub does not run out of descriptors), new
// folders added as they appear, editor droppings ignored, and a trailing
// debounce that turns a rename-save or a checkout of many files into one batch.
package watch

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long the watcher waits after the last event before
// it reports a batch: long enough to merge an editor's remove/create pair
// and a git checkout, short enough to feel instant.
const DefaultDebounce = 20 * time.Millisecond

// Options says what to watch.
type Options struct {
	// Roots are folders watched with everything below them.
	Roots []string
	// Files are single files watched through their folder (the config).
	Files []string
	// Skip are folders never watched (the output and index folders).
	Skip     []string
	Debounce time.Duration
	Logger   *slog.Logger
}

// Batch is the set of paths that changed, sorted, each once.
type Batch struct {
	Paths []string
}

// Watcher watches a site's folders.
type Watcher struct {
	fsw     *fsnotify.Watcher
	opts    Options
	files   map[string]bool
	skip    []string
	batches chan Batch
}

// New starts watching. Roots that do not exist yet are watched for from
// their parent folder, so a site that gains layouts/ later is seen.
func New(opts Options) (*Watcher, error) {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{fsw: fsw, opts: opts, files: map[string]bool{}, batches: make(chan Batch, 1)}
	for _, s := range opts.Skip {
		if abs, err := filepath.Abs(s); err == nil {
			w.skip = append(w.skip, abs)
		}
	}
	parents := map[string]bool{}
	for _, f := range opts.Files {
		abs, err := filepath.Abs(f)
		if err != nil {
			fsw.Close()
			return nil, err
		}
		w.files[abs] = true
		parents[filepath.Dir(abs)] = true
	}
	for _, root := range opts.Roots {
		abs, err := filepath.Abs(root)
		if err != nil {
			fsw.Close()
			return nil, err
		}
		w.files[abs] = true // a root that appears later is reported and added
		parents[filepath.Dir(abs)] = true
		if _, err := w.addTree(abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
			fsw.Close()
			return nil, err
		}
	}
	for dir := range parents {
		if err := fsw.Add(dir); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// Batches delivers each batch of changes. It is closed when Run returns.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Close stops watching.
func (w *Watcher) Close() error { return w.fsw.Close() }

// Run reads events until ctx ends, sending a batch after each quiet spell.
func (w *Watcher) Run(ctx context.Context) {
	defer close(w.batches)
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if paths := w.handle(ev); len(paths) > 0 {
				for _, p := range paths {
					pending[p] = true
				}
				timer.Reset(w.opts.Debounce)
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			// An overflow means events were lost: report everything as
			// changed rather than miss an edit.
			w.opts.Logger.Warn("file watcher", "error", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				for _, r := range w.opts.Roots {
					pending[r] = true
				}
				timer.Reset(w.opts.Debounce)
			}
		case <-timer.C:
			if len(pending) == 0 {
				continue
			}
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			slices.Sort(paths)
			clear(pending)
			select {
			case w.batches <- Batch{Paths: paths}:
			case <-ctx.Done():
				return
			}
		}
	}
}

// handle keeps the watch list in step with the folders and returns the
// paths the event changed that the site cares about: its own, and for a
// new folder every file already in it, written before the folder was
// watched (`mkdir x && cp a.md x/` is quicker than adding the watch).
func (w *Watcher) handle(ev fsnotify.Event) []string {
	abs, err := filepath.Abs(ev.Name)
	if err != nil || Ignored(abs) || w.skipped(abs) {
		return nil
	}
	if ev.Has(fsnotify.Chmod) && !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Create) {
		return nil // permission changes and atime updates change nothing
	}
	if !w.wanted(abs) {
		return nil
	}
	paths := []string{ev.Name}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(abs); err == nil && info.IsDir() {
			files, err := w.addTree(abs)
			if err != nil {
				w.opts.Logger.Warn("watching new folder", "path", abs, "error", err)
			}
			paths = append(paths, files...)
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		_ = w.fsw.Remove(abs) // a watched folder that went; an error means it was a file
	}
	return paths
}

// wanted reports whether abs is inside a root or is one of the watched files.
func (w *Watcher) wanted(abs string) bool {
	if w.files[abs] {
		return true
	}
	for _, r := range w.opts.Roots {
		rabs, _ := filepath.Abs(r)
		if strings.HasPrefix(abs, rabs+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

func (w *Watcher) skipped(abs string) bool {
	for _, s := range w.skip {
		if abs == s || strings.HasPrefix(abs, s+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// addTree watches dir and every folder below it, and returns the files
// it found in them.
func (w *Watcher) addTree(dir string) (files []string, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			if !Ignored(p) {
				files = append(files, p)
			}
			return nil
		}
		if p != dir && (Ignored(p) || w.skipped(p)) {
			return filepath.SkipDir
		}
		return w.fsw.Add(p)
	})
	return files, err
}

// Ignored reports whether a path is a dotfile or one of the files editors
// leave while saving: vim's swap files and its 4913 probe, Emacs's .#lock
// and backup~ files, and *.tmp from tools that write then rename.
func Ignored(path string) bool {
	name := filepath.Base(path)
	switch {
	case strings.HasPrefix(name, "."), // dotfiles, .#emacs-locks, .name.swp
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".tmp"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		name == "4913":
		return true
	}
	return false
}

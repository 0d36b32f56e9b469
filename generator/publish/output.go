// Package publish writes a build's files: minified by media type, into a
// staging folder that replaces the output folder only once every file is
// written (a failed build leaves the last one as it was), reusing the
// folder the previous output was moved to, and rewriting files in place
// while the preview serves them. It knows nothing of pages: it writes named
// bytes.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// NewMinifier returns the one minifier a build shares across its workers.
// Document tags and end tags stay: some readers' tools and validators expect
// them, and they cost little after compression.
func NewMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// Output writes the files of one build into a fresh folder.
type Output struct {
	Dir     string      // "" renders without writing (hub check)
	Min     *minify.M   // nil: write text as rendered
	Replace bool        // dir is live: no reader may see half a file (see write)
	Reuse   bool        // dir holds an earlier build: keep files whose bytes are the same
	Gate    sync.Locker // held while a file is rewritten in place; nil: none
	// Splice, when set, rewrites minified output that holds tokens left
	// for cached fragments; it reports false to leave the bytes as they are.
	Splice func(dst *bytes.Buffer, data []byte) (bool, error)
	mu     sync.Mutex
	dirs   map[string]*dirState
}

// minified holds buffers for minified output, reused from file to file.
var minified = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Write stores data at rel (slash-separated, relative to the output root),
// minified by media type when minifying.
func (o *Output) Write(rel, media string, data []byte) error {
	if o.Min != nil && media != "" {
		buf := minified.Get().(*bytes.Buffer)
		defer minified.Put(buf)
		buf.Reset()
		buf.Grow(len(data))
		if err := o.Min.Minify(media, buf, bytes.NewBuffer(data)); err != nil { // a Buffer: read in place, not copied
			return fmt.Errorf("minifying %s: %w", rel, err)
		}
		data = buf.Bytes()
		if o.Splice != nil {
			spliced := minified.Get().(*bytes.Buffer)
			defer minified.Put(spliced)
			spliced.Reset()
			if ok, err := o.Splice(spliced, data); err != nil {
				return fmt.Errorf("writing %s: %w", rel, err)
			} else if ok {
				data = spliced.Bytes()
			}
		}
	}
	if o.Dir == "" {
		return nil
	}
	full := filepath.Join(o.Dir, filepath.FromSlash(rel))
	if err := o.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	if o.Reuse {
		return rewriteFile(full, data)
	}
	if !o.Replace {
		return writeFile(full, data, 0o644)
	}
	// A file of the live folder is rewritten in place while readers are
	// held off, when it is at least as long as the new bytes: then every
	// byte goes where one already is, and the write needs no new space.
	// On the 2-core VM of the benchmarks that took 15 µs, where a new file
	// renamed over the old took 0.2 to 1 ms: most of a preview rebuild
	// that writes 10 to 30 files. Otherwise a new file is renamed over the
	// old, which readers see whole or not at all.
	if o.Gate != nil {
		o.Gate.Lock()
		done, err := overwrite(full, data)
		o.Gate.Unlock()
		if done || err != nil {
			return err
		}
	}
	tmp := filepath.Join(filepath.Dir(full), ".tmp-"+filepath.Base(full))
	if err := writeFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, full)
}

// Remove deletes an output file, and its folders as they become empty, so
// the tree matches what a fresh build would write.
func (o *Output) Remove(rel string) error {
	full := filepath.Join(o.Dir, filepath.FromSlash(rel))
	if err := os.Remove(full); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for dir := filepath.Dir(full); dir != filepath.Clean(o.Dir); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil { // not empty: stop
			break
		}
		o.mu.Lock()
		delete(o.dirs, dir)
		o.mu.Unlock()
	}
	return nil
}

// dirState is one folder of the output, made once however many workers
// write into it at the same time.
type dirState struct {
	once sync.Once
	err  error
}

func (o *Output) mkdir(dir string) error {
	if dir == filepath.Clean(o.Dir) {
		return nil
	}
	o.mu.Lock()
	if o.dirs == nil {
		o.dirs = map[string]*dirState{}
	}
	d := o.dirs[dir]
	if d == nil {
		d = new(dirState)
		o.dirs[dir] = d
	}
	o.mu.Unlock()
	d.once.Do(func() { d.err = o.makeDir(dir) })
	return d.err
}

func (o *Output) makeDir(dir string) error {
	// Make the parent first (from the cache, usually), then this one folder:
	// one mkdir per folder instead of MkdirAll's walk up for every file.
	if parent := filepath.Dir(dir); parent != dir {
		if err := o.mkdir(parent); err != nil {
			return err
		}
	}
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrExist) && o.Reuse {
		// An earlier build's folder, or a file where this build needs one.
		if info, serr := os.Lstat(dir); serr == nil && !info.IsDir() {
			if err = os.Remove(dir); err == nil {
				err = os.Mkdir(dir, 0o755)
			}
		}
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}

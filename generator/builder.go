package generator

import (
	"github.com/ideas-hub/hub/generator/publish"

	"context"
	"path"
	"strings"
	"sync"
)

// Builder builds a site again and again, as the preview does: the first
// Build writes everything into a fresh folder and swaps it in; each later
// Build, told which files changed, re-reads only those files and re-renders
// only the outputs whose inputs changed, in place. After any sequence of
// Builds the output is byte-identical to a fresh full build of the same files.
type Builder struct {
	opts     Options
	out      string
	minify   bool
	loader   *loader
	manifest publish.Manifest // nil until a build has succeeded
	last     *renderer        // what the last successful build rendered with
	files    *sync.RWMutex
}

// NewBuilder returns a Builder writing to out.
func NewBuilder(opts Options, out string, minify bool) *Builder {
	files := new(sync.RWMutex)
	opts.gate = files
	return &Builder{opts: opts, out: out, minify: minify, loader: newLoader(opts, true), files: files}
}

// ReadLocker is the lock a reader of the output (a server) holds while it
// reads a file. A rebuild rewrites a file in place where the new bytes fit
// (see publish.Output.Write), taking the write side, so no reader ever sees half
// of one. The lock is the Builder's: the reader asks for it, nothing of the
// reader's is handed to the build.
func (b *Builder) ReadLocker() sync.Locker { return b.files.RLocker() }

// Result is what one Build did.
type Result struct {
	Site  *Site
	Stats Stats
	Full  bool // everything was rebuilt into a fresh folder
	// Patched: only pages read again changed, in place, so only the
	// outputs showing them were keyed again (see delta.go).
	Patched bool
}

// Build brings the output up to date. changed lists site-relative,
// slash-separated paths ("content/stories/a.md", "layouts/story.html",
// "hub.toml") changed since the last call; nil rebuilds everything. A failed
// Build leaves the output as it was; the next one picks up from there.
func (b *Builder) Build(ctx context.Context, changed []string) (*Result, error) {
	full := changed == nil || b.manifest == nil
	load := changed
	if full {
		load = nil
	}
	site, err := b.loader.load(ctx, load)
	if err != nil {
		return nil, err
	}
	if full {
		st, m, err := site.renderFresh(ctx, b.out, b.minify)
		if err != nil {
			return nil, err
		}
		b.manifest, b.last = m, site.rendered
		return &Result{Site: site, Stats: st, Full: true}, nil
	}
	var st Stats
	var m publish.Manifest
	d := site.delta
	patched := d != nil && b.last != nil && b.last.site == d.prev
	if patched {
		st, m, err = site.renderDelta(ctx, b.out, b.minify, b.last, b.manifest)
	} else {
		st, m, err = site.renderInto(ctx, &publish.Output{Dir: b.out}, b.minify, b.manifest)
	}
	if err != nil {
		return nil, err
	}
	b.manifest, b.last = m, site.rendered
	return &Result{Site: site, Stats: st, Patched: patched}, nil
}

// OnlyCSS reports whether every changed path is a stylesheet of the theme,
// so open pages can swap their stylesheet instead of reloading.
func OnlyCSS(changed []string) bool {
	for _, c := range changed {
		if !strings.HasPrefix(c, LayoutsDir+"/assets/") || path.Ext(c) != ".css" {
			return false
		}
	}
	return len(changed) > 0
}

// AssetURL returns the fingerprinted URL of a theme asset ("style.css") in
// the rendered site, or "".
func (s *Site) AssetURL(name string) string {
	if s.rendered == nil {
		return ""
	}
	return s.rendered.info.assets[name]
}

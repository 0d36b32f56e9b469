package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
	"time"
	"unsafe"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/publish"
	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
	"github.com/tdewolff/minify/v2"
)

// Layout kinds: each is one file in layouts/ that defines "main" for the base
// template, except alias.html which is a whole document of its own. Each
// content type's pages have the layout of its name (layouts/event.html);
// a site's own type without one has the generic layout.
func layoutKinds(types *content.Types) []string {
	kinds := []string{"home", "section", "taxonomy", "term", "search", "404"}
	for _, t := range types.All() {
		if t.Builtin {
			kinds = append(kinds, t.Name)
		}
	}
	for _, t := range types.SiteTypes() {
		kinds = append(kinds, t.Name)
	}
	return kinds
}

// genericLayout is the layout (layouts/type.html) of the pages of a type
// hub.toml declares when the site has no layouts/<name>.html: it shows the
// type's keys in the "at a glance" box.
const genericLayout = "type"

// layoutFile is the file kind's layout is read from.
func layoutFile(layouts layeredFS, types *content.Types, kind string) string {
	if t, ok := types.Lookup(kind); ok && !t.Builtin {
		if _, err := fs.Stat(layouts, kind+".html"); err != nil {
			return genericLayout + ".html"
		}
	}
	return kind + ".html"
}

// LayoutsDir is the folder of a site that overrides the default layouts.
const LayoutsDir = "layouts"

// layeredFS reads a file from the site's layouts/ if it is there, else from
// the default theme: a site overrides the theme file by file.
type layeredFS struct{ site, theme fs.FS }

func (l layeredFS) Open(name string) (fs.File, error) {
	if l.site != nil {
		f, err := l.site.Open(name)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return f, err // a link out of the site is an error, not a reason to use the theme's
		}
	}
	return l.theme.Open(name)
}

// origin names where a layout file came from, for error messages.
func (l layeredFS) origin(name string) string {
	if l.site != nil {
		if _, err := fs.Stat(l.site, name); err == nil {
			return LayoutsDir + "/" + name
		}
	}
	return LayoutsDir + "/" + name + " (default theme)"
}

// glob lists files matching pattern in either layer, once each.
func (l layeredFS) glob(pattern string) []string {
	var names []string
	for _, fsys := range []fs.FS{l.site, l.theme} {
		if fsys == nil {
			continue
		}
		m, _ := fs.Glob(fsys, pattern)
		names = append(names, m...)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// files lists the files under dir in either layer, once each, leaving out
// hidden ones as the site's static/ does. A layer without dir has none.
func (l layeredFS) files(dir string) ([]string, error) {
	var names []string
	for _, fsys := range []fs.FS{l.site, l.theme} {
		if fsys == nil {
			continue
		}
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return err
			}
			names = append(names, p)
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// bodyNames are the fields and funcs that show what a page's body holds.
// The page's own body reaches its layout as View.Body and
// View.ReadingMinutes, which are not among them. A layout naming one of
// them anywhere, whatever it is called on, may show any page's body.
var bodyNames = map[string]bool{"Content": true, "PlainText": true, "WordCount": true, "readingMinutes": true}

// namesIn adds to found every field, method and func name n's parse tree
// uses, whatever it is called on.
func namesIn(n parse.Node, found map[string]bool) {
	add := func(names []string) {
		for _, s := range names {
			found[s] = true
		}
	}
	walkTemplate(n, func(n parse.Node) {
		switch n := n.(type) {
		case *parse.FieldNode:
			add(n.Ident)
		case *parse.ChainNode:
			add(n.Field)
		case *parse.VariableNode:
			add(n.Ident[1:])
		case *parse.IdentifierNode:
			found[n.Ident] = true
		}
	})
}

// walkTemplate calls fn for n and every node below it, parents first.
func walkTemplate(n parse.Node, fn func(parse.Node)) {
	fn(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walkTemplate(c, fn)
			}
		}
	case *parse.ActionNode:
		walkTemplate(n.Pipe, fn)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				walkTemplate(c, fn)
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walkTemplate(a, fn)
		}
	case *parse.ChainNode:
		walkTemplate(n.Node, fn)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.TemplateNode:
		walkTemplate(n.Pipe, fn)
	}
}

func walkBranch(n *parse.BranchNode, fn func(parse.Node)) {
	walkTemplate(n.Pipe, fn)
	walkTemplate(n.List, fn)
	walkTemplate(n.ElseList, fn)
}

// addNames adds the names every template in t's set uses.
func addNames(t *template.Template, found map[string]bool) {
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			namesIn(tt.Tree.Root, found)
		}
	}
}

// cardCache holds the HTML of templates rendered for one page, per build.
// Its templates are set once they are parsed; the funcs that call it are
// registered before.
//
// When the build minifies, each fragment is minified once, here, and the
// layouts get a token in its place that output.write swaps for the
// minified fragment after minifying the rest of the file. Cards are a
// third of a 10,000-page hub's HTML, each shown on several lists and
// related sections, and minifying them again in every file was a third of
// the minifier's time. A fragment minifies alone as it does in place: it
// starts and ends with a tag, and end tags are kept (newMinifier). A
// fragment may hold the tokens of others: "card" and "card-h3" hold one
// "card-body", rendered and minified once for both.
type cardCache struct {
	ts    *templateSet
	min   *minify.M                 // nil: no tokens, the HTML itself
	whole bool                      // no tokens either: see knobs.wholeMinify
	mu    sync.RWMutex              // guards html and names
	html  map[cardKey]template.HTML // the HTML or a token
	names map[string]bool           // the names rendered, for forget
	frags fragStore                 // token id → minified HTML
	last  atomic.Uint64             // the last token id handed out

	// partials holds partialCached's renders for the current build; each
	// build starts an empty one (newBuild), as a partial may show anything.
	partials atomic.Pointer[partialMemo]
}

// partialMemo is one build's partialCached renders, and the tokens of
// those that were minified apart: they live as long as the build's files
// are being written, and newBuild drops them.
type partialMemo struct {
	html   sync.Map // partialKey → template.HTML (the HTML or a token)
	tokens sync.Map // token id → true
}

type partialKey struct {
	name, variant string
}

// newBuild forgets partialCached's renders of the last build, whose files
// are all written (a Builder builds one at a time), and their fragments.
func (c *cardCache) newBuild() {
	if old := c.partials.Swap(new(partialMemo)); old != nil {
		old.tokens.Range(func(id, _ any) bool {
			c.frags.drop(id.(uint64))
			return true
		})
	}
}

func (c *cardCache) memo() *partialMemo {
	if m := c.partials.Load(); m != nil {
		return m
	}
	c.partials.CompareAndSwap(nil, new(partialMemo))
	return c.partials.Load()
}

// partial renders the named template with data once per build for each
// variant, as Hugo's partialCached does: the layout promises the partial
// shows the same for every page with the same variant. When minifying,
// a partial that starts and ends with a tag (the site's header and footer,
// on every file) is minified once, as cards are; any other is minified
// with the page around it.
func (c *cardCache) partial(name string, data any, variant ...any) (template.HTML, error) {
	memo := c.memo()
	k := partialKey{name, fmt.Sprintf("%#v", variant)} // ("ab") and ("a", "b") differ
	if h, ok := memo.html.Load(k); ok {
		return h.(template.HTML), nil
	}
	var b bytes.Buffer
	if err := c.ts.base.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	h := template.HTML(b.String()) // html/template escaped it
	if trimmed := bytes.TrimSpace(b.Bytes()); c.min != nil && !c.whole &&
		len(trimmed) > 1 && trimmed[0] == '<' && trimmed[len(trimmed)-1] == '>' {
		id, err := c.minifyApart(name, trimmed)
		if err != nil {
			return "", err
		}
		memo.tokens.Store(id, true)
		h = template.HTML(fragToken(id))
	}
	if prev, loaded := memo.html.LoadOrStore(k, h); loaded {
		c.dropToken(h) // another worker rendered it first
		return prev.(template.HTML), nil
	}
	return h, nil
}

// minifyApart minifies one fragment and keeps it under a new token id.
func (c *cardCache) minifyApart(name string, html []byte) (uint64, error) {
	m := fragmentBufs.Get().(*bytes.Buffer)
	defer fragmentBufs.Put(m)
	m.Reset()
	if err := c.min.Minify("text/html", m, bytes.NewReader(html)); err != nil {
		return 0, fmt.Errorf("minifying %s: %w", name, err)
	}
	frag := m.Bytes()
	if bytes.Contains(frag, []byte(fragOpen)) {
		// A card outlives the build, and the tokens of the build's
		// partials in it would not: put those in whole (in a partial's
		// fragment too, so that none holds another's token).
		var own bytes.Buffer
		if err := c.expandPartials(&own, frag); err != nil {
			return 0, err
		}
		frag = own.Bytes()
	}
	id := c.last.Add(1)
	c.frags.store(id, bytes.Clone(frag)) // held all build: no spare capacity
	return id, nil
}

// body minifies a page's rendered body apart from its page, by
// publish.MinifyBody, and returns its token, for the page's view, and
// done, which lets the fragment go once the page's file is written. A
// body is in one file only, so this does not save minifying it twice:
// it saves that MinifyBody's fast path, which knows the HTML goldmark
// writes, takes a third of the CPU the minifier would. Not minifying, or
// minifying whole (knobs.wholeMinify), the body goes in as it is.
func (c *cardCache) body(html string) (h template.HTML, done func(), err error) {
	if c.min == nil || c.whole || len(html) == 0 {
		return template.HTML(html), func() {}, nil
	}
	buf := bodyBufs.Get().(*bytes.Buffer)
	buf.Reset()
	// MinifyBody only reads the body: no copy of it is needed.
	if err := publish.MinifyBody(c.min, buf, unsafe.Slice(unsafe.StringData(html), len(html))); err != nil {
		bodyBufs.Put(buf)
		return "", nil, err
	}
	id := c.last.Add(1)
	c.frags.store(id, buf.Bytes())
	return template.HTML(fragToken(id)), func() {
		c.frags.drop(id)
		bodyBufs.Put(buf)
	}, nil
}

// bodyBufs hold minified bodies while their pages are written.
var bodyBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

type cardKey struct {
	name string
	page *content.Page
}

// fragStore holds minified fragments by token id. Ids are handed out in
// order from 1, so it is an array, in chunks that are never moved: a read
// is two atomic loads, with no lock and no hashing. (In a sync.Map, keyed
// by interface values, the lookups of a 10,000-page build were 2-3% of
// its CPU.) A dropped fragment leaves its slot empty.
type fragStore struct {
	mu     sync.Mutex                   // held to add chunks
	chunks atomic.Pointer[[]*fragChunk] // replaced whole when it grows
}

const fragChunkLen = 1024

type fragChunk [fragChunkLen]atomic.Pointer[[]byte]

// slot returns id's slot, adding chunks up to it when grow is set, or nil.
func (f *fragStore) slot(id uint64, grow bool) *atomic.Pointer[[]byte] {
	i, j := id/fragChunkLen, id%fragChunkLen
	if cs := f.chunks.Load(); cs != nil && i < uint64(len(*cs)) {
		return &(*cs)[i][j]
	}
	if !grow {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var cs []*fragChunk
	if p := f.chunks.Load(); p != nil {
		cs = *p
	}
	if i >= uint64(len(cs)) {
		more := make([]*fragChunk, i+1)
		copy(more, cs)
		for k := len(cs); k < len(more); k++ {
			more[k] = new(fragChunk)
		}
		f.chunks.Store(&more)
		cs = more
	}
	return &cs[i][j]
}

func (f *fragStore) store(id uint64, frag []byte) { f.slot(id, true).Store(&frag) }

func (f *fragStore) load(id uint64) ([]byte, bool) {
	if s := f.slot(id, false); s != nil {
		if p := s.Load(); p != nil {
			return *p, true
		}
	}
	return nil, false
}

func (f *fragStore) drop(id uint64) {
	if s := f.slot(id, false); s != nil {
		s.Store(nil)
	}
}

// renderInline renders the named template with data, each time.
func (c *cardCache) renderInline(name string, data any) (template.HTML, error) {
	var b bytes.Buffer
	if err := c.ts.base.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil // html/template escaped it
}

func (c *cardCache) render(name string, p *content.Page) (template.HTML, error) {
	k := cardKey{name, p}
	c.mu.RLock()
	h, ok := c.html[k]
	c.mu.RUnlock()
	if ok {
		return h, nil
	}
	var b bytes.Buffer
	if err := c.ts.base.ExecuteTemplate(&b, name, p); err != nil {
		return "", err
	}
	if c.min != nil && !c.whole {
		id, err := c.minifyApart(name+" of "+p.Path, b.Bytes())
		if err != nil {
			return "", err
		}
		h = template.HTML(fragToken(id))
	} else {
		h = template.HTML(b.String()) // html/template escaped it
	}
	c.mu.Lock()
	prev, loaded := c.html[k]
	if !loaded {
		if c.html == nil {
			c.html, c.names = map[cardKey]template.HTML{}, map[string]bool{}
		}
		c.html[k], c.names[name] = h, true
	}
	c.mu.Unlock()
	if loaded {
		c.dropToken(h) // another worker rendered it first
		return prev, nil
	}
	return h, nil
}

// forget drops what was rendered for p, a page a patched Site replaced:
// a preview reuses the cache from build to build.
func (c *cardCache) forget(p *content.Page) {
	var gone []template.HTML
	c.mu.Lock()
	for name := range c.names {
		k := cardKey{name, p}
		if h, ok := c.html[k]; ok {
			delete(c.html, k)
			gone = append(gone, h)
		}
	}
	c.mu.Unlock()
	for _, h := range gone {
		c.dropToken(h)
	}
}

func (c *cardCache) dropToken(h template.HTML) {
	if id, n := parseFragToken([]byte(h)); n == len(h) {
		c.frags.drop(id)
		if m := c.partials.Load(); m != nil {
			m.tokens.Delete(id)
		}
	}
}

// expandPartials writes data to dst with the tokens of this build's
// partials replaced by their fragments; other tokens stay.
func (c *cardCache) expandPartials(dst *bytes.Buffer, data []byte) error {
	memo := c.memo()
	return replaceTokens(dst, data, func(id uint64) (bool, error) {
		if _, ok := memo.tokens.Load(id); !ok {
			return false, nil
		}
		frag, ok := c.frags.load(id)
		if !ok {
			return false, fmt.Errorf("fragment %d was dropped before the card holding it was made", id)
		}
		dst.Write(frag) // a partial's fragment holds no partial's token
		return true, nil
	})
}

// A fragment token is U+E000 (private use), "hub", the id in base 36 and
// U+E001: text the minifier leaves alone, and nothing a page would hold.
const (
	fragOpen  = "\uE000hub"
	fragClose = "\uE001"
)

func fragToken(id uint64) string { return fragOpen + strconv.FormatUint(id, 36) + fragClose }

// parseFragToken reads a token at the start of b: its id and length, or 0, 0.
func parseFragToken(b []byte) (uint64, int) {
	if !bytes.HasPrefix(b, []byte(fragOpen)) {
		return 0, 0
	}
	end := bytes.Index(b[len(fragOpen):], []byte(fragClose))
	if end < 1 || end > 13 {
		return 0, 0
	}
	id, err := strconv.ParseUint(string(b[len(fragOpen):len(fragOpen)+end]), 36, 64)
	if err != nil {
		return 0, 0
	}
	return id, len(fragOpen) + end + len(fragClose)
}

// fragmentBufs holds buffers for minifying fragments, reused across them.
var fragmentBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// spliceMinified is the output's Splice: it puts the minified fragments
// back in place of their tokens in a minified file that holds any.
func (c *cardCache) spliceMinified(dst *bytes.Buffer, data []byte) (bool, error) {
	if !bytes.Contains(data, []byte(fragOpen)) {
		return false, nil
	}
	return true, c.splice(dst, data)
}

// splice writes data to dst with every fragment token replaced by its
// minified fragment, and the tokens in that fragment by theirs: a card
// holds its "card-body". A token whose fragment is gone is an error: it
// would leave a hole in the page.
func (c *cardCache) splice(dst *bytes.Buffer, data []byte) error {
	dst.Grow(len(data) * 4)
	return c.spliceAt(dst, data, 0)
}

// maxFragDepth bounds fragments within fragments. A fragment can only hold
// tokens made before its own, so tokens never loop; the bound keeps a
// mistake in that from overflowing the stack.
const maxFragDepth = 8

func (c *cardCache) spliceAt(dst *bytes.Buffer, data []byte, depth int) error {
	return replaceTokens(dst, data, func(id uint64) (bool, error) {
		if depth == maxFragDepth {
			return false, fmt.Errorf("fragment %d is held in fragments more than %d deep", id, maxFragDepth)
		}
		frag, ok := c.frags.load(id)
		if !ok {
			return false, fmt.Errorf("fragment %d was dropped before the page using it was written", id)
		}
		return true, c.spliceAt(dst, frag, depth+1)
	})
}

// replaceTokens writes data to dst, and for each fragment token in it
// calls with, which writes what stands in its place and reports that it
// did; a token it leaves, and text that only looks like one, stay.
func replaceTokens(dst *bytes.Buffer, data []byte, with func(id uint64) (bool, error)) error {
	for {
		i := bytes.Index(data, []byte(fragOpen))
		if i < 0 {
			dst.Write(data)
			return nil
		}
		dst.Write(data[:i])
		id, n := parseFragToken(data[i:])
		if n == 0 { // not a token after all
			dst.Write(data[i : i+len(fragOpen)])
			data = data[i+len(fragOpen):]
			continue
		}
		done, err := with(id)
		if err != nil {
			return err
		}
		if !done {
			dst.Write(data[i : i+n])
		}
		data = data[i+n:]
	}
}

// templateFuncs are the helpers the layouts may call.
func templateFuncs(s *Site, info *SiteInfo, cards *cardCache) template.FuncMap {
	loc := s.Config.Location()
	funcs := template.FuncMap{
		// asset returns the fingerprinted URL of a theme asset ("style.css").
		"asset": func(name string) (string, error) {
			u, ok := info.assets[name]
			if !ok {
				return "", fmt.Errorf("no asset %q in layouts/assets/", name)
			}
			return u, nil
		},
		"abs": func(u string) string { return info.BaseURL + strings.TrimPrefix(u, "/") },
		// isodate is YYYY-MM-DD in the site's zone.
		"isodate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(loc).Format("2006-01-02")
		},
		// datetime is the machine-readable form for <time datetime>.
		"datetime":   func(t time.Time) string { return t.In(loc).Format(time.RFC3339) },
		"typeName":   s.Config.Types.Singular,
		"sectionURL": s.Config.Types.URL,
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return "1 " + one
			}
			return strconv.Itoa(n) + " " + many
		},
		"readingMinutes": func(p *content.Page) int { return max(1, (p.WordCount+199)/200) },
		"join":           strings.Join,
		"calendarURL":    func(p *content.Page) string { return p.URL + "event.ics" },
		"year":           func() int { return s.Now.In(loc).Year() },
		"path":           func(elem ...string) string { return path.Join(elem...) },
		// cached renders the named template for a page once per build: a
		// page's card appears in its section, tag and related lists and on
		// the home page, and is the same in all of them.
		"cached": cards.render,
		// partialCached renders a partial once per build for each variant
		// (the arguments after its data), as in Hugo: for parts of a page
		// that are the same on many pages, such as the footer.
		"partialCached": cards.partial,
		// render writes a partial into a value, for a message's place:
		// {{T "page.by_html" "names" (render "partials/term-links.html" .)}}.
		"render": cards.renderInline,
	}
	// T, date and eventWhen write the words of the site's language.
	maps.Copy(funcs, templateMessageFuncs(s.messages, loc))
	maps.Copy(funcs, typeFuncs(s))
	maps.Copy(funcs, pictureFuncs())
	return funcs
}

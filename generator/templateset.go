package generator

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"text/template/parse"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/i18n"
	"github.com/ideas-hub/hub/generator/sitefs"
	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
)

// templateSet is every layout parsed once per build.
//
// Each kind runs baseof.html and the partials with its own layout file
// over them, in a set of its own: html/template escapes a set's trees in
// place. Copying the partials' trees for each of 14 kinds was most of the
// time loading the layouts took, paid twice a build (the loader parses
// them to learn what they name) and by kinds a small site never renders.
// So each kind's file is parsed alone, which is all the loader needs, and
// a kind's set is made the first time a page runs it (kind).
type templateSet struct {
	base   *template.Template // baseof.html and the partials: what every kind shares
	alias  *template.Template
	own    map[string]*template.Template // per kind: its layout file parsed alone
	files  map[string]kindFile           // per kind: that file, to parse into its set
	hashes map[string]uint64             // per kind: the text of every file it is made of
	// names is every field, method and func name some layout uses.
	names map[string]bool
	order []string // the kinds, as layoutKinds lists them
	msgs  *i18n.Catalog
	// showsBody: some layout names a field drawn from a page's body (see
	// bodyNames), so any list may show one; otherwise a body edit changes
	// only the page itself and the outputs keyed by its full key.
	showsBody bool

	// Set by forRender, before any page runs: the kinds' sets are copies
	// of pristine, a copy of base no page runs (html/template copies no
	// set once it has run), with funcs for foldConstants.
	pristine *template.Template
	funcs    template.FuncMap
	kinds    map[string]*lazyKind
	served   lazyKind // the search layout as the server renders it (servedSearch)
}

// kindFile is a kind's layout file: its name and text.
type kindFile struct{ name, text string }

// lazyKind is a kind's set, made once.
type lazyKind struct {
	once sync.Once
	t    *template.Template
	err  error
}

var templateErrRe = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// loadTemplates parses every layout, and checks each message a layout
// names with T against msgs.
func loadTemplates(layouts layeredFS, types *content.Types, funcs template.FuncMap, msgs *i18n.Catalog) (*templateSet, error) {
	var diags Diagnostics
	var text *hasher // the files read into the set being parsed
	parse := func(t *template.Template, name string) string {
		data, err := fs.ReadFile(layouts, name)
		var se *sitefs.FileError
		switch {
		case errors.As(err, &se):
			diags = append(diags, se.Diagnostic())
			return ""
		case err != nil:
			diags = append(diags, Diagnostic{Path: layouts.origin(name), Msg: "missing layout: " + err.Error()})
			return ""
		}
		text.str(name, string(data))
		if _, err := t.New(name).Parse(string(data)); err != nil {
			diags = append(diags, templateDiag(layouts, name, err))
		}
		return string(data)
	}
	base := template.New("").Funcs(funcs)
	text = newHasher()
	parse(base, "baseof.html")
	for _, name := range layouts.glob("partials/*.html") {
		parse(base, name)
	}
	baseHash := text.sum()
	set := &templateSet{base: base, own: map[string]*template.Template{}, files: map[string]kindFile{},
		hashes: map[string]uint64{}, names: map[string]bool{}, order: layoutKinds(types), msgs: msgs}
	for _, kind := range set.order {
		t := template.New("").Funcs(funcs)
		text = newHasher().u64(baseHash)
		name := layoutFile(layouts, types, kind)
		set.files[kind] = kindFile{name, parse(t, name)}
		set.own[kind] = t
		set.hashes[kind] = text.sum()
	}
	set.alias = template.New("").Funcs(funcs)
	text = newHasher()
	parse(set.alias, "alias.html")
	set.hashes["alias"] = text.sum()
	trees := set.trees()
	diags = append(diags, checkMessageCalls(layouts, msgs, trees)...)
	if diags != nil {
		return nil, diags
	}
	for _, tree := range trees {
		namesIn(tree.Root, set.names)
	}
	for name := range bodyNames {
		set.showsBody = set.showsBody || set.names[name]
	}
	foldMessages(msgs, set.base, set.alias)
	return set, nil
}

// trees lists every parsed template a kind's set or the alias holds once,
// in name order: the base's, but those every kind's file replaces, and
// each kind's own.
func (ts *templateSet) trees() []*parse.Tree {
	var trees []*parse.Tree
	for _, bt := range ts.base.Templates() {
		if bt.Tree != nil && slices.ContainsFunc(ts.order, func(kind string) bool { return !ts.replaces(kind, bt.Name()) }) {
			trees = append(trees, bt.Tree)
		}
	}
	seen := map[[2]string]bool{}
	for _, t := range append(slices.Collect(func(yield func(*template.Template) bool) {
		for _, kind := range ts.order {
			if !yield(ts.own[kind]) {
				return
			}
		}
	}), ts.alias) {
		for _, tt := range t.Templates() {
			if tt.Tree == nil {
				continue
			}
			if k := [2]string{tt.Tree.ParseName, tt.Name()}; !seen[k] {
				seen[k] = true
				trees = append(trees, tt.Tree)
			}
		}
	}
	slices.SortFunc(trees, func(a, b *parse.Tree) int {
		return cmp.Or(cmp.Compare(a.ParseName, b.ParseName), cmp.Compare(a.Name, b.Name))
	})
	return trees
}

// replaces reports whether kind's file defines name, so its set runs that
// and not the base's: a definition of only white space does not replace
// one (html/template's rule).
func (ts *templateSet) replaces(kind, name string) bool {
	t := ts.own[kind].Lookup(name)
	return t != nil && t.Tree != nil && !parse.IsEmptyTree(t.Tree.Root)
}

func templateDiag(layouts layeredFS, name string, err error) Diagnostic {
	d := Diagnostic{Path: layouts.origin(name), Msg: err.Error()}
	if m := templateErrRe.FindStringSubmatch(err.Error()); m != nil {
		d.Line, _ = strconv.Atoi(m[2])
		d.Col, _ = strconv.Atoi(m[3])
		d.Msg = m[4]
	}
	return d
}

// forRender readies the set for the pages of a build, before any runs:
// funcs are the ones it was parsed with.
func (ts *templateSet) forRender(funcs template.FuncMap) error {
	pristine, err := ts.base.Clone()
	if err != nil {
		return err
	}
	ts.pristine, ts.funcs = pristine, funcs
	ts.kinds = make(map[string]*lazyKind, len(ts.order))
	for _, kind := range ts.order {
		ts.kinds[kind] = &lazyKind{}
	}
	return ts.readyBase()
}

// readyBase escapes, folds and fuses the base's templates that pages run
// by name (cards, the header and footer: see cardCache), when the layouts
// name every one of them with a quoted string. A name worked out as a
// page renders would be escaped then, and html/template could copy into
// it, for another context, a template already folded for this one.
func (ts *templateSet) readyBase() error {
	names, ok := ts.runByName()
	if !ok || len(names) == 0 {
		return nil
	}
	if !escapeNames(ts.base, names) {
		base, err := ts.pristine.Clone() // untouched, to fail on each page as it did
		ts.base = base
		return err
	}
	es := escapers{}
	foldConstants(ts.base, ts.funcs, es)
	fuseEscapers(ts.base, es)
	return nil
}

// runByName lists the base's templates the layouts run through cached,
// partialCached and render, in order, and reports false when some call
// gives the name otherwise than as a quoted string.
func (ts *templateSet) runByName() ([]string, bool) {
	var names []string
	ok := true
	seen := map[string]bool{}
	visit := func(t *template.Template) {
		for _, tt := range t.Templates() {
			if tt.Tree == nil || tt.Tree.Root == nil {
				continue
			}
			walkTemplate(tt.Tree.Root, func(n parse.Node) {
				cmd, isCmd := n.(*parse.CommandNode)
				if !isCmd {
					return
				}
				for i, a := range cmd.Args {
					id, isID := a.(*parse.IdentifierNode)
					if !isID || id.Ident != "cached" && id.Ident != "partialCached" && id.Ident != "render" {
						continue
					}
					name, isStr := parse.Node(nil), false
					if i == 0 && len(cmd.Args) > 1 {
						name = cmd.Args[1]
						_, isStr = name.(*parse.StringNode)
					}
					if !isStr {
						ok = false
						return
					}
					if s := name.(*parse.StringNode).Text; !seen[s] && ts.base.Lookup(s) != nil && ts.base.Lookup(s).Tree != nil {
						seen[s] = true
						names = append(names, s)
					}
				}
			})
		}
	}
	visit(ts.base)
	visit(ts.alias)
	for _, kind := range ts.order {
		visit(ts.own[kind])
	}
	return names, ok
}

// kind is kind's set, made the first time a page asks for it.
func (ts *templateSet) kind(kind string) (*template.Template, error) {
	k, ok := ts.kinds[kind]
	if !ok {
		return nil, fmt.Errorf("no layout for %q", kind)
	}
	k.once.Do(func() { k.t, k.err = ts.makeKind(kind) })
	return k.t, k.err
}

// makeKind makes kind's set and writes into it what is the same on every
// page of the build (see foldconst.go). A set whose layouts do not
// escape is made again, untouched, so that it fails on each page as it
// did.
func (ts *templateSet) makeKind(kind string) (*template.Template, error) {
	t, err := ts.parseKind(kind)
	if err != nil {
		return nil, err
	}
	foldMessages(ts.msgs, t)
	if escapeKind(t) {
		es := escapers{}
		foldConstants(t, ts.funcs, es)
		fuseEscapers(t, es)
		return t, nil
	}
	if t, err = ts.parseKind(kind); err != nil {
		return nil, err
	}
	foldMessages(ts.msgs, t)
	return t, nil
}

// parseKind is a copy of the base with kind's file parsed into it.
func (ts *templateSet) parseKind(kind string) (*template.Template, error) {
	t, err := ts.pristine.Clone()
	if err != nil {
		return nil, err
	}
	f := ts.files[kind]
	if _, err := t.New(f.name).Parse(f.text); err != nil {
		return nil, err
	}
	return t, nil
}

// servedSearch is the search layout as the server renders it for each
// query (see servedSearch).
func (ts *templateSet) servedSearch() (*template.Template, error) {
	ts.served.once.Do(func() {
		t, err := ts.parseKind("search")
		if err == nil {
			t, err = servedSearch(t)
		}
		ts.served.t, ts.served.err = t, err
	})
	return ts.served.t, ts.served.err
}

// execute renders the layout for kind into w.
func (ts *templateSet) execute(w interface{ Write([]byte) (int, error) }, kind string, v *View) error {
	t, err := ts.kind(kind)
	if err != nil {
		return err
	}
	if err := t.ExecuteTemplate(w, "base", v); err != nil {
		var te *template.Error
		if errors.As(err, &te) {
			return fmt.Errorf("layouts/%s.html: %w", kind, err)
		}
		return fmt.Errorf("rendering %s with layouts/%s.html: %w", v.URL, kind, err)
	}
	return nil
}

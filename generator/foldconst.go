package generator

import (
	"bytes"
	"io"
	"reflect"
	"strconv"
	"strings"
	"text/template/parse"

	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
)

// Constant folding of escaped layouts.
//
// Every printed action of a layout is a pipeline html/template ends with
// its escapers ({{asset "style.css" | _html_template_urlfilter |
// _html_template_urlnormalizer | _html_template_attrescaper}}), and each
// step is a reflected call with a variadic slice: four calls for a URL
// that is the same on every page of a build. foldConstants escapes each
// kind's layouts before any page runs them, works out once the output of
// every action whose value cannot differ from page to page (a quoted
// string, or a call of a func in buildConstFuncs with quoted arguments),
// and writes it into the layout as text, as html/template would have
// printed it. The escapers are html/template's own: the value goes
// through a small template whose one action html/template escapes with
// the same chain (escapeProbe), so the bytes cannot differ.

// buildConstFuncs are the template funcs whose value depends only on their
// arguments and the build (the site's messages, assets and base URL).
func buildConstFunc(name string) bool {
	switch name {
	case messagesFuncName, "asset", "abs", "siteCard":
		return true
	}
	return false
}

// escapeProbeName names the template that makes html/template escape
// "base" and all it calls without running any of it.
const escapeProbeName = "\x00hub-escape"

// escapeKind escapes "base" of t, a kind's layouts no page has run yet,
// as running it would, and reports whether that worked. When it did not,
// t must not be used: html/template keeps half an escape.
func escapeKind(t *template.Template) bool { return escapeNames(t, []string{"base"}) }

// escapeNames escapes the named templates of t as running each would, and
// reports whether that worked; when it did not, t must not be used.
func escapeNames(t *template.Template, names []string) bool {
	var src strings.Builder
	src.WriteString("{{if false}}")
	for _, name := range names {
		src.WriteString("{{template " + strconv.Quote(name) + " .}}")
	}
	src.WriteString("{{end}}")
	probe, err := t.New(escapeProbeName).Parse(src.String())
	if err != nil {
		return false
	}
	return probe.Execute(io.Discard, nil) == nil
}

// escapeContext is, for a chain of escapers html/template puts after an
// action, a context that gives an action that chain: the text before and
// after {{.}}. Other chains are not folded.
func escapeContext(chain string) (before, after string, ok bool) {
	switch chain {
	case "_html_template_htmlescaper":
		return "", "", true
	case "_html_template_attrescaper":
		return `<p title="`, `">`, true
	case "_html_template_rcdataescaper":
		return "<title>", "</title>", true
	case "_html_template_urlfilter _html_template_urlnormalizer _html_template_attrescaper":
		return `<a href="`, `">`, true
	case "_html_template_urlnormalizer _html_template_attrescaper":
		return `<a href="/`, `">`, true
	case "_html_template_urlescaper _html_template_attrescaper":
		return `<a href="/?q=`, `">`, true
	}
	return "", "", false
}

// escaper applies one chain of html/template's escapers to values.
type escaper struct {
	t             *template.Template
	before, after string
	ok            bool // the probe's action has exactly the chain
}

// escapers makes and checks an escaper per chain, once per set.
type escapers map[string]*escaper

func (es escapers) get(chain string) *escaper {
	if e, ok := es[chain]; ok {
		return e
	}
	e := &escaper{}
	es[chain] = e
	before, after, ok := escapeContext(chain)
	if !ok {
		return e
	}
	t, err := template.New("probe").Parse(before + "{{.}}" + after)
	if err != nil || t.Execute(io.Discard, "") != nil {
		return e
	}
	// The probe is escaped now: check html/template gave it the chain.
	for _, n := range t.Tree.Root.Nodes {
		if a, ok := n.(*parse.ActionNode); ok {
			got, okChain := escaperChain(a.Pipe)
			e.ok = okChain && got == chain
		}
	}
	e.t, e.before, e.after = t, before, after
	return e
}

// escape returns the output of v through the chain.
func (e *escaper) escape(v any) (string, bool) {
	if !e.ok {
		return "", false
	}
	var b strings.Builder
	if e.t.Execute(&b, v) != nil {
		return "", false
	}
	out, ok := strings.CutPrefix(b.String(), e.before)
	if !ok {
		return "", false
	}
	return strings.CutSuffix(out, e.after)
}

// escaperChain is the escapers after pipe's first command, space-separated,
// when every later command is one.
func escaperChain(pipe *parse.PipeNode) (string, bool) {
	if pipe == nil || len(pipe.Decl) > 0 || pipe.IsAssign || len(pipe.Cmds) < 2 {
		return "", false
	}
	names := make([]string, 0, len(pipe.Cmds)-1)
	for _, c := range pipe.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || !strings.HasPrefix(id.Ident, "_html_template_") {
			return "", false
		}
		names = append(names, id.Ident)
	}
	return strings.Join(names, " "), true
}

// constValue is the value of cmd when it is the same on every page: a
// quoted string, or a build-constant func called with quoted strings and
// build-constant funcs of no arguments ({{abs siteCard}}).
func constValue(cmd *parse.CommandNode, funcs template.FuncMap) (any, bool) {
	if len(cmd.Args) == 1 {
		if s, ok := cmd.Args[0].(*parse.StringNode); ok {
			return s.Text, true
		}
	}
	fn, ok := constFunc(cmd.Args[0], funcs)
	if !ok {
		return nil, false
	}
	args := make([]reflect.Value, 0, len(cmd.Args)-1)
	for _, a := range cmd.Args[1:] {
		switch a := a.(type) {
		case *parse.StringNode:
			args = append(args, reflect.ValueOf(a.Text))
		case *parse.IdentifierNode:
			inner, ok := constFunc(a, funcs)
			if !ok {
				return nil, false
			}
			v, ok := callConst(inner, nil)
			if !ok {
				return nil, false
			}
			args = append(args, reflect.ValueOf(v))
		default:
			return nil, false
		}
	}
	return callConst(fn, args)
}

// constFunc is the func n names, when it is a build-constant one.
func constFunc(n parse.Node, funcs template.FuncMap) (reflect.Value, bool) {
	id, ok := n.(*parse.IdentifierNode)
	if !ok || !buildConstFunc(id.Ident) || funcs[id.Ident] == nil {
		return reflect.Value{}, false
	}
	return reflect.ValueOf(funcs[id.Ident]), true
}

// callConst calls fn as text/template would with args, each a string or
// what a func gave, when every parameter takes its argument as it is; a
// call that fails is left to fail as a call, on the page.
func callConst(fn reflect.Value, args []reflect.Value) (any, bool) {
	t := fn.Type()
	n := t.NumIn()
	if t.IsVariadic() && len(args) < n-1 || !t.IsVariadic() && len(args) != n {
		return nil, false
	}
	if t.NumOut() == 0 || t.NumOut() > 2 || t.NumOut() == 2 && t.Out(1) != reflect.TypeFor[error]() {
		return nil, false
	}
	for i, a := range args {
		pt := t.In(min(i, n-1))
		if t.IsVariadic() && i >= n-1 {
			pt = pt.Elem()
		}
		// A named string type (template.URL) would be converted: those
		// calls are left as they are.
		if !a.Type().AssignableTo(pt) {
			return nil, false
		}
	}
	out, ok := safeCall(fn, args)
	if !ok || len(out) == 2 && !out[1].IsNil() {
		return nil, false
	}
	v := out[0]
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil, false
		}
		v = v.Elem()
	}
	return v.Interface(), true
}

// foldConstants writes into t's escaped templates the output of each
// action that is the same on every page.
func foldConstants(t *template.Template, funcs template.FuncMap, es escapers) {
	for _, tt := range t.Templates() {
		if tt.Tree != nil && tt.Tree.Root != nil {
			foldList(tt.Tree.Root, funcs, es)
		}
	}
}

func foldList(list *parse.ListNode, funcs template.FuncMap, es escapers) {
	if list == nil {
		return
	}
	for i, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := foldAction(n, funcs, es); ok {
				list.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(text)}
			}
		case *parse.IfNode:
			foldList(n.List, funcs, es)
			foldList(n.ElseList, funcs, es)
		case *parse.RangeNode:
			foldList(n.List, funcs, es)
			foldList(n.ElseList, funcs, es)
		case *parse.WithNode:
			foldList(n.List, funcs, es)
			foldList(n.ElseList, funcs, es)
		}
	}
	list.Nodes = joinText(list.Nodes)
}

func foldAction(a *parse.ActionNode, funcs template.FuncMap, es escapers) (string, bool) {
	chain, ok := escaperChain(a.Pipe)
	if !ok {
		return "", false
	}
	v, ok := constValue(a.Pipe.Cmds[0], funcs)
	if !ok {
		return "", false
	}
	return es.get(chain).escape(v)
}

// joinText merges neighbouring text nodes, so each is one write.
func joinText(nodes []parse.Node) []parse.Node {
	out := nodes[:0]
	for _, n := range nodes {
		t, ok := n.(*parse.TextNode)
		if ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*parse.TextNode); ok {
				joined := bytes.Join([][]byte{prev.Text, t.Text}, nil)
				out[len(out)-1] = &parse.TextNode{NodeType: parse.NodeText, Pos: prev.Pos, Text: joined}
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

// safeCall calls fn, and reports false for a func that panics, as a call
// on the page would fail.
func safeCall(fn reflect.Value, args []reflect.Value) (out []reflect.Value, ok bool) {
	defer func() {
		if recover() != nil {
			out, ok = nil, false
		}
	}()
	return fn.Call(args), true
}

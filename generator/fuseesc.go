package generator

import (
	"fmt"
	"strconv"
	"strings"
	"text/template/parse"

	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
)

// Fused escapers.
//
// html/template ends each printed action with its escapers, each a
// reflected call of a variadic func: an href is three ({{.URL |
// _html_template_urlfilter | _html_template_urlnormalizer |
// _html_template_attrescaper}}), and the variadic slice each call makes
// was a third of the time the layouts took. fuseEscapers puts in place of
// such a chain one call of a func of one argument that gives the same
// bytes: a string every escaper of the chain leaves as it is (most titles,
// slugs and URLs) is returned as it is, HTML in text as it is, and any
// other value goes through the chain itself (escaper.escape).

// fuseEscapers rewrites the printed actions of t's escaped templates, and
// adds to t the funcs they call now. Chains escapeContext does not know
// stay as they are.
func fuseEscapers(t *template.Template, es escapers) {
	funcs := template.FuncMap{}
	names := map[string]string{} // chain → func name
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil {
			continue
		}
		walkTemplate(tt.Tree.Root, func(n parse.Node) {
			a, ok := n.(*parse.ActionNode)
			if !ok {
				return
			}
			chain, at := trailingChain(a.Pipe)
			if at == 0 {
				return
			}
			name, ok := names[chain]
			if !ok {
				e := es.get(chain)
				if !e.ok {
					names[chain] = ""
					return
				}
				name = "_hub_escape" + strconv.Itoa(len(funcs))
				names[chain], funcs[name] = name, e.fused(chain)
			}
			if name == "" {
				return
			}
			last := a.Pipe.Cmds[at]
			id := parse.NewIdentifier(name).SetTree(tt.Tree).SetPos(last.Position())
			a.Pipe.Cmds = append(a.Pipe.Cmds[:at], &parse.CommandNode{NodeType: parse.NodeCommand, Pos: last.Pos, Args: []parse.Node{id}})
		})
	}
	if len(funcs) > 0 {
		t.Funcs(funcs)
	}
}

// trailingChain is the escapers pipe ends with, space-separated, and the
// index of the first; 0 when it ends with none or is nothing but them.
func trailingChain(pipe *parse.PipeNode) (string, int) {
	if pipe == nil || len(pipe.Decl) > 0 || pipe.IsAssign {
		return "", 0
	}
	at := len(pipe.Cmds)
	for at > 0 {
		c := pipe.Cmds[at-1]
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if len(c.Args) != 1 || !ok || !strings.HasPrefix(id.Ident, "_html_template_") {
			break
		}
		at--
	}
	if at == 0 || at == len(pipe.Cmds) {
		return "", 0
	}
	names := make([]string, 0, len(pipe.Cmds)-at)
	for _, c := range pipe.Cmds[at:] {
		names = append(names, c.Args[0].(*parse.IdentifierNode).Ident)
	}
	return strings.Join(names, " "), at
}

// fused is the one func that stands for chain.
func (e *escaper) fused(chain string) func(any) (string, error) {
	keeps, escape := chainKeeps(chain), chainEscapes(chain)
	html := chain == "_html_template_htmlescaper"
	return func(v any) (string, error) {
		switch v := v.(type) {
		case string:
			if keeps(v) {
				return v, nil
			}
			if escape != nil {
				return escape(v), nil
			}
		case int:
			// Digits and '-', which every chain keeps, as fmt prints it.
			return strconv.Itoa(v), nil
		case template.HTML:
			if html {
				return string(v), nil
			}
		}
		s, ok := e.escape(v)
		if !ok {
			return "", fmt.Errorf("escaping %T for %s failed", v, chain)
		}
		return s, nil
	}
}

// chainKeeps says whether every escaper of chain returns a string as it is.
func chainKeeps(chain string) func(string) bool {
	const urlKept = "-._~!#$*,/:;=?@[]" // and letters and digits; not & and + (the attribute's)
	switch chain {
	case "_html_template_htmlescaper", "_html_template_attrescaper", "_html_template_rcdataescaper":
		// Their table: NUL " & ' + < > (every other byte, UTF-8 or not, stays).
		return func(s string) bool { return !strings.ContainsAny(s, "\x00\"&'+<>") }
	case "_html_template_urlfilter _html_template_urlnormalizer _html_template_attrescaper":
		return func(s string) bool { return safeURL(s) && onlyURLBytes(s, urlKept) }
	case "_html_template_urlnormalizer _html_template_attrescaper":
		return func(s string) bool { return onlyURLBytes(s, urlKept) }
	case "_html_template_urlescaper _html_template_attrescaper":
		return func(s string) bool { return onlyURLBytes(s, "-._~") }
	}
	return func(string) bool { return false }
}

// chainEscapes is what chain makes of any string, for the chains whose
// escapers are simple enough to write again exactly; nil for the others.
func chainEscapes(chain string) func(string) string {
	switch chain {
	case "_html_template_htmlescaper", "_html_template_attrescaper", "_html_template_rcdataescaper":
		// html/template's htmlReplacementTable: every other byte, UTF-8
		// or not, stays.
		r := strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")
		return r.Replace
	case "_html_template_urlescaper _html_template_attrescaper":
		// Every byte but letters, digits and -._~ as %xx; the attribute's
		// escaper then finds nothing to change.
		return func(s string) string {
			var b strings.Builder
			b.Grow(len(s) * 2)
			for i := 0; i < len(s); i++ {
				if c := s[i]; onlyURLBytes(s[i:i+1], "-._~") {
					b.WriteByte(c)
				} else {
					const hex = "0123456789abcdef"
					b.WriteByte('%')
					b.WriteByte(hex[c>>4])
					b.WriteByte(hex[c&15])
				}
			}
			return b.String()
		}
	}
	return nil
}

// safeURL is html/template's test for a URL its filter lets through: no
// scheme, or http, https or mailto.
func safeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
	}
	return true
}

// onlyURLBytes reports whether s is ASCII letters, digits and bytes of kept.
func onlyURLBytes(s, kept string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(kept, c) >= 0 {
			continue
		}
		return false
	}
	return true
}

package generator

import (
	"strconv"
	"text/template/parse"

	"github.com/ideas-hub/hub/generator/i18n"
	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
)

// foldMessages writes into the layouts the text of each {{T "key"}} whose
// message is plain text and whose places, if any, are all given as quoted
// strings: such a call gives the same string on every page, and as a call
// it cost a reflected function call, a variadic slice and the message's
// formatting each time, on every page (the words the theme wrote inline
// before they moved to the message file cost nothing; with them and its
// other changes, issue #22 took the layouts of a 10,000-page build from
// 2.87 s of CPU to 3.34 s). The call becomes a string constant in the same place of its pipeline, so html/template
// escapes it exactly as it escaped what T returned. Markup messages (_html)
// and plural ones stay calls: their value is template.HTML, or depends on
// a count. Run it before any template of ts is executed, after the calls
// are checked (a failing call stays a call, and fails as it did).
func foldMessages(c *i18n.Catalog, ts ...*template.Template) {
	for _, t := range ts {
		if t == nil {
			continue
		}
		for _, tt := range t.Templates() {
			if tt.Tree == nil {
				continue
			}
			walkTemplate(tt.Tree.Root, func(n parse.Node) {
				// Only a pipeline's first command: a later one also
				// receives the value piped into it.
				if p, ok := n.(*parse.PipeNode); ok && p != nil && len(p.Cmds) > 0 {
					foldMessageCall(c, p.Cmds[0])
				}
			})
		}
	}
}

// foldMessageCall replaces cmd's arguments by the string constant its T
// call gives, when it is such a call with constant text.
func foldMessageCall(c *i18n.Catalog, cmd *parse.CommandNode) {
	if len(cmd.Args) < 2 {
		return
	}
	if id, ok := cmd.Args[0].(*parse.IdentifierNode); !ok || id.Ident != messagesFuncName {
		return
	}
	key, ok := cmd.Args[1].(*parse.StringNode)
	if !ok {
		return // a key worked out as the page renders
	}
	args := make([]any, 0, len(cmd.Args)-2)
	for _, a := range cmd.Args[2:] {
		s, ok := a.(*parse.StringNode)
		if !ok {
			return
		}
		args = append(args, s.Text)
	}
	v, err := c.T(key.Text, args...)
	text, ok := v.(string)
	if err != nil || !ok {
		return
	}
	// A copy of the key's node keeps its place and its tree, for the
	// copies html/template makes of a template used in another context.
	folded := *key
	folded.Text, folded.Quoted = text, strconv.Quote(text)
	cmd.Args = []parse.Node{&folded}
}

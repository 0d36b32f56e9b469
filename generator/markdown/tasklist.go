package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	grenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// taskCheckBoxRenderer draws GFM task-list boxes with an accessible name:
// goldmark's own has none, which screen readers announce as an unlabelled
// checkbox. The box is disabled: it shows a state, it is not a control.
type taskCheckBoxRenderer struct{}

func (taskCheckBoxRenderer) RegisterFuncs(reg grenderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<input type="checkbox" checked disabled aria-label="Done"> `)
		} else {
			_, _ = w.WriteString(`<input type="checkbox" disabled aria-label="Not done"> `)
		}
		return ast.WalkContinue, nil
	})
}

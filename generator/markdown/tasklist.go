package markdown

import (
	"html"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	grenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// taskCheckBoxRenderer draws GFM task-list boxes with an accessible name:
// goldmark's own has none, which screen readers announce as an unlabelled
// checkbox. The box is disabled: it shows a state, it is not a control.
type taskCheckBoxRenderer struct {
	done, notDone string // each box's whole tag
}

// TaskLabels are the accessible names of a task list's boxes, in the
// site's language (its messages task.done and task.not_done).
type TaskLabels struct {
	Done, NotDone string
}

func newTaskCheckBoxRenderer(l TaskLabels) taskCheckBoxRenderer {
	return taskCheckBoxRenderer{
		done:    `<input type="checkbox" checked disabled aria-label="` + html.EscapeString(l.Done) + `"> `,
		notDone: `<input type="checkbox" disabled aria-label="` + html.EscapeString(l.NotDone) + `"> `,
	}
}

func (r taskCheckBoxRenderer) RegisterFuncs(reg grenderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(r.done)
		} else {
			_, _ = w.WriteString(r.notDone)
		}
		return ast.WalkContinue, nil
	})
}

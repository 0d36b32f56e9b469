package generator

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ideas-hub/hub/generator/i18n"
	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
)

// Constant messages are written into the layouts once, and the pages read
// as they did when each was a call: escaped the same in text, attributes
// and URLs; markup, plural and computed-key messages stay calls.
func TestFoldedMessagesReadTheSame(t *testing.T) {
	t.Parallel()
	cat, err := i18n.Load("en", i18n.Layer{FS: fstest.MapFS{"i18n/en.toml": {Data: []byte(`
plain = "Tags & <topics> \"quoted\" 'single'"
place = "Hello {name} & co"
mark_html = "<b>{name}</b>"
[date]
months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
[count]
one = "{count} page"
other = "{count} pages"
`)}}, Name: func(f string) string { return f }})
	if err != nil {
		t.Fatal(err)
	}
	const layout = `<h2>{{T "plain"}}</h2><ul aria-label="{{T "plain"}}"><li><a href="/x?q={{T "plain"}}" title={{T "place" "name" "<Ann>"}}>{{T "place" "name" .Name}}</a></li></ul>` +
		`{{T "mark_html" "name" "x<y"}} {{T "count" "count" 2}} {{with T "plain"}}[{{.}}]{{end}} {{T .Key}} <script>var s = {{T "plain"}};</script>`
	data := struct{ Name, Key string }{"Bo & Di", "plain"}
	run := func(fold bool) (string, string) {
		tpl := template.Must(template.New("x").Funcs(template.FuncMap{"T": cat.T}).Parse(layout))
		if fold {
			foldMessages(cat, tpl)
		}
		tree := tpl.Tree.Root.String()
		var b bytes.Buffer
		if err := tpl.Execute(&b, data); err != nil {
			t.Fatal(err)
		}
		return b.String(), tree
	}
	want, _ := run(false)
	got, tree := run(true)
	if got != want {
		t.Errorf("folded layout writes\n%s\nwant\n%s", got, want)
	}
	for _, call := range []string{`T "plain"`, `T "place" "name" "<Ann>"`} {
		if strings.Contains(tree, call) {
			t.Errorf("%s is still a call in the folded layout:\n%s", call, tree)
		}
	}
	for _, call := range []string{`T "place" "name" .Name`, `T "mark_html"`, `T "count"`, `T .Key`} {
		if !strings.Contains(tree, call) {
			t.Errorf("%s was folded, but its text is not constant:\n%s", call, tree)
		}
	}
}

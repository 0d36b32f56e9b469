package generator

import (
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/ideas-hub/hub/generator/diag"
)

// Every way TOML writes a key is found at its line and column (counted
// in characters): table headers (quoted parts too), dotted keys, inline
// tables, array items across lines, arrays of tables; text that only
// looks like a key (in a comment, in a multi-line string) is not one.
func TestTOMLPlaces(t *testing.T) {
	t.Parallel()
	const doc = `title = "Café ☕" # a comment with [types.x] and = signs
description = """
types.fake = "not a key"
"""
[types.toolkit]
folder = "toolkits"
required = [
  "date",   # fine
  'publisher',
]
[ types . "two words" ]
a.b = 1
inline = { folder = "x", keys = { n = "nmber" } }
[[menu]]
name = "A"
[[menu]]
name = "B"
`
	var v map[string]any
	if _, err := toml.Decode(doc, &v); err != nil {
		t.Fatalf("the test's document does not parse: %v", err)
	}
	tp := locateTOML([]byte(doc))
	for _, c := range []struct {
		name string
		got  diag.Pos
		want diag.Pos
	}{
		{"title's value after an accented line", tp.value("title"), diag.Pos{Line: 1, Col: 9}},
		{"a table's header", tp.key("types", "toolkit"), diag.Pos{Line: 5, Col: 8}},
		{"its parent, named in the header", tp.key("types"), diag.Pos{Line: 5, Col: 2}},
		{"a key under it", tp.key("types", "toolkit", "folder"), diag.Pos{Line: 6, Col: 1}},
		{"its value", tp.value("types", "toolkit", "folder"), diag.Pos{Line: 6, Col: 10}},
		{"an array item on its own line", tp.item(0, "types", "toolkit", "required"), diag.Pos{Line: 8, Col: 3}},
		{"an item after a comment", tp.item(1, "types", "toolkit", "required"), diag.Pos{Line: 9, Col: 3}},
		{"a quoted header part with spaces around dots", tp.key("types", "two words"), diag.Pos{Line: 11, Col: 11}},
		{"a dotted key", tp.key("types", "two words", "a", "b"), diag.Pos{Line: 12, Col: 3}},
		{"a key in an inline table", tp.value("types", "two words", "inline", "folder"), diag.Pos{Line: 13, Col: 21}},
		{"a key in a nested inline table", tp.value("types", "two words", "inline", "keys", "n"), diag.Pos{Line: 13, Col: 39}},
		{"the second of an array of tables", tp.key("menu", "#1", "name"), diag.Pos{Line: 17, Col: 1}},
		{"its header", tp.key("menu", "#1"), diag.Pos{Line: 16, Col: 1}},
		{"a key only a string mentions", tp.key("types", "fake"), diag.Pos{Line: 1, Col: 1}},
		{"a key only a comment mentions", tp.key("types", "x"), diag.Pos{Line: 1, Col: 1}},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d:%d, want %d:%d", c.name, c.got.Line, c.got.Col, c.want.Line, c.want.Col)
		}
	}
}

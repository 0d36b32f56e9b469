package sitefs

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// siteFS follows links as the kernel does, component by component, and
// refuses those that leave the site, loop, or end at an odd file.
func TestSiteFSFollowsLinksInsideOnly(t *testing.T) {
	t.Parallel()
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
	}
	site := Confine(fstest.MapFS{
		"static/a.txt":        {Data: []byte("A")},
		"deep/dir/b.txt":      {Data: []byte("B")},
		"static/to-a":         link("a.txt"),
		"static/chain":        link("to-a"),
		"static/dir":          link("../deep/dir"),
		"static/up-through":   link("dir/../b-sibling"), // dir/.. is deep/, not static/
		"deep/b-sibling":      {Data: []byte("S")},
		"static/out":          link("../../x"),
		"static/via-out":      link("out/y"),
		"static/chain-out":    link("dir/out2"),
		"deep/dir/out2":       link("../../.."),
		"static/abs":          link("/etc/passwd"),
		"static/loop":         link("loop2"),
		"static/loop2":        link("loop"),
		"static/pipe":         {Mode: fs.ModeNamedPipe},
		"static/to-pipe":      link("pipe"),
		"static/missing-link": link("nowhere.txt"),
	})
	tests := []struct {
		name, data, err string
	}{
		{"static/a.txt", "A", ""},
		{"static/to-a", "A", ""},
		{"static/chain", "A", ""},
		{"static/dir/b.txt", "B", ""},
		{"static/up-through", "S", ""},
		{"static/out", "", "static/out: symlink to ../../x leads outside the site"},
		{"static/via-out", "", "static/out: symlink to ../../x leads outside the site"},
		{"static/chain-out/x", "", "deep/dir/out2: symlink to ../../.. leads outside the site"},
		{"static/abs", "", "static/abs: symlink to /etc/passwd leads outside the site"},
		{"static/loop", "", "never ends: the links make a loop"},
		{"static/to-pipe", "", "static/to-pipe: is a named pipe, not a regular file"},
		{"static/missing-link", "", "file does not exist"},
	}
	for _, tt := range tests {
		data, err := fs.ReadFile(site, tt.name)
		switch {
		case tt.err == "" && (err != nil || string(data) != tt.data):
			t.Errorf("%s: %q, %v; want %q", tt.name, data, err, tt.data)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: %v; want an error with %q", tt.name, err, tt.err)
		case tt.err != "" && !errors.Is(err, fs.ErrNotExist) && AsDiagnostics(err) == err:
			t.Errorf("%s: %v is not reported as a Diagnostic", tt.name, err)
		}
	}
}

package hubtest

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestTextIsWhatAReaderReads(t *testing.T) {
	for _, tt := range []struct{ page, want string }{
		{"<h1>A</h1><p>b <em>c</em>d</p>", "A b cd"},
		{"<head><title>T</title><style>p{}</style></head><body><ul><li>one</li><li>two</li></ul><script>x()</script></body>", "one two"},
		{"<p>Published <time datetime=\"2025-01-02\">2 January 2025</time>.</p>", "Published 2 January 2025."},
		{"<a href=/x/>Page<span class=vh> one</span></a>", "Page one"},
		{"<p>a\n\n  b</p><div>c</div>", "a b c"},
	} {
		if got := Text(tt.page); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.page, got, tt.want)
		}
	}
}

func TestDiffNamesEveryDifference(t *testing.T) {
	before := map[string]string{"a": "1", "b": "2", "c": "3"}
	after := map[string]string{"a": "1", "b": "9", "d": "4"}
	if got, want := Diff(before, after, 0), []string{"changed: b", "gone: c", "new: d"}; !slices.Equal(got, want) {
		t.Errorf("Diff = %q, want %q", got, want)
	}
	if got := Diff(before, before, 0); len(got) != 0 {
		t.Errorf("Diff of a snapshot with itself = %q", got)
	}
	if got, want := Diff(before, after, 2), []string{"changed: b", "gone: c", "and 1 more"}; !slices.Equal(got, want) {
		t.Errorf("Diff with a limit = %q, want %q", got, want)
	}
}

func TestSnapshotSeesOneChangedByte(t *testing.T) {
	dir := WriteSite(t, map[string]string{"a/b.html": "<p>x</p>", "c.txt": "y"})
	before := Snapshot(t, dir)
	if len(before) != 3 || before["a/b.html"] == "" || before["a/"] != "folder" {
		t.Fatalf("snapshot %v", before)
	}
	WriteFile(t, dir, "a/b.html", "<p>z</p>")
	if got := Diff(before, Snapshot(t, dir), 0); !slices.Equal(got, []string{"changed: a/b.html"}) {
		t.Errorf("after one edit: %q", got)
	}
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Diff(before, Snapshot(t, dir), 0); !slices.Contains(got, "new: empty/") {
		t.Errorf("after a new empty folder: %q", got)
	}
}

func TestTxtarAndMapFSHoldTheSameSite(t *testing.T) {
	files, comment := Txtar([]byte("A site.\n-- hub.toml --\ntitle = \"T\"\n-- content/stories/a.md --\n---\ntitle: A\n---\nBody.\n"))
	if comment != "A site.\n" || files["hub.toml"] != "title = \"T\"\n" || files["content/stories/a.md"] != "---\ntitle: A\n---\nBody.\n" {
		t.Fatalf("Txtar: %q %q", comment, files)
	}
	data, err := fs.ReadFile(MapFS(files), "content/stories/a.md")
	if err != nil || string(data) != files["content/stories/a.md"] {
		t.Errorf("MapFS: %q %v", data, err)
	}
	dir := WriteSite(t, files)
	if got := Read(t, dir, "content/stories/a.md"); got != files["content/stories/a.md"] {
		t.Errorf("WriteSite wrote %q", got)
	}
	if again := ReadTree(t, WriteTxtar(t, "-- a/b.txt --\nx\n-- c.txt --\ny\n")); len(again) != 2 || again["a/b.txt"] != "x\n" || again["c.txt"] != "y\n" {
		t.Errorf("WriteTxtar wrote %q", again)
	}
	if back := ReadTree(t, dir); len(back) != len(files) || back["hub.toml"] != files["hub.toml"] || back["content/stories/a.md"] != files["content/stories/a.md"] {
		t.Errorf("ReadTree read back %q", back)
	}
}

func TestCopiesLeaveWhatBuildsKeep(t *testing.T) {
	src := WriteSite(t, map[string]string{
		"hub.toml": "x", "content/a.md": "a", ".hub/previous-output.lock": "", "public/index.html": "old", "static/s.bin": "s",
	})
	site := CopySite(t, src)
	if !Exists(site, "hub.toml") || !Exists(site, "content/a.md") || !Exists(site, "static/s.bin") {
		t.Errorf("the copy lacks files of the site")
	}
	if Exists(site, ".hub") || Exists(site, "public") {
		t.Errorf("the copy holds what a build kept or wrote")
	}

	dst := filepath.Join(t.TempDir(), "copy")
	CopyTree(t, src, dst, func(rel string, data []byte) []byte {
		switch rel {
		case "content/a.md":
			return []byte("edited")
		case "static/s.bin":
			return nil
		}
		return data
	})
	if got := Read(t, dst, "content/a.md"); got != "edited" {
		t.Errorf("edited file: %q", got)
	}
	if Exists(dst, "static/s.bin") || !Exists(dst, ".hub/previous-output.lock") {
		t.Error("CopyTree should drop what edit returns nil for, and copy the rest")
	}
}

func TestOwnSiteIsTheRepositorysContent(t *testing.T) {
	root := RepoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal(err)
	}
	site := OwnSite(t)
	mem := OwnContent(t)
	var n int
	walk := func(fn fs.WalkDirFunc) error { // static/: the pictures the pages show
		if err := filepath.WalkDir(filepath.Join(root, "content"), fn); err != nil {
			return err
		}
		return filepath.WalkDir(filepath.Join(root, "static"), fn)
	}
	err := walk(func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		want, _ := os.ReadFile(p)
		if got := Read(t, site, rel); got != string(want) {
			t.Errorf("OwnSite: %s differs", rel)
		}
		if f := mem[rel]; f == nil || string(f.Data) != string(want) {
			t.Errorf("OwnContent: %s differs", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 30 || len(mem) != n+1 || !strings.Contains(Read(t, site, "hub.toml"), "title") {
		t.Errorf("%d content and static files, %d in memory, hub.toml copied: %v", n, len(mem), Exists(site, "hub.toml"))
	}
}

func TestLongRunsOnlyWhenAskedAndNeverUnderShort(t *testing.T) {
	t.Setenv(LongEnv, "")
	if Long() || Cases(1, 2, 3) != map[bool]int{true: 1, false: 2}[testing.Short()] {
		t.Errorf("without %s: Long %v, Cases %d", LongEnv, Long(), Cases(1, 2, 3))
	}
	t.Setenv(LongEnv, "1")
	long := 3
	if raceDetector {
		long = 2 // half of 3, but never fewer than the quick run's 2
	}
	if Long() == testing.Short() || Cases(1, 2, 3) != map[bool]int{true: 1, false: long}[testing.Short()] {
		t.Errorf("with %s=1 (short %v): Long %v, Cases %d", LongEnv, testing.Short(), Long(), Cases(1, 2, 3))
	}
}

func TestInOrderFailsOnAnyOtherOrder(t *testing.T) {
	for _, tt := range []struct {
		parts []string
		fails bool
	}{
		{[]string{"Upcoming", "Soon", "Later", "Past"}, false},
		{[]string{"Upcoming", "Later", "Soon"}, true},
		{[]string{"Upcoming", "Never"}, true},
		{[]string{"Soon", "Soon"}, true}, // once only
	} {
		ft := &fakeT{TB: t}
		InOrder(ft, "list", "Upcoming Soon Later Past", tt.parts...)
		if ft.failed != tt.fails {
			t.Errorf("InOrder(%q) failed %v, want %v", tt.parts, ft.failed, tt.fails)
		}
	}
}

// fakeT records a failure instead of failing the test.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper()               {}
func (f *fakeT) Errorf(string, ...any) { f.failed = true }

func TestRequestSendsHeadersAndReadsTheBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		fmt.Fprintf(w, "%s %s %s", r.Method, r.URL.Path, r.Header.Get("If-None-Match"))
	}))
	defer srv.Close()
	res, body := Request(t, http.MethodHead, srv.URL+"/x", nil)
	if res.StatusCode != http.StatusTeapot || len(body) != 0 {
		t.Errorf("HEAD: %d %q", res.StatusCode, body)
	}
	res, body = Request(t, http.MethodGet, srv.URL+"/y", http.Header{"If-None-Match": {`"v1"`}})
	if res.StatusCode != http.StatusTeapot || string(body) != `GET /y "v1"` {
		t.Errorf("GET: %d %q", res.StatusCode, body)
	}
}

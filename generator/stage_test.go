package generator

import (
	"github.com/ideas-hub/hub/generator/publish"
	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/layouts"

	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// keptBuild builds files into out with a kept folder, failing the test on
// an error.
func keptBuild(t *testing.T, files map[string]string, out, keep string) {
	t.Helper()
	opts := Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow, Keep: keep}
	if _, _, err := Build(context.Background(), opts, out, true); err != nil {
		t.Fatal(err)
	}
}

// keptDirs skips where builds keep no folder, and names a temporary
// folder, the output in it and the kept folder.
func keptDirs(t *testing.T) (tmp, out, keep string) {
	if runtime.GOOS != "linux" {
		t.Skip("builds reuse a kept folder only on Linux")
	}
	tmp = t.TempDir()
	return tmp, filepath.Join(tmp, "public"), filepath.Join(tmp, "keep")
}

// sameAsFresh fails the test unless out holds exactly what a build of
// files into a fresh folder does.
func sameAsFresh(t *testing.T, files map[string]string, out, what string) {
	t.Helper()
	fresh := filepath.Join(t.TempDir(), "fresh")
	if _, _, err := Build(context.Background(), Options{Site: hubtest.MapFS(files), Theme: layouts.FS(), Now: testNow}, fresh, true); err != nil {
		t.Fatal(err)
	}
	if got, want := hubtest.Snapshot(t, out), hubtest.Snapshot(t, fresh); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%s differs from a fresh build:\n got %v\nwant %v", what, keys(got), keys(want))
	}
}

// showsEdit fails the test unless the page at rel under out holds text.
func showsEdit(t *testing.T, out, rel, text string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil || !strings.Contains(string(data), text) {
		t.Errorf("%s does not show its edit %q (err %v)", rel, text, err)
	}
}

// Builds in a row through a kept folder give, each time, exactly what a
// build into a fresh folder gives, while content is edited, added and
// deleted between them. The site is the command's fixture, with every kind
// of output (events and their calendars, aliases, static files), and more.
func TestKeptFolderBuildsMatchFreshBuilds(t *testing.T) {
	t.Parallel()
	_, out, keep := keptDirs(t)
	files := hubtest.ReadTree(t, "../testdata/site")
	files["content/stories/a.md"] = story("A", "2025-01-01", "gone-tag")
	files["content/stories/b.md"] = story("B", "2025-01-02", "kept")
	edits := []func(){
		func() {},
		func() { files["content/stories/b.md"] = story("B, retitled", "2025-01-02", "kept") },
		func() { delete(files, "content/stories/a.md") },
		func() { files["content/stories/c.md"] = story("C", "2025-01-03", "new-tag") },
		func() { delete(files, "content/about.md"); delete(files, "content/events/webinar.md") },
	}
	for i, edit := range edits {
		edit()
		keptBuild(t, files, out, keep)
		sameAsFresh(t, files, out, fmt.Sprintf("build %d through the kept folder", i+1))
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("no kept folder after five builds: %v", err)
	}
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// The third build writes into the first one's folder, and leaves the files
// that did not change as they were: the same inode, not a new file.
func TestKeptFolderLeavesUnchangedFilesAlone(t *testing.T) {
	t.Parallel()
	_, out, keep := keptDirs(t)
	// B's summary is its own, not its body's start: A shows B's card
	// among its related pages, and the edit to B's body leaves it be.
	files := map[string]string{
		"content/stories/a.md": story("A", "2025-01-01", "x"),
		"content/stories/b.md": md("title: B\ndate: 2025-01-02\ntags: [x]\nsummary: B.", "Body."),
	}
	keptBuild(t, files, out, keep)
	unchanged, err := os.Stat(filepath.Join(out, "stories", "a", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	files["content/stories/b.md"] = md("title: B\ndate: 2025-01-02\ntags: [x]\nsummary: B.", "A new body.")
	keptBuild(t, files, out, keep) // into a fresh folder; the first build's is kept
	keptBuild(t, files, out, keep) // into the first build's folder
	again, err := os.Stat(filepath.Join(out, "stories", "a", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(unchanged, again) || !again.ModTime().Equal(unchanged.ModTime()) {
		t.Error("an unchanged page was written anew; want the kept file left alone")
	}
	showsEdit(t, out, "stories/b/index.html", "A new body.")
}

// What is in the kept folder is the tool's to overwrite, but a link there
// is replaced, never written through, and a file where a folder goes (or a
// folder where a file goes) gives way.
func TestKeptFolderWithLinksAndMisplacedEntries(t *testing.T) {
	t.Parallel()
	tmp, out, keep := keptDirs(t)
	files := map[string]string{"content/stories/a.md": story("A", "2025-01-01", "x")}
	outside := filepath.Join(tmp, "outside.txt")
	if err := os.WriteFile(outside, []byte("not yours"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{keep, filepath.Join(keep, "feed.xml")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(keep, "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(keep, "stories"), []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	keptBuild(t, files, out, keep)
	if data, _ := os.ReadFile(outside); string(data) != "not yours" {
		t.Errorf("a build wrote through a link in the kept folder: %q", data)
	}
	sameAsFresh(t, files, out, "the output")
	if info, err := os.Lstat(filepath.Join(out, "index.html")); err != nil || !info.Mode().IsRegular() {
		t.Errorf("index.html is not a regular file: %v, %v", info, err)
	}
}

// A file of the kept folder that is linked from elsewhere (a deploy that
// snapshots the output with cp -al) is replaced, not written over: the
// snapshot keeps its bytes. A kept folder that is the output itself, or
// inside it, is not used.
func TestKeptFolderSparesLinkedFilesAndTheOutput(t *testing.T) {
	t.Parallel()
	tmp, out, keep := keptDirs(t)
	files := map[string]string{"content/stories/a.md": story("A", "2025-01-01", "x")}
	keptBuild(t, files, out, keep)
	keptBuild(t, files, out, keep) // the first build's output is now kept
	snap := filepath.Join(tmp, "snapshot.html")
	if err := os.Link(filepath.Join(keep, "stories", "a", "index.html"), snap); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(snap)
	files["content/stories/a.md"] = md("title: A\ndate: 2025-01-01\ntags: [x]", "Edited after the snapshot.")
	keptBuild(t, files, out, keep)
	if after, _ := os.ReadFile(snap); string(after) != string(before) {
		t.Error("a build wrote into a file linked from outside the kept folder")
	}
	showsEdit(t, out, "stories/a/index.html", "Edited after the snapshot.")

	for _, k := range []string{out, filepath.Join(out, "keep")} {
		files["content/stories/b.md"] = story("B "+k, "2025-01-02", "x")
		keptBuild(t, files, out, k)
		if !hubtest.Exists(out, "stories/b/index.html") || hubtest.Exists(out, "keep") {
			t.Errorf("Keep %s: output is missing a page or holds the kept folder", k)
		}
	}
}

// A build that fails leaves the output as it was, whichever folder it
// wrote into; and a build that finds the kept folder in use by another
// builds in a fresh folder instead.
func TestKeptFolderFailedAndConcurrentBuilds(t *testing.T) {
	t.Parallel()
	tmp, out, keep := keptDirs(t)
	files := map[string]string{"content/stories/a.md": story("A", "2025-01-01", "x")}
	keptBuild(t, files, out, keep)
	keptBuild(t, files, out, keep)
	before := hubtest.Snapshot(t, out)

	bad := map[string]string{"content/stories/a.md": md("title: A\ndate: never", "x"), "content/stories/b.md": story("B", "2025-01-02")}
	opts := Options{Site: hubtest.MapFS(bad), Theme: layouts.FS(), Now: testNow, Keep: keep}
	if _, _, err := Build(context.Background(), opts, out, true); err == nil {
		t.Fatal("build succeeded; want an error")
	}
	badLayout := map[string]string{"content/stories/a.md": story("A, edited", "2025-01-01"), "layouts/story.html": `{{define "main"}}{{.Page.NoSuchField}}{{end}}`}
	opts.Site = hubtest.MapFS(badLayout)
	if _, _, err := Build(context.Background(), opts, out, true); err == nil {
		t.Fatal("build with a broken layout succeeded; want an error")
	}
	if fmt.Sprint(hubtest.Snapshot(t, out)) != fmt.Sprint(before) {
		t.Fatal("a failed build changed the output")
	}

	holder, err := publish.NewStage(filepath.Join(tmp, "other"), keep) // another build holds the kept folder
	if err != nil || !holder.Kept {
		t.Fatalf("cannot take the kept folder: kept %v, err %v", holder != nil && holder.Kept, err)
	}
	defer holder.Abandon()
	files["content/stories/b.md"] = story("B", "2025-01-02", "x")
	keptBuild(t, files, out, keep)
	if !hubtest.Exists(out, "stories/b/index.html") {
		t.Error("a build while the kept folder was in use did not write the new page")
	}
	leftovers, _ := filepath.Glob(filepath.Join(tmp, ".public.building-*"))
	if len(leftovers) > 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
}

package sitefs

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
)

// countingFS counts the Lstats made through it.
type countingFS struct {
	osDirFS
	lstats *atomic.Int64
}

func (c countingFS) Lstat(name string) (fs.FileInfo, error) {
	c.lstats.Add(1)
	return c.osDirFS.Lstat(name)
}

// lookUpSite makes a site with plain files, links to files and folders
// inside it, links out of it, a loop, a pipe and a missing file, each in a
// nested folder, and returns it with the names to look up.
func lookUpSite(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	outside := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"content/a/b", "content/c", "shared"} {
		must(os.MkdirAll(filepath.Join(dir, d), 0o755))
	}
	for _, f := range []string{"content/a/b/1.md", "content/a/b/2.md", "content/a/top.md", "content/c/3.md", "shared/s.md", filepath.Join(outside, "secret.md")} {
		if !filepath.IsAbs(f) {
			f = filepath.Join(dir, f)
		}
		must(os.WriteFile(f, []byte("---\ntitle: x\n---\n"), 0o644))
	}
	must(os.Symlink("../../../shared/s.md", filepath.Join(dir, "content/a/b/in.md")))
	must(os.Symlink(filepath.Join(dir, "shared/s.md"), filepath.Join(dir, "content/a/b/abs.md")))
	must(os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "content/a/b/out.md")))
	must(os.Symlink("loop.md", filepath.Join(dir, "content/a/b/loop.md")))
	must(os.Symlink("../../shared", filepath.Join(dir, "content/linked")))
	must(os.Symlink(outside, filepath.Join(dir, "content/away")))
	must(syscall.Mkfifo(filepath.Join(dir, "content/a/b/pipe.md"), 0o644))
	return dir, []string{"content/a/b/1.md", "content/a/b/2.md", "content/a/top.md", "content/c/3.md",
		"content/a/b/in.md", "content/a/b/abs.md", "content/a/b/out.md", "content/a/b/loop.md", "content/a/b/pipe.md",
		"content/a/b/missing.md", "content/linked/s.md", "content/away/secret.md", "content/a/b", "content/a/b/1.md/x",
		"hub.toml", "../x.md", "content//a.md"}
}

// describe is what LookUp gave, to compare.
func describe(_ fs.FS, p string, info fs.FileInfo, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprintf("%s %s %v", p, info.Name(), info.Mode())
}

// A site whose folders are remembered looks up every name as one that
// resolves each name whole: the same file, the same refusals.
func TestRememberFoldersLooksUpAsResolve(t *testing.T) {
	t.Parallel()
	dir, names := lookUpSite(t)
	plain := Confine(DirFS(dir))
	remembered := RememberFolders(DirFS(dir))
	for range 2 { // the second time from what was remembered
		for _, name := range names {
			want := describe(LookUp(plain, name))
			if got := describe(LookUp(remembered, name)); got != want {
				t.Errorf("%s:\n got %s\nwant %s", name, got, want)
			}
		}
	}
	if _, _, _, err := LookUp(remembered, "content/away/secret.md"); err == nil {
		t.Error("a file reached through a link out of the site was looked up")
	}
}

// Files in one folder cost one Lstat each once the folder is resolved,
// not one for every folder from the site down.
func TestRememberFoldersLstatsOncePerFolder(t *testing.T) {
	t.Parallel()
	dir, _ := lookUpSite(t)
	var n atomic.Int64
	d := DirFS(dir).(Dir)
	counted := FS{fsys: countingFS{d, &n}}
	s := RememberFolders(counted)
	for _, name := range []string{"content/a/b/1.md", "content/a/b/2.md", "content/a/b/1.md", "content/a/b/2.md"} {
		if _, _, _, err := LookUp(s, name); err != nil {
			t.Fatal(err)
		}
	}
	if got := n.Load(); got != 3+4 { // content, a, b, then one per file
		t.Errorf("%d Lstats for four look-ups in one folder, want 7", got)
	}
}

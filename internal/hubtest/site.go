// Package hubtest is the one test helper of every package: it lays out
// sites (from a map of files, a txtar archive or a folder of the
// repository) in folders of the test's own, reads and compares what a
// build wrote as files and as a reader reads it, drives a browser that the
// package's tests share, and says which runs are long (HUB_TEST_LONG).
//
// It imports nothing of hub's own, so that any package's tests can use it,
// generator's internal tests too; each package runs its build its own way
// (generator.Build, the hub command in-process, the built binary).
package hubtest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// MapFS is an in-memory site of files keyed by slash path.
func MapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

// Txtar reads the files of a txtar archive, keyed by their names, and its
// comment: a site written as one text, in a test or in testdata.
func Txtar(data []byte) (files map[string]string, comment string) {
	ar := txtar.Parse(data)
	files = make(map[string]string, len(ar.Files))
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	return files, string(ar.Comment)
}

// WriteSite writes files into a fresh folder of the test's and returns it.
func WriteSite(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	for name, data := range files {
		WriteFile(t, dir, name, data)
	}
	if len(files) == 0 {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// WriteTxtar writes the files of a txtar archive into a fresh folder of
// the test's and returns it: a site that reads as the files it holds.
func WriteTxtar(t testing.TB, archive string) string {
	t.Helper()
	files, _ := Txtar([]byte(archive))
	return WriteSite(t, files)
}

// WriteFile writes data to the slash path rel under dir, making folders.
func WriteFile(t testing.TB, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// CopySite copies the site in from (a fixture under testdata, say) into a
// fresh folder the test may edit and build, and returns it. What a build
// keeps beside a site (.hub) and writes by default (public) stay behind:
// a fixture is read only, and a copy starts as a fresh checkout would.
func CopySite(t testing.TB, from string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() && (rel == ".hub" || rel == "public") {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// CopyTree copies the folder src to dst, passing each file's bytes through
// edit with its slash path relative to src; where edit returns nil the file
// is left out (a copy that stopped part way). A nil edit copies as is.
func CopyTree(t testing.TB, src, dst string, edit func(rel string, data []byte) []byte) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if edit != nil {
			if data = edit(filepath.ToSlash(rel), data); data == nil {
				return nil
			}
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// ReadTree reads every file under dir, keyed by slash path: a fixture
// site on disk as a map a test can edit and pass to MapFS.
func ReadTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// OwnSite copies the hub's own site, its content/, static/ and hub.toml, into a
// fresh folder and returns it: the site a reader of the hub sees, built
// without writing into the repository.
func OwnSite(t testing.TB) string {
	t.Helper()
	root := RepoRoot(t)
	site := filepath.Join(t.TempDir(), "site")
	for _, dir := range []string{"content", "static"} { // static/: the pictures its pages show
		if err := os.CopyFS(filepath.Join(site, dir), os.DirFS(filepath.Join(root, dir))); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(root, "hub.toml"))
	if err != nil {
		t.Fatal(err)
	}
	WriteFile(t, site, "hub.toml", string(data))
	return site
}

// OwnContent is the hub's own site, content/, static/ and hub.toml, in memory: for
// tests that only read it. It holds no layouts/ (the repository's layouts/
// folder is the default theme, not the site's own).
func OwnContent(t testing.TB) fstest.MapFS {
	t.Helper()
	root := RepoRoot(t)
	m := fstest.MapFS{}
	walk := func(dir string, fn fs.WalkDirFunc) error {
		err := fs.WalkDir(os.DirFS(root), dir, fn)
		if dir == "static" && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	for _, dir := range []string{"content", "static"} { // static/: the pictures its pages show
		err := walk(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
			m[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(root, "hub.toml"))
	if err != nil {
		t.Fatal(err)
	}
	m["hub.toml"] = &fstest.MapFile{Data: data}
	return m
}

// MemDir is a fresh folder removed when the test ends, in memory where the
// system has a tmpfs at /dev/shm, else t.TempDir(). For tests that write
// hundreds of outputs: on this project's VMs a folder made on disk took as
// much CPU as rendering the page that went in it.
func MemDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("/dev/shm", "hubtest-")
	if err != nil {
		return t.TempDir()
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// RepoRoot is the folder of the repository's go.mod, found from the test's
// working folder (its package's folder) upwards.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = up
	}
}

// OwnMarkdown returns the markdown files of the hub's own content: what
// the fast paths for front matter and bodies are held to their libraries
// on, with a synthetic hub's (hubtest cannot import internal/synth, whose
// package search imports hubtest in its tests).
func OwnMarkdown(t testing.TB) [][]byte {
	t.Helper()
	var files [][]byte
	for name, f := range OwnContent(t) {
		if strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") {
			files = append(files, f.Data)
		}
	}
	if len(files) < 20 {
		t.Fatalf("read %d markdown files from the hub's content", len(files))
	}
	return files
}

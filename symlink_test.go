//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/hubtest"
)

// symlink makes the link rel in dir, pointing at target.
func symlink(t *testing.T, dir, rel, target string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// checkAndBuild runs hub check and hub build on site and returns their
// exit statuses and stderr, each within 30 s.
func checkAndBuild(t *testing.T, site, out string) (codes [2]int, stderrs [2]string) {
	t.Helper()
	for i, args := range [][]string{
		{"check", "--site", site},
		{"build", "--site", site, "--out", out, "--index", filepath.Join(filepath.Dir(out), "index"), "--quiet"},
	} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			codes[i], _, stderrs[i] = hub(t, args...)
		}()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatalf("hub %s did not finish in 30 s", args[0])
		}
	}
	return codes, stderrs
}

// A site whose files link outside it: every such link is an error at its
// path, from check and build alike, and nothing from outside reaches the
// output; a folder link is reported where it is, not as "is a directory".
func TestSymlinksOutsideTheSiteAreErrors(t *testing.T) {
	t.Parallel()
	outside := hubtest.WriteSite(t, map[string]string{
		"secret.md":      "---\ntitle: Secret\ndate: 2024-01-01\n---\nTHE-SECRET-BODY\n",
		"secret.txt":     "THE-SECRET-TEXT\n",
		"footer.html":    `{{define "footer"}}THE-SECRET-LAYOUT{{end}}`,
		"hub.toml":       "title = \"THE-SECRET-CONFIG\"\n",
		"dir/secret.txt": "THE-SECRET-TEXT\n",
	})
	relOutside := func(from string) string { // a relative link from the site's folder `from`
		rel, err := filepath.Rel(from, outside)
		if err != nil {
			t.Fatal(err)
		}
		return rel
	}
	story := "---\ntitle: A\ndate: 2024-01-01\n---\nA story.\n"
	tests := []struct {
		name  string
		plant func(site string)
		want  []string // in stderr
	}{
		{"static file to /etc/passwd", func(site string) {
			symlink(t, site, "static/passwd.txt", "/etc/passwd")
		}, []string{"static/passwd.txt:1:1: symlink to /etc/passwd leads outside the site"}},
		{"static folder to /etc", func(site string) {
			symlink(t, site, "static/etc", "/etc")
		}, []string{"static/etc:1:1: symlink to /etc leads outside the site"}},
		{"static file climbing out", func(site string) {
			symlink(t, site, "static/notes/secret.txt", filepath.Join(relOutside(filepath.Join(site, "static", "notes")), "secret.txt"))
		}, []string{"static/notes/secret.txt:1:1: symlink to ../../../"}},
		{"static through a folder link that climbs out", func(site string) {
			symlink(t, site, "static/shared", filepath.Join(relOutside(filepath.Join(site, "static")), "dir"))
		}, []string{"static/shared:1:1: symlink to ../../"}},
		{"content file", func(site string) {
			symlink(t, site, "content/stories/secret.md", filepath.Join(relOutside(filepath.Join(site, "content", "stories")), "secret.md"))
		}, []string{"content/stories/secret.md:1:1: symlink to ../../../", "leads outside the site"}},
		{"content folder", func(site string) {
			symlink(t, site, "content/more", outside)
		}, []string{"content/more:1:1: symlink to " + outside + " leads outside the site"}},
		{"layout", func(site string) {
			symlink(t, site, "layouts/partials/footer.html", filepath.Join(outside, "footer.html"))
		}, []string{"layouts/partials/footer.html:1:1: symlink to " + outside}},
		{"hub.toml", func(site string) {
			os.Remove(filepath.Join(site, "hub.toml"))
			symlink(t, site, "hub.toml", filepath.Join(outside, "hub.toml"))
		}, []string{"hub.toml:1:1: symlink to " + outside}},
		{"loop", func(site string) {
			symlink(t, site, "static/loop", ".")
		}, []string{"static/loop:1:1: symlink to . leads back into a folder that holds it"}},
		{"named pipe", func(site string) {
			if err := syscall.Mkfifo(filepath.Join(site, "content", "stories", "pipe.md"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/stories/pipe.md:1:1: is a named pipe, not a regular file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := hubtest.WriteSite(t, map[string]string{
				"hub.toml":             "title = \"Links\"\nnow = \"2026-01-01 09:00\"\n",
				"content/stories/a.md": story,
				"static/humans.txt":    "people\n",
			})
			tt.plant(site)
			out := filepath.Join(t.TempDir(), "public")
			codes, stderrs := checkAndBuild(t, site, out)
			for i, cmd := range []string{"check", "build"} {
				if codes[i] != 1 {
					t.Errorf("hub %s: exit %d, want 1; stderr:\n%s", cmd, codes[i], stderrs[i])
				}
				for _, w := range tt.want {
					if !strings.Contains(stderrs[i], w) {
						t.Errorf("hub %s: stderr does not have %q:\n%s", cmd, w, stderrs[i])
					}
				}
				if strings.Contains(stderrs[i], "is a directory") || strings.Contains(stderrs[i], "hub: ") {
					t.Errorf("hub %s: an error without a place:\n%s", cmd, stderrs[i])
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("hub build wrote %s", out)
			}
		})
	}
}

// Links that stay inside the site are followed, files and folders, and
// publish what they lead to; nothing else is read.
func TestSymlinksInsideTheSiteAreFollowed(t *testing.T) {
	t.Parallel()
	site := hubtest.WriteSite(t, map[string]string{
		"hub.toml":                "title = \"Links\"\nnow = \"2026-01-01 09:00\"\n",
		"content/stories/a.md":    "---\ntitle: A\ndate: 2024-01-01\n---\nA story.\n",
		"shared/b.md":             "---\ntitle: Shared story\ndate: 2024-01-02\n---\nFrom the shared folder.\n",
		"vendor/fonts/font.woff2": "FONT",
		"vendor/fonts/.hidden":    "HIDDEN",
	})
	symlink(t, site, "content/stories/b.md", "../../shared/b.md")
	symlink(t, site, "static/fonts", "../vendor/fonts")
	symlink(t, site, "static/a-copy.md", filepath.Join(site, "content", "stories", "a.md")) // absolute, inside
	out := filepath.Join(t.TempDir(), "public")
	codes, stderrs := checkAndBuild(t, site, out)
	if codes != [2]int{0, 0} {
		t.Fatalf("exit %v:\n%s\n%s", codes, stderrs[0], stderrs[1])
	}
	for file, want := range map[string]string{
		"stories/b/index.html":   "From the shared folder.",
		"fonts/font.woff2":       "FONT",
		"a-copy.md":              "A story.",
		"stories/a/index.html":   "A story.",
		"stories/index.html":     "Shared story",
		"fonts/.hidden":          "",
		"static/fonts/font.woff": "",
	} {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
		switch {
		case want == "" && err == nil:
			t.Errorf("%s was published", file)
		case want != "" && err != nil:
			t.Errorf("%s: %v", file, err)
		case want != "" && !strings.Contains(string(data), want):
			t.Errorf("%s does not show %q", file, want)
		}
	}
}

// hub new writes nothing through a folder linked out of the site.
func TestNewRefusesAFolderLinkedOutside(t *testing.T) {
	t.Parallel()
	site, outside := t.TempDir(), t.TempDir()
	symlink(t, site, "content/events", outside)
	code, _, stderr := hub(t, "new", "event", "Webinar", "--site", site)
	if want := "content/events: symlink to " + outside + " leads outside the site"; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, want 1 and %q:\n%s", code, want, stderr)
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("hub new wrote %s outside the site", entries[0].Name())
	}
}

// hub serve answers only with regular files inside its output folder: a
// link put there (by a deploy script, a copied folder, another process)
// to a file or a folder outside is the site's 404 page, over HTTP as a
// reader meets it; a link that stays inside is served.
func TestServeServesOnlyFilesInsideTheOutput(t *testing.T) {
	t.Parallel()
	site := hubtest.WriteSite(t, map[string]string{
		"hub.toml":             "title = \"Links\"\nnow = \"2026-01-01 09:00\"\n",
		"content/stories/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nA story.\n",
	})
	outside := hubtest.WriteSite(t, map[string]string{"secret.txt": "SECRET outside the output"})
	s := serve(t, site, "--watch=false")
	public := filepath.Join(site, "public")
	if _, err := os.Stat(filepath.Join(public, "index.html")); err != nil {
		t.Fatalf("hub serve --watch=false serves %s: %v", public, err)
	}
	symlink(t, public, "passwd.txt", "/etc/passwd")
	symlink(t, public, "etc", "/etc")
	symlink(t, public, "secret.txt", filepath.Join(outside, "secret.txt"))
	symlink(t, public, "up", "..") // the site folder, beside the output
	symlink(t, public, "stories/same.html", "a/index.html")
	_, _, notFound := s.get(t, "/no-such-page/")
	for _, path := range []string{"/passwd.txt", "/etc/passwd", "/etc/hostname", "/secret.txt", "/up/hub.toml", "/up/content/stories/a.md"} {
		code, _, body := s.get(t, path)
		if code != 404 || body != notFound {
			t.Errorf("GET %s: %d %.80q, want 404 and the site's 404 page", path, code, body)
		}
	}
	if code, _, body := s.get(t, "/stories/same.html"); code != 200 || !strings.Contains(body, "A story.") {
		t.Errorf("GET /stories/same.html (a link inside the output): %d %.80q", code, body)
	}
}

package server

import (
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// contentTypes the standard library may not know on every system.
var contentTypes = map[string]string{
	".ics":  "text/calendar; charset=utf-8",
	".xml":  "application/xml; charset=utf-8",
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".svg":  "image/svg+xml",
	".txt":  "text/plain; charset=utf-8",
	".json": "application/json",
}

// staticFiles serves the built site from dir: index.html for folder URLs,
// no directory listings, the site's 404.html for anything missing, and no
// path outside dir. The folder is opened by name on each request, so a
// rebuild that swaps dir is seen at once.
//
// Only regular files that resolve inside dir are served: the folder is
// opened as an os.Root, which follows a link only while it stays inside,
// so a link in public/ to /etc never serves /etc/passwd; and a pipe or
// device there is a 404, not a request that hangs or never ends.
type staticFiles struct {
	dir string
}

func (h staticFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := cleanPath(r.URL.Path)
	if !ok {
		h.notFound(w, r)
		return
	}
	root, err := os.OpenRoot(h.dir)
	if err != nil {
		h.notFound(w, r)
		return
	}
	defer root.Close()
	info, err := root.Stat(name)
	if err == nil && info.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		info, err = root.Stat(name)
	}
	if err != nil || !info.Mode().IsRegular() {
		h.notFound(w, r)
		return
	}
	h.serveFile(w, r, root.FS(), name, http.StatusOK)
}

func (h staticFiles) serveFile(w http.ResponseWriter, r *http.Request, fsys fs.FS, name string, status int) {
	f, err := fsys.Open(name)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() { // changed since it was looked at
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if ct, ok := contentTypes[path.Ext(name)]; ok {
		w.Header().Set("Content-Type", ct)
	}
	if strings.HasPrefix(name, "assets/") {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable") // file names carry a content hash
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	if status != http.StatusOK { // the 404 page: no ranges or conditional answers
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			_, _ = io.Copy(w, f)
		}
		return
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		http.Error(w, "cannot read file", http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, name, info.ModTime(), rs)
}

func (h staticFiles) notFound(w http.ResponseWriter, r *http.Request) {
	if root, err := os.OpenRoot(h.dir); err == nil {
		defer root.Close()
		if info, err := root.Stat("404.html"); err == nil && info.Mode().IsRegular() {
			h.serveFile(w, r, root.FS(), "404.html", http.StatusNotFound)
			return
		}
	}
	// No site yet (the first build failed): an HTML page, so the preview
	// can show the build's errors over it.
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusNotFound)
	_, _ = io.WriteString(w, notBuiltPage)
}

const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
	`<meta name="viewport" content="width=device-width, initial-scale=1"><title>Not built yet</title></head>` +
	`<body><main><h1>This page is not built</h1><p>Either it does not exist, or the site has not built yet: ` +
	`the terminal running <code>hub serve</code> lists any errors.</p></main></body></html>`

// cleanPath turns a URL path into a name inside the site folder, refusing
// anything that could step outside it or name a hidden file.
func cleanPath(p string) (string, bool) {
	if strings.ContainsAny(p, "\x00\\") {
		return "", false
	}
	clean := strings.TrimPrefix(path.Clean("/"+p), "/")
	if clean == "" {
		return ".", true
	}
	for _, part := range strings.Split(clean, "/") {
		if part == ".." || strings.HasPrefix(part, ".") {
			return "", false
		}
	}
	if !fs.ValidPath(clean) || filepath.IsAbs(clean) {
		return "", false
	}
	return clean, true
}

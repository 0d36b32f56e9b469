package generator

import (
	"github.com/ideas-hub/hub/generator/sitefs"

	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/internal/slug"
)

// TypeNames lists the content types `hub new` accepts in the site in
// siteDir: the built-in ones and those its hub.toml adds. A site whose
// hub.toml cannot be read (there is none, or it has mistakes NewContent
// will report) gets the built-in ones.
func TypeNames(siteDir string) []string {
	cfg, err := LoadConfig(sitefs.DirFS(siteDir))
	if err != nil {
		return content.Builtin().Names()
	}
	return cfg.Types.Names()
}

// NewContent writes a new content file for typ under siteDir and returns its
// path relative to the site. Required keys the editor must fill in hold
// placeholders that `hub check` reports until they are replaced. It never
// overwrites a file.
func NewContent(siteDir, typ, title string, now time.Time) (string, error) {
	cfg, err := LoadConfig(sitefs.DirFS(siteDir))
	if err != nil {
		return "", err
	}
	t, ok := cfg.Types.Lookup(typ)
	if !ok {
		return "", fmt.Errorf("unknown type %q: use one of %s", typ, cfg.Types.NameList())
	}
	title = strings.TrimSpace(title)
	name := slug.Make(title)
	if name == "" {
		return "", fmt.Errorf("cannot make a file name from the title %q: give a title with letters or digits", title)
	}
	rel := filepath.ToSlash(filepath.Join(ContentDir, name+".md"))
	if t.Folder != "" {
		rel = ContentDir + "/" + t.Folder + "/" + name + ".md"
	}
	full := filepath.Join(siteDir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return "", err
	}
	if err := sitefs.InsideSite(siteDir, path.Dir(rel)); err != nil {
		return "", err // a folder linked out of the site: write nothing there
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("%s already exists: choose another title or edit that file", rel)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(scaffold(t, title, now)); err != nil {
		f.Close()
		return "", err
	}
	return rel, f.Close()
}

func scaffold(t *content.Type, title string, now time.Time) string {
	var b strings.Builder
	inAMonth := now.AddDate(0, 1, 0).Format("2006-01-02")
	example := strings.NewReplacer("{date}", inAMonth, "{year}", now.Format("2006"))
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", strconv.Quote(title))
	if !t.Scheduled() || t.Requires("date") { // an event is dated by its start
		fmt.Fprintf(&b, "date: %s\n", now.Format("2006-01-02"))
	}
	for _, k := range t.Keys {
		if k.Ask {
			fmt.Fprintf(&b, "%s: %s\n", k.Name, strconv.Quote(content.PlaceholderPrefix+": "+example.Replace(k.Example)))
		}
	}
	for _, k := range t.Keys {
		if !k.Ask && k.Example != "" {
			fmt.Fprintf(&b, "# %s: %s\n", k.Name, example.Replace(k.Example))
		}
	}
	summary := "one or two sentences for lists, feeds and search results"
	if t.Requires("summary") { // a site's type may ask for one
		fmt.Fprintf(&b, "summary: %s\n", strconv.Quote(content.PlaceholderPrefix+": "+summary))
	} else {
		fmt.Fprintf(&b, "# summary: %s\n", summary)
	}
	b.WriteString("tags: []\nauthors: []\ndraft: true\n---\n\n")
	b.WriteString("Write here. Link to other pieces by their files, e.g. `[a story](../stories/file-name.md)`.\n")
	return b.String()
}

package generator

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ideas-hub/hub/internal/slug"
)

// Types lists the content types `hub new` accepts.
var Types = []string{TypeCaseStudy, TypeReportReview, TypeEvent, TypeStory, TypePage}

// NewContent writes a new content file for typ under siteDir and returns its
// path relative to the site. Required keys the editor must fill in hold
// placeholders that `hub check` reports until they are replaced. It never
// overwrites a file.
func NewContent(siteDir, typ, title string, now time.Time) (string, error) {
	if !slices.Contains(Types, typ) {
		return "", fmt.Errorf("unknown type %q: use one of %s", typ, strings.Join(Types, ", "))
	}
	title = strings.TrimSpace(title)
	name := slug.Make(title)
	if name == "" {
		return "", fmt.Errorf("cannot make a file name from the title %q: give a title with letters or digits", title)
	}
	rel := filepath.ToSlash(filepath.Join(ContentDir, name+".md"))
	if sec, ok := sectionOf(typ); ok {
		rel = ContentDir + "/" + sec.Dir + "/" + name + ".md"
	}
	full := filepath.Join(siteDir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return "", err
	}
	if err := insideSite(siteDir, path.Dir(rel)); err != nil {
		return "", err // a folder linked out of the site: write nothing there
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("%s already exists: choose another title or edit that file", rel)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(scaffold(typ, title, now)); err != nil {
		f.Close()
		return "", err
	}
	return rel, f.Close()
}

func scaffold(typ, title string, now time.Time) string {
	var b strings.Builder
	required := func(key, what string) {
		fmt.Fprintf(&b, "%s: %s\n", key, strconv.Quote(placeholderPrefix+": "+what))
	}
	optional := func(key, example string) { fmt.Fprintf(&b, "# %s: %s\n", key, example) }
	today := now.Format("2006-01-02")
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", strconv.Quote(title))
	switch typ {
	case TypeEvent:
		required("start", "when it starts, e.g. "+now.AddDate(0, 1, 0).Format("2006-01-02")+" 14:00")
		required("location", "where it happens (for an online event, delete this line and write online: true)")
		optional("end", now.AddDate(0, 1, 0).Format("2006-01-02")+" 16:00")
		optional("registration_url", "https://…")
		optional("organiser", "who runs it")
		optional("featured", "[organisations taking part]")
	case TypeReportReview:
		fmt.Fprintf(&b, "date: %s\n", today)
		required("report_title", "the title of the report")
		required("report_author", "who wrote the report")
		optional("report_publisher", "who published it")
		optional("report_year", now.Format("2006"))
		optional("report_url", "https://… where to read it")
	case TypeCaseStudy:
		fmt.Fprintf(&b, "date: %s\n", today)
		optional("organisation", "who did it")
		optional("place", "town or area")
		optional("region", "e.g. Wales")
		optional("website", "https://…")
		optional("outcomes", "[what changed, in a few words each]")
	default:
		fmt.Fprintf(&b, "date: %s\n", today)
	}
	optional("summary", "one or two sentences for lists, feeds and search results")
	b.WriteString("tags: []\nauthors: []\ndraft: true\n---\n\n")
	b.WriteString("Write here. Link to other pieces by their files, e.g. `[a story](../stories/file-name.md)`.\n")
	return b.String()
}

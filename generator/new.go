package generator

import (
	"errors"
	"fmt"
	"os"
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
	line := func(key, value string) { fmt.Fprintf(&b, "%s: %s\n", key, value) }
	todo := func(what string) string { return strconv.Quote(placeholderPrefix + ": " + what) }
	b.WriteString("---\n")
	line("title", strconv.Quote(title))
	today := now.Format("2006-01-02")
	switch typ {
	case TypeEvent:
		line("start", todo("when it starts, e.g. "+now.AddDate(0, 1, 0).Format("2006-01-02")+" 14:00"))
		line("end", todo("when it ends, or delete this line"))
		line("location", todo("where it happens; or delete this line and write online: true"))
		line("registration_url", todo("https://… where people sign up, or delete this line"))
		line("organiser", todo("who runs it"))
		b.WriteString("featured: []\n")
	case TypeReportReview:
		line("date", today)
		line("report_title", todo("the title of the report"))
		line("report_author", todo("who wrote the report"))
		line("report_publisher", todo("who published it, or delete this line"))
		line("report_url", todo("https://… where to read it, or delete this line"))
	case TypeCaseStudy:
		line("date", today)
		line("organisation", todo("who did it"))
		line("place", todo("town or area"))
		line("region", todo("e.g. Wales, North East England"))
		b.WriteString("outcomes: []\n")
	default:
		line("date", today)
	}
	line("summary", todo("one or two sentences for lists and search results"))
	b.WriteString("tags: []\nauthors: []\ndraft: true\n---\n\n")
	b.WriteString("Write here. Link to other pieces by their files, e.g. [a story](../stories/some-story.md).\n")
	return b.String()
}

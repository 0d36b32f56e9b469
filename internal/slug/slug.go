// Package slug turns titles, file names and tag spellings into URL slugs.
//
// One function is shared by the generator (tag pages, page URLs) and the search
// index (the tag filter), so that "Co-production", "co-production" and
// " co-production " always meet at the same slug.
package slug

import (
	"strings"

	gslug "github.com/gosimple/slug"
)

// Make returns the URL slug of s: lower case, ASCII (accents transliterated),
// words joined by single hyphens. It returns "" when s has no letters or digits.
func Make(s string) string {
	return gslug.MakeLang(strings.TrimSpace(s), "en")
}

// Tag returns the slug of a tag spelling. Tags are compared by slug only.
func Tag(s string) string { return Make(s) }

// Package formats writes the machine-readable outputs of a site: Atom
// feeds, iCalendar files, the sitemap, robots.txt and JSON-LD.
//
// It works over plain values and knows nothing of pages, sites or content
// types, so each format can be read and tested on its own, and a new
// content type or taxonomy reaches these outputs by filling the same
// values. The generator converts its pages into them.
//
// Every address in a value is either a Path, relative to the site's root
// ("/events/x/"), which the writer makes absolute with the site's base
// URL, or a URL, written as it is given.
package formats

import "strings"

// abs makes path, relative to the site's root, absolute under base, the
// site's address ending in "/".
func abs(base, path string) string {
	return base + strings.TrimPrefix(path, "/")
}

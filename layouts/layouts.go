// Package layouts is hub's default theme: the html/template files, partials,
// assets, static files and message files (i18n/) a site without its own
// layouts/ is built with.
// It is embedded into the binary and used as the lowest layer under a
// site's own layouts, as Hugo embeds its default templates.
package layouts

import (
	"embed"
	"io/fs"
)

//go:embed *.html assets i18n partials static
var files embed.FS

// FS is the default theme with layouts/ as its root.
func FS() fs.FS { return files }

package generator

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ideas-hub/hub/generator/content"
)

// Build loads the site and writes it to outDir; see Load and Site.Render.
func Build(ctx context.Context, opts Options, outDir string, minify bool) (*Site, Stats, error) {
	site, err := Load(ctx, opts)
	if err != nil {
		return nil, Stats{}, err
	}
	st, err := site.Render(ctx, outDir, minify)
	return site, st, err
}

// Summary is the one line `hub build` ends with.
func (st Stats) Summary(took time.Duration) string {
	var parts []string
	types := st.types
	if types == nil { // a Stats not made by a build
		types = content.Builtin()
	}
	for _, sec := range types.All() {
		if n := st.ByType[sec.Name]; n > 0 {
			name := strings.ToLower(sec.Plural)
			if n == 1 {
				name = strings.ToLower(sec.Singular)
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, name))
		}
	}
	return fmt.Sprintf("built %d pages (%s), %d tags, %d files in %s",
		st.Pages, strings.Join(parts, ", "), st.Tags, st.Files, took.Round(time.Millisecond))
}

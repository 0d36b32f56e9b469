package generator

import (
	"context"
	"fmt"
	"strings"
	"time"
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
	for _, sec := range append(Sections, Section{Type: TypePage, Name: "pages", Singular: "page"}) {
		if n := st.ByType[sec.Type]; n > 0 {
			name := strings.ToLower(sec.Name)
			if n == 1 {
				name = strings.ToLower(sec.Singular)
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, name))
		}
	}
	return fmt.Sprintf("built %d pages (%s), %d tags, %d files in %s",
		st.Pages, strings.Join(parts, ", "), st.Tags, st.Files, took.Round(time.Millisecond))
}

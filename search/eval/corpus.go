package eval

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"time"

	"github.com/ideas-hub/hub/generator"
	"github.com/ideas-hub/hub/generator/imageproc"
	"github.com/ideas-hub/hub/generator/sitefs"
	"github.com/ideas-hub/hub/internal/sitesearch"
	"github.com/ideas-hub/hub/layouts"
	"github.com/ideas-hub/hub/search"
	bleveengine "github.com/ideas-hub/hub/search/bleve"
)

// clock is the build clock of every corpus, so that what is published does
// not depend on the day the evaluation runs.
var clock = time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)

// Corpus is a site built into an index, answering through the endpoint.
type Corpus struct {
	Name    string
	Handler http.Handler
	URLs    map[string]string // every page's URL -> its title
	index   *bleveengine.Index
}

// Close closes the corpus's index.
func (c *Corpus) Close() error { return c.index.Close() }

// BuildCorpus loads the site in siteDir as hub build does (every page,
// future ones too, with the clock fixed) and indexes its pages into
// indexDir with the site's search schema.
func BuildCorpus(ctx context.Context, name, siteDir, indexDir string) (*Corpus, error) {
	// Pictures are read as hub check reads them, decoded and measured
	// without making their variants: no ranking reads a variant, and
	// making them took nearly all of the evaluation's CPU (6 s of 7).
	site, err := generator.Load(ctx, generator.Options{
		Site: sitefs.DirFS(siteDir), Theme: layouts.FS(), Now: clock, Future: true,
		Images: &imageproc.Store{Settings: imageproc.DefaultSettings(), ReadOnly: true},
	})
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", name, err)
	}
	docs := sitesearch.Documents(site)
	dir := filepath.Join(indexDir, name)
	if err := bleveengine.Build(ctx, dir, "eval-"+name, sitesearch.Schema(&site.Config), docs); err != nil {
		return nil, fmt.Errorf("corpus %s: %w", name, err)
	}
	ix, err := bleveengine.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", name, err)
	}
	c := &Corpus{Name: name, index: ix, URLs: map[string]string{}}
	for _, d := range docs {
		c.URLs[d.URL] = d.Title
	}
	c.Handler = search.NewHandler(search.NewHolder(ix), search.HandlerOptions{CacheEntries: -1, Timeout: 10 * time.Second})
	return c, nil
}

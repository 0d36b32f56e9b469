package bleveengine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/ideas-hub/hub/search"
)

// Index is an open search index, a search.Engine. It is safe for concurrent
// use; Close waits for searches in progress.
type Index struct {
	bi      bleve.Index
	buildID string
	schema  search.Schema
	// termFields maps the field of each taxonomy but tags to its name.
	termFields map[string]string
	cols       *columns
	vocab      *vocabulary
	thesaurus  *thesaurus // hub's and the site's synonyms

	mu     sync.RWMutex // held shared by searches, exclusively by Close
	closed bool
}

// Open opens the index Build wrote into dir, read-only, so that several
// processes (hub serve, hub search) can have it open at once. An error
// wraps fs.ErrNotExist when there is no index in dir.
func Open(dir string) (*Index, error) {
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no search index in %s: %w", dir, fs.ErrNotExist)
		}
		return nil, fmt.Errorf("search index: %w", err)
	}
	bi, err := bleve.OpenUsing(dir, map[string]any{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("search index %s: %w", dir, err)
	}
	id, err := bi.GetInternal([]byte(internalBuildID))
	if err != nil || len(id) == 0 {
		bi.Close()
		return nil, fmt.Errorf("search index %s: no build id: the index is incomplete or not hub's", dir)
	}
	ix := &Index{bi: bi, buildID: string(id)}
	ix.schema, err = readSchema(bi)
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("search index %s: %w", dir, err)
	}
	ix.thesaurus = newThesaurus(ix.schema.Synonyms)
	ix.termFields = map[string]string{}
	for _, t := range ix.schema.Extra() {
		ix.termFields[termsField(t.Name)] = t.Name
	}
	r, err := ix.reader()
	if err == nil {
		ix.cols, err = loadColumns(r, ix.schema)
		if err == nil {
			ix.vocab, err = loadVocabulary(r)
		}
		err = errors.Join(err, r.Close())
	}
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("search index %s: %w", dir, err)
	}
	return ix, nil
}

// reader returns a reader of the index; the caller closes it.
func (ix *Index) reader() (index.IndexReader, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// BuildID returns the id Build recorded in the index.
func (ix *Index) BuildID() string { return ix.buildID }

// Schema returns the schema Build recorded in the index.
func (ix *Index) Schema() search.Schema {
	// A copy: the columns index into these lists.
	syn := search.Synonyms{Replace: ix.schema.Synonyms.Replace}
	for _, g := range ix.schema.Synonyms.Groups {
		syn.Groups = append(syn.Groups, slices.Clone(g))
	}
	return search.Schema{Types: slices.Clone(ix.schema.Types), Taxonomies: slices.Clone(ix.schema.Taxonomies), Synonyms: syn}
}

// DocCount returns the number of pages in the index.
func (ix *Index) DocCount() (uint64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return 0, search.ErrClosed
	}
	return uint64(len(ix.cols.ids)), nil
}

// Close closes the index once the searches in progress are done.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	return ix.bi.Close()
}

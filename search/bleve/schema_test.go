package bleveengine

import (
	"context"
	"net/http"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/search"
)

// toolkitSchema is the default schema with a site-defined type.
func toolkitSchema() search.Schema {
	s := search.DefaultSchema()
	s.Types = append(s.Types, "toolkit")
	return s
}

// The index keeps the schema it was built with, so that the endpoint (and
// hub search --index) know the site's types without the site.
func TestSchemaIsKeptInTheIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	docs := append(fixtureDocs(), search.Document{URL: "/toolkits/repair/", Title: "Repair cafe toolkit", Type: "toolkit", Body: "How to run a repair cafe."})
	if err := Build(context.Background(), dir, "t1", toolkitSchema(), docs); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if got := ix.Schema(); !reflect.DeepEqual(got, toolkitSchema()) {
		t.Errorf("schema read back %+v, want %+v", got, toolkitSchema())
	}

	srv := httptestServer(t, search.NewHandler(search.NewHolder(ix), search.HandlerOptions{}))
	r := searchOK(t, srv.URL, "q=repair&type=toolkit")
	if strings.Join(urls(r), " ") != "/toolkits/repair/" || facet(r.Facets.Type)["toolkit"] != 1 {
		t.Errorf("type=toolkit: %v, facets %v", urls(r), r.Facets.Type)
	}
	// The fixture index, of the default schema, has no toolkits to ask for.
	def := fixtureServer(t, search.HandlerOptions{})
	res, body := hubtest.Request(t, http.MethodGet, def.URL+search.SearchPath+"?q=repair&type=toolkit", nil)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `unknown type \"toolkit\"`) {
		t.Errorf("type=toolkit on a default index: %d %s", res.StatusCode, body)
	}
}

// A page of a type the schema does not have is refused at build time.
func TestBuildRefusesTypesOutsideTheSchema(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	docs := []search.Document{{URL: "/toolkits/repair/", Title: "Repair", Type: "toolkit"}}
	err := Build(context.Background(), dir, "t1", search.DefaultSchema(), docs)
	if err == nil || !strings.Contains(err.Error(), `unknown type "toolkit"`) {
		t.Errorf("Build: %v", err)
	}
}

// An index built before hub recorded schemas was built for the default
// types and tags, the only taxonomy then: its documents have no other terms.
func TestIndexWithoutSchemaHasTheDefault(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if err := Build(context.Background(), dir, "old", toolkitSchema(), fixtureDocs()); err != nil {
		t.Fatal(err)
	}
	bi, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	b := bi.NewBatch()
	b.DeleteInternal([]byte(internalSchema))
	if err := batchPersisted(context.Background(), bi, b); err != nil {
		t.Fatal(err)
	}
	if err := bi.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got := ix.Schema(); !reflect.DeepEqual(got, tagsSchema()) {
		t.Errorf("schema %+v, want the default types and tags, all such an index has", got)
	}
}

func TestBuildRefusesABadSchema(t *testing.T) {
	bad := search.DefaultSchema()
	bad.Taxonomies = append(bad.Taxonomies, search.Taxonomy{Name: "areas", Param: "page"})
	err := Build(context.Background(), filepath.Join(t.TempDir(), "index"), "x", bad, fixtureDocs())
	if err == nil || !strings.Contains(err.Error(), `param "page" is taken`) {
		t.Errorf("Build: %v", err)
	}
}

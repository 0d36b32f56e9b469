package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"testing"
)

// TestDefaultPGOProfilesTheBuild checks default.pgo, the profile go build
// optimises the binary with (bench/pgo.sh writes it): a gzipped pprof
// profile whose samples are in the build's own hot paths. A missing,
// corrupt or foreign profile builds without complaint and only runs
// slower, so nothing else would notice.
func TestDefaultPGOProfilesTheBuild(t *testing.T) {
	f, err := os.Open("default.pgo")
	if err != nil {
		t.Fatalf("%v: write it with bench/pgo.sh", err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("default.pgo is not a gzipped pprof profile: %v", err)
	}
	raw, err := io.ReadAll(z)
	if err != nil {
		t.Fatalf("default.pgo: %v", err)
	}
	// The profile's string table names every sampled function.
	for _, fn := range []string{
		"github.com/ideas-hub/hub/generator/publish.(*Output).Write",
		"github.com/ideas-hub/hub/generator.renderBody",
		"github.com/ideas-hub/hub/search/bleve.indexWorker",
		"github.com/ideas-hub/hub/generator/imageproc.(*Cards).AppendPNG",
	} {
		if !bytes.Contains(raw, []byte(fn)) {
			t.Errorf("default.pgo has no samples in %s: take it again with bench/pgo.sh", fn)
		}
	}
}

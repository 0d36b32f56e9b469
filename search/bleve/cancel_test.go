package bleveengine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/synth"
	"github.com/ideas-hub/hub/search"
)

// TestBuildStreamStopsSoonAfterCancel: a cancelled build returns at once,
// without waiting for bleve to finish the batch it is converting, and
// leaves no work folder behind for long: the abandoned writer's folder is
// removed when it stops, or by the next build.
func TestBuildStreamStopsSoonAfterCancel(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "search.bleve")
	g := synth.NewDocGen(26)
	long := g.Text(8000) // a long page: a batch of them takes bleve seconds
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	docs := make(chan search.Document)
	returned := make(chan error, 1)
	go func() {
		returned <- buildStream(ctx, dir, buildMeta{id: "b1", schema: search.DefaultSchema()}, docs, nil, tuning{batchSize: 200, workers: 1})
	}()
	for i := range 200 { // one full batch: the last page sends it to bleve
		d := g.Doc(i)
		d.Body = long
		docs <- d
	}
	time.Sleep(50 * time.Millisecond) // into its conversion
	cancel()
	cancelled := time.Now()
	select {
	case err := <-returned:
		t.Logf("returned %v after the cancel", time.Since(cancelled).Round(time.Millisecond))
		if err == nil {
			t.Error("a cancelled build succeeded")
		}
	case <-time.After(500 * time.Millisecond):
		t.Fatal("the build went on for over half a second after it was cancelled")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a cancelled build put an index in place: %v", err)
	}
	workFolders := func() (names []string) {
		entries, _ := os.ReadDir(parent)
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	for _, n := range workFolders() {
		if !strings.HasSuffix(n, abandonedSuffix) {
			t.Errorf("%s left behind not marked as abandoned", n)
		}
	}
	deadline := time.Now().Add(time.Minute) // a bound on a hung writer
	for len(workFolders()) > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if left := workFolders(); len(left) > 0 {
		t.Errorf("the abandoned writer's folder stayed: %v", left)
	}

	// A process that exits before its writer stops leaves the folder: the
	// next build removes it.
	left := filepath.Join(parent, ".search.bleve.build-123"+abandonedSuffix)
	if err := os.MkdirAll(filepath.Join(left, "index"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Build(context.Background(), dir, "b2", search.DefaultSchema(), fixtureDocs()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("the next build left %s: %v", left, err)
	}
}

package bleveengine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ideas-hub/hub/search"
)

// Build writes a complete new index of docs into dir. It builds into a fresh
// sibling folder and swaps it in only when complete, so a failure (or a
// cancelled ctx) leaves the old index in dir intact. buildID and schema are
// recorded in the index: the endpoint derives its ETags from the one and
// checks requests against the other. Every document must be of one of the
// schema's types.
func Build(ctx context.Context, dir, buildID string, schema search.Schema, docs []search.Document) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the feeder below if BuildStream fails early
	ch := make(chan search.Document, 64)
	go func() {
		defer close(ch)
		for _, d := range docs {
			select {
			case ch <- d:
			case <-ctx.Done():
				return
			}
		}
	}()
	return BuildStream(ctx, dir, buildID, schema, ch, nil)
}

// BuildStream is Build for documents that arrive while pages are still being
// rendered. It reads docs until the channel is closed, finishes the index
// (its last segments, their merge, the whole of it on disk), then waits
// until ready is closed to swap it in; a nil ready swaps it in at once. It
// stops as soon as it fails or ctx is done, so the sender must select on
// ctx.Done() (errgroup.WithContext arranges that) and must close docs when
// it has sent everything.
//
// The two signals are apart so that the index's last work overlaps what
// the caller still does after its last document: hub build sends every
// page during the load, and the final merge used to start only once the
// site was staged, 0.3-0.5 s at 10,000 pages with a core idle.
func BuildStream(ctx context.Context, dir, buildID string, schema search.Schema, docs <-chan search.Document, ready <-chan struct{}) error {
	return buildStream(ctx, dir, buildMeta{id: buildID, schema: schema}, docs, ready, defaultTuning())
}

func buildStream(ctx context.Context, dir string, meta buildMeta, docs <-chan search.Document, ready <-chan struct{}, tune tuning) error {
	if err := meta.schema.Check(); err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeAbandoned(parent, filepath.Base(dir))
	// The work folder is a sibling so the final rename stays on one file system.
	work, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".build-*")
	if err != nil {
		return err
	}
	fresh := filepath.Join(work, "index")
	written := make(chan error, 1)
	go func() { written <- writeIndex(ctx, fresh, meta, docs, tune) }()
	select {
	case err = <-written:
	case <-ctx.Done():
		select {
		case <-written: // stopped in time: clean up now
			os.RemoveAll(work)
		case <-time.After(abandonAfter):
			abandon(work, written)
		}
		return ctx.Err()
	}
	defer os.RemoveAll(work)
	if err != nil {
		return err
	}
	if tune.written != nil {
		tune.written()
	}
	if ready != nil {
		select {
		case <-ready:
		case <-ctx.Done():
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return swapIn(fresh, dir, work)
}

// abandonedSuffix marks the work folder of a cancelled build.
const abandonedSuffix = ".abandoned"

// abandonAfter is how long a cancelled build waits for its writer to stop
// before it abandons it: most stop well within it.
const abandonAfter = 200 * time.Millisecond

// abandon gives up a cancelled build without waiting for its writer: bleve
// looks at nothing until it has turned the batch in hand into a segment
// and finished the merge under way, which took up to a second on a busy
// machine, and a stopped build must exit sooner (SIGINT, SIGTERM). The
// folder is renamed first, so that what a process that exits meanwhile
// leaves is plainly garbage, which the next build removes. The writer may
// still create its folder again under the old name (bleve makes it when
// it opens the index), so both go once it stops.
func abandon(work string, written <-chan error) {
	trash := work + abandonedSuffix
	if os.Rename(work, trash) != nil {
		trash = work
	}
	go func() {
		<-written
		os.RemoveAll(trash)
		os.RemoveAll(work)
	}()
}

// removeAbandoned removes the work folders cancelled builds of the index
// base left in parent.
func removeAbandoned(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, "."+base+".build-") && strings.HasSuffix(n, abandonedSuffix) {
			os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

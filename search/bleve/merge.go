package bleveengine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// mergeWidth is how many segments of one size a build merges into one of
// the next size: batches of 500 pages become segments of 5,000, then of
// 50,000.
//
// Each worker's batch becomes a segment, and bleve merges segments in the
// background while the build goes on. Its default plan rounds every segment
// under 2,000 pages up to 2,000 and keeps at most one such segment per
// 2,000 pages, so it merged the batches of a 10,000-page build as they came
// and then merged the merged segments again: it wrote 100 MB of segments
// for a 45 MB index, a fifth of the index's CPU time, and still left 5 to
// 9 segments, as many as were merged when the build closed the index and
// dropped the merge under way. Merging mergeWidth segments of one size at a
// time writes each page once per tier (once up to 50,000 pages); tidyUp
// then merges what the tiers leave over.
const mergeWidth = 10

// buildMergePlan is the plan bleve's merger follows while a build writes
// batches of batchSize documents.
func buildMergePlan(batchSize int) mergeplan.MergePlanOptions {
	o := mergeplan.DefaultMergePlanOptions
	o.FloorSegmentSize = int64(batchSize)
	o.SegmentsPerMergeTask = mergeWidth
	o.MaxSegmentsPerTier = mergeWidth
	o.TierGrowth = mergeWidth
	return o
}

// tidyPlan merges every segment under a tier's size (fewer than mergeWidth
// batches) into one.
func tidyPlan(batchSize int) mergeplan.MergePlanOptions {
	tier := int64(mergeWidth * batchSize)
	o := mergeplan.DefaultMergePlanOptions
	// Only segments under half of MaxSegmentSize take part, and all of them
	// go into one: a budget of one segment (a floor above any index), in
	// one task.
	o.MaxSegmentSize = 2 * tier
	o.FloorSegmentSize = 1 << 40
	o.MaxSegmentsPerTier = 1
	o.TierGrowth = 1
	o.SegmentsPerMergeTask = 1 << 20
	return o
}

// planConfig is o as scorch's "scorchMergePlanOptions" takes it, through
// JSON, which has no room for o's functions (none is set).
func planConfig(o mergeplan.MergePlanOptions) map[string]any {
	return map[string]any{
		"MaxSegmentsPerTier":   o.MaxSegmentsPerTier,
		"MaxSegmentSize":       o.MaxSegmentSize,
		"MaxSegmentFileSize":   o.MaxSegmentFileSize,
		"TierGrowth":           o.TierGrowth,
		"SegmentsPerMergeTask": o.SegmentsPerMergeTask,
		"FloorSegmentSize":     o.FloorSegmentSize,
		"FloorSegmentFileSize": o.FloorSegmentFileSize,
		"ReclaimDeletesWeight": o.ReclaimDeletesWeight,
	}
}

// tidyUp merges the segments of the finished index smaller than one tier
// (the batches after the last merge, and each worker's last, part-filled
// one) into one (tidyPlan), after waiting for the merge under way, so that
// a query meets at most mergeWidth-1 segments of each tier and one small
// one. Every segment must be on disk: the merger only merges those. It
// costs at most a tier's worth of pages, and usually much less (at 10,000
// pages, the workers' two last batches).
//
// bleve's merger retries a failed merge without end, and its ForceMerge
// waits for the merger without regard to ctx, so tidyUp watches bleve's
// count of background errors and gives up at the first new one (a full
// disk, say); closing the index then ends the wait.
func tidyUp(ctx context.Context, ix bleve.Index, batchSize int) error {
	adv, err := ix.Advanced()
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	m, ok := adv.(interface {
		ForceMerge(context.Context, *mergeplan.MergePlanOptions) error
	})
	if !ok {
		return nil // not scorch: nothing to tidy
	}
	errs := asyncErrors(ix)
	mctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		o := tidyPlan(batchSize)
		done <- m.ForceMerge(mctx, &o)
	}()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			if err != nil {
				return fmt.Errorf("search index: merge: %w", err)
			}
			return ctx.Err()
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
			if asyncErrors(ix) > errs {
				return errors.New("search index: merging the index's segments failed (is the disk full?)")
			}
		}
	}
}

// asyncErrors is how many errors bleve's background work (persisting,
// merging) has met in ix.
func asyncErrors(ix bleve.Index) uint64 { return statUint(ix.StatsMap(), "TotOnErrors") }

// statUint reads a counter from bleve's statistics of an index.
func statUint(st map[string]any, name string) uint64 {
	if idx, ok := st["index"].(map[string]any); ok {
		st = idx
	}
	n, _ := st[name].(uint64)
	return n
}

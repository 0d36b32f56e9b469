package bleveengine

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/numeric"

	"github.com/ideas-hub/hub/internal/slug"
	"github.com/ideas-hub/hub/internal/synth"
	"github.com/ideas-hub/hub/search"
)

// The index keeps one term per dated page in the date field, the civil time
// columns read back: the coarser precisions bleve's date field adds were a
// sixth of a build's allocations, for range queries hub never runs. Dates,
// filters and sorts by date still come out as before (the contract tests).
func TestDateFieldHasOneTermPerDate(t *testing.T) {
	ix := fixtureIndex(t)
	dates := map[int64]bool{}
	for _, d := range fixtureDocs() {
		if !d.Date.IsZero() {
			dates[civilTime(d.Date).UnixNano()] = true
		}
	}
	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	terms := map[int64]bool{}
	if err := visitTerms(r, fieldDate, func(term string, _ uint64) {
		pc := numeric.PrefixCoded(term)
		shift, err := pc.Shift()
		v, err2 := pc.Int64()
		if err != nil || err2 != nil || shift != 0 {
			t.Errorf("date term %x: shift %d (%v, %v), want one full-precision term per date", term, shift, err, err2)
			return
		}
		terms[v] = true
	}); err != nil {
		t.Fatal(err)
	}
	if len(terms) != len(dates) {
		t.Errorf("%d date terms, want %d (one per distinct date)", len(terms), len(dates))
	}
	for v := range dates {
		if !terms[v] {
			t.Errorf("no date term for %d", v)
		}
	}
}

// A spelling that is a slug already is its own slug: tagSlugs takes it as
// it is rather than running slug.Tag's regular expressions over it, and
// agrees with slug.Tag on every spelling.
func TestTagSlugsTakesSlugsAsTheyAre(t *testing.T) {
	spellings := []string{
		"co-production", "wales", "mental-health", "a1", "2024", "x-1-y",
		"Co-production", " co-production ", "co--production", "-wales", "wales-",
		"time_banking", "café", "Men's Sheds", "a&b", "---", "", "carers-uk-",
		"über-hub", "ONE", "one two",
	}
	for _, s := range spellings {
		if isSlug(s) && slug.Tag(s) != s {
			t.Errorf("isSlug(%q), but its slug is %q", s, slug.Tag(s))
		}
		got := tagSlugs([]string{s})
		if want := slug.Tag(s); want == "" && len(got) != 0 || want != "" && (len(got) != 1 || got[0] != want) {
			t.Errorf("tagSlugs(%q) = %q, want %q", s, got, want)
		}
	}
	slugs := []string{"co-production", "wales", "mental-health", "carers"}
	if n := testing.AllocsPerRun(100, func() { tagSlugs(slugs) }); n > 1 {
		t.Errorf("tagSlugs of slugs: %v allocations, want only its result", n)
	}
}

// The merge plan of a build writes each page about once per tier
// (mergeWidth batches to a tier) and leaves few segments once tidyUp has
// merged the small ones. bleve's own plan, which a build followed before,
// wrote 1.8 times the pages of a 10,000-page build and left 5 segments.
// Merges are played out here as scorch plans them, one segment at a time,
// each merge done before the next batch comes.
func TestMergePlanWritesEachPageOncePerTier(t *testing.T) {
	const batch = 500
	for _, c := range []struct {
		pages       int
		maxWritten  float64 // pages written by merges, per page
		maxSegments int
	}{
		{1000, 1, 1},
		{3000, 1, 1},
		{10000, 1.1, 3},
		{14000, 1.3, 3},
		{100000, 2.1, 2 * mergeWidth},
	} {
		written, segments := playMerges(t, c.pages, batch, buildMergePlan(batch), tidyPlan(batch))
		if per := float64(written) / float64(c.pages); per > c.maxWritten || segments > c.maxSegments {
			t.Errorf("%d pages: merges wrote %.2f times the pages, leaving %d segments; want at most %.1f and %d",
				c.pages, per, segments, c.maxWritten, c.maxSegments)
		}
	}
}

// playMerges feeds segments of batch pages to the merge planner one at a
// time, merging what it plans at once, then tidies up, and returns the
// pages the merges wrote and the segments left.
func playMerges(t *testing.T, pages, batch int, plan, tidy mergeplan.MergePlanOptions) (written int64, segments int) {
	var segs []mergeplan.Segment
	var id uint64
	merge := func(o *mergeplan.MergePlanOptions) {
		p, err := mergeplan.Plan(segs, o)
		if err != nil {
			t.Fatal(err)
		}
		if p == nil {
			return
		}
		for _, task := range p.Tasks {
			var size int64
			for _, s := range task.Segments {
				size += s.LiveSize()
				segs = slices.DeleteFunc(segs, func(x mergeplan.Segment) bool { return x == s })
			}
			id++
			segs = append(segs, &planSegment{id, size})
			written += size
		}
	}
	for left := pages; left > 0; left -= batch {
		id++
		segs = append(segs, &planSegment{id, int64(min(batch, left))})
		merge(&plan)
	}
	merge(&tidy)
	return written, len(segs)
}

type planSegment struct {
	id   uint64
	size int64
}

func (s *planSegment) Id() uint64          { return s.id }
func (s *planSegment) FullSize() int64     { return s.size }
func (s *planSegment) LiveSize() int64     { return s.size }
func (s *planSegment) HasVector() bool     { return false }
func (s *planSegment) FileSize() int64     { return s.size << 12 }
func (s *planSegment) LiveFileSize() int64 { return s.size << 12 }

// A build leaves every page in the index and at most a tier's worth of
// segments, whatever the timing of the merges, which scorch runs beside
// the workers.
func TestBuildLeavesFewSegments(t *testing.T) {
	docs := synth.Documents(1000)
	dir := filepath.Join(t.TempDir(), "index")
	ch := make(chan search.Document)
	go func() {
		defer close(ch)
		for _, d := range docs {
			ch <- d
		}
	}()
	tune := tuning{batchSize: 50, workers: 2}
	if err := buildStream(t.Context(), dir, buildMeta{id: "merge", schema: search.DefaultSchema()}, ch, nil, tune); err != nil {
		t.Fatal(err)
	}
	if n := segmentFiles(dir); n > mergeWidth {
		t.Errorf("%d segments, want at most %d", n, mergeWidth)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, err := ix.DocCount(); err != nil || n != uint64(len(docs)) {
		t.Errorf("%d pages (%v), want %d", n, err, len(docs))
	}
}

// awaitCleanup holds the index open until the segment files merges
// replaced are gone: bleve deletes them after the persisted callback.
func TestAwaitCleanupWaitsForReplacedSegments(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if err := Build(t.Context(), dir, "one", search.DefaultSchema(), fixtureDocs()); err != nil {
		t.Fatal(err)
	}
	ix, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	replaced := filepath.Join(dir, "store", "00000000ffff.zap")
	if err := os.WriteFile(replaced, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		os.Remove(replaced)
	}()
	awaitCleanup(t.Context(), ix, dir)
	if _, err := os.Stat(replaced); err == nil {
		t.Error("returned while a replaced segment file was still there")
	}
}

// The workers' last batches, part filled, are merged into one segment: a
// small hub's index is one segment.
func TestSmallBuildIsOneSegment(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if err := Build(t.Context(), dir, "small", search.DefaultSchema(), fixtureDocs()); err != nil {
		t.Fatal(err)
	}
	if n := segmentFiles(dir); n != 1 {
		t.Errorf("%d segments, want 1", n)
	}
}

// A keyword field fills its docMaker's map for its name and position each
// time bleve asks (twice per page) rather than making one: fresh maps were
// a ninth of what indexing allocated in a 10,000-page build.
func TestKeywordFieldsAllocateNoMap(t *testing.T) {
	dm := newDocMaker(termsSchema())
	d := termDocs()[0]
	doc := dm.make(&d)
	n := 0
	for _, f := range doc.Fields {
		if kf, ok := f.(*keywordField); ok && kf.opts.IsIndexed() {
			n++
			if a := testing.AllocsPerRun(10, func() { kf.AnalyzedTokenFrequencies() }); a != 0 {
				t.Errorf("%s%v: %v allocations", kf.name, kf.pos, a)
			}
		}
	}
	if n < 4 {
		t.Fatalf("only %d keyword fields", n)
	}
}

// bleve retries a failed merge without end, and waits for its merger
// without regard to the context, so a merge that cannot be written (a full
// disk) must fail the build rather than hang it, and leave the previous
// index in place.
func TestBuildFailsWhenTheLastMergeCannotBeWritten(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if err := Build(t.Context(), dir, "old", search.DefaultSchema(), fixtureDocs()); err != nil {
		t.Fatal(err)
	}
	docs := synth.Documents(130)
	ch := make(chan search.Document)
	go func() {
		defer close(ch)
		for _, d := range docs {
			ch <- d
		}
	}()
	tune := tuning{batchSize: 50, workers: 2, beforeTidy: func(path string) {
		// Files can no longer be made in the segments' folder (root may
		// write anywhere, but not into a folder that is gone).
		store := filepath.Join(path, "store")
		if err := os.Rename(store, store+".gone"); err != nil {
			t.Error(err)
		}
	}}
	done := make(chan error, 1)
	go func() {
		done <- buildStream(t.Context(), dir, buildMeta{id: "new", schema: search.DefaultSchema()}, ch, nil, tune)
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("the build succeeded without its segments' folder")
		}
		t.Log(err)
	case <-time.After(20 * time.Second):
		t.Fatal("the build hung on a merge that cannot be written")
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.BuildID() != "old" {
		t.Errorf("build id %q, want the old index's", ix.BuildID())
	}
}

package publish

import (
	"bytes"
	"context"
	"sync"

	"github.com/ideas-hub/hub/internal/pool"
)

// Job is one output file.
type Job struct {
	Rel    string // path under the output folder
	Media  string // for the minifier; "" leaves the bytes as they are
	Key    uint64 // hash of the job's inputs; equal keys give equal bytes
	Render func(*bytes.Buffer) error
	Buf    *bytes.Buffer // when not nil, render into it (kept from build to build)
	// Done, when set, is called once the file is written or has failed:
	// what Render left for the writing (a fragment to splice) may go.
	Done func()
}

// Manifest maps each output file to the key it was last rendered with.
type Manifest map[string]uint64

// Run renders and writes jobs on every core, each core with a buffer of
// its own for the jobs that bring none.
func (o *Output) Run(ctx context.Context, jobs []Job) error {
	var bufs sync.Pool
	return pool.Each(ctx, len(jobs), false, func(i int) error {
		j := jobs[i]
		buf := j.Buf
		if buf == nil {
			buf, _ = bufs.Get().(*bytes.Buffer)
			if buf == nil {
				buf = new(bytes.Buffer)
			}
			defer bufs.Put(buf)
		}
		buf.Reset()
		if j.Done != nil {
			defer j.Done()
		}
		if err := j.Render(buf); err != nil {
			return err
		}
		return o.Write(j.Rel, j.Media, buf.Bytes())
	})
}

package generator

import (
	"bytes"
	"strings"
	"testing"
)

// BenchmarkLayouts1000 runs only the HTML layouts of a loaded 1,000-page
// hub, one file after another on one core, with nothing minified or
// written: the cost of executing templates (cards included, rendered once
// per iteration as in a build), apart from the rest of a build.
func BenchmarkLayouts1000(b *testing.B) {
	s := benchLoad(b, 1000)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		r, err := s.plan(nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for _, j := range r.queue {
			if j.Media != "text/html" || strings.HasPrefix(j.Rel, "search/") {
				continue
			}
			buf.Reset()
			if err := j.Render(&buf); err != nil {
				b.Fatal(err)
			}
		}
	}
}

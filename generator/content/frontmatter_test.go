package content

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/ideas-hub/hub/generator/diag"
	"github.com/ideas-hub/hub/internal/hubtest"

	"github.com/adrg/frontmatter"
)

// The one format ParseSource gives frontmatter.Parse decodes each kind of
// front matter as its seven default formats did: the same values, body
// and errors.
func TestFMFormatIsTheDefaultOne(t *testing.T) {
	t.Parallel()
	files := []string{
		"---\ntitle: A\ntags: [x, y]\n---\nBody.\n",
		"  \n---  \ntitle: A\n  ---\nBody.\n",
		"---\ntitle: [unclosed\n---\nBody.\n",
		"---\ntitle: A\ntitle: B\n---\n",
		"---\ntitle: A\n",
		"+++\ntitle = \"A\"\ndate = 2026-01-02\n+++\nBody.\n",
		"+++\ntitle = \n+++\n",
		"{\n  \"title\": \"A\",\n  \"tags\": [\"x\"]\n}\n\nBody.\n",
		"{\n  \"title\": \"A\"\n}\nno blank line\n}\n\nBody.\n",
		"{\n  \"title\": \"A\",\n}\n\nBody.\n",
	}
	for _, f := range files {
		first, _, _ := firstNonBlankLine([]byte(f))
		format := map[string]byte{"---": 'y', "+++": 't', "{": 'j'}[string(bytes.TrimSpace([]byte(first)))]
		var got, want map[string]any
		gotBody, gotErr := frontmatter.Parse(bytes.NewReader([]byte(f)), &got, fmFormat(format))
		wantBody, wantErr := frontmatter.Parse(bytes.NewReader([]byte(f)), &want)
		if fmt.Sprint(got, string(gotBody), gotErr) != fmt.Sprint(want, string(wantBody), wantErr) {
			t.Errorf("%q:\n got %v %q %v\nwant %v %q %v", f, got, gotBody, gotErr, want, wantBody, wantErr)
		}
	}
}

// Parsing a small file's front matter, keys and all, allocates less than
// frontmatter.Parse alone allocates with a reader of its own: it makes a
// 4 KB buffer for each, which at 10,000 files was 40 MB for the collector
// to clear.
func TestParseSourceReusesItsReader(t *testing.T) {
	if hubtest.RaceDetector() {
		t.Skip("the race detector makes sync.Pool drop readers at random")
	}
	data := []byte("---\ntitle: A\ntags: [a, b]\n---\nBody.\n")
	var dl diag.List
	ParseSource(data, &dl) // fill the pool
	bytesPer := func(f func()) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		const n = 100
		for range n {
			f()
		}
		runtime.ReadMemStats(&after)
		return (after.TotalAlloc - before.TotalAlloc) / n
	}
	ours := bytesPer(func() {
		if _, ok := ParseSource(data, &dl); !ok {
			t.Fatal(dl.Items)
		}
	})
	alone := bytesPer(func() {
		var m map[string]any
		if _, err := frontmatter.Parse(bytes.NewReader(data), &m, fmFormat('y')); err != nil {
			t.Fatal(err)
		}
	})
	if ours >= alone {
		t.Errorf("ParseSource allocated %d bytes for a small file, frontmatter.Parse alone %d", ours, alone)
	}
}

package content

import (
	"bytes"
	"fmt"
	"testing"

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

package content

import (
	"bytes"
	"reflect"
	"testing"

	"gopkg.in/yaml.v2"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/internal/synth"
)

// sameAsYAML decodes text by the fast path and by yaml.v2 and reports
// whether the fast path took it; where it did, the maps must be equal.
func sameAsYAML(t *testing.T, text string) (fast bool) {
	t.Helper()
	got := map[string]any{}
	if !fastYAML([]byte(text), got) {
		if len(got) != 0 {
			t.Errorf("the fast path gave up on %q yet decoded %v", text, got)
		}
		return false
	}
	want := map[string]any{}
	if err := yaml.Unmarshal([]byte(text), &want); err != nil {
		t.Errorf("yaml.v2 failed on %q (%v), yet the fast path decoded %#v", text, err, got)
	} else if !reflect.DeepEqual(got, want) {
		t.Errorf("decoding %q:\nfast path %#v\nyaml.v2   %#v", text, got, want)
	}
	return true
}

func TestFastYAMLDecodesAsYAMLDoes(t *testing.T) {
	cases := []struct {
		text string
		fast bool
	}{
		{"title: \"A night bus\"\ndate: 2025-01-28\n", true},
		{"title: A plain title, with a comma\nplace: Lambeth, London\n", true},
		{"tags: [mental health, \"system stewardship\", men's sheds]\n", true},
		{"tags: []\nauthors:\n  - Tom Okafor\n  - \"Zara Begum\"\nregion: England\n", true},
		{"outcomes:\n- one\n- two\n\nplace: Keswick\n", true},
		{"empty:\nnext: x\n", true},
		{"empty:\n", true},
		{"start: 2026-02-09T18:00:00Z\nend: 2026-02-09 21:30\nat: 2026-02-09T18:00+01:00\nwhen: 2020-13-45\n", true},
		{"title: \"\"\n", true},
		{"title: Ōtautahi and Ngāi Tahu\n", true},
		{"website: \"https://www.blackthrive.org.uk/\"\n", true},
		{"title: don't stop\nimage: /img/trusted-adult.png\n", true},
		{"\n\ntitle: x   \n\n", true},
		{"weight: 3\nyear: 2018\nlow: -12\nzero: 0\ndraft: true\nonline: false\ntags: [1, true, x]\n", true},
		// Left to yaml.v2: other numbers and booleans, nulls, comments,
		// escapes, quotes of the other kind, anchors, block scalars,
		// nesting.
		{"weight: 3.5\n", false},
		{"weight: +3\n", false},
		{"weight: 010\n", false},
		{"weight: 1_000\n", false},
		{"weight: 0x1F\n", false},
		{"weight: 12345678901234567890\n", false},
		{"weight: -\n", false},
		{"draft: True\n", false},
		{"draft: yes\n", false},
		{"tags: [yes, no]\n", false},
		{"summary: ~\n", false},
		{"title: x # a comment\n", false},
		{"# a comment\ntitle: x\n", false},
		{"title: \"a \\\"quoted\\\" word\"\n", false},
		{"title: 'single'\n", false},
		{"title: &a x\nalso: *a\n", false},
		{"summary: |\n  a block\n", false},
		{"title: a long\n  title on two lines\n", false},
		{"image:\n  src: x.jpg\n", false},
		{"title: x\ntitle: y\n", false},
		{"title: a: b\n", false},
		{"title: ends with:\n", false},
		{"tags: [a, [b]]\n", false},
		{"tags: [a,\n  b]\n", false},
		{"tags: [a, ]\n", false},
		{"tags: [a:b]\n", false},
		{"title:\tx\n", false},
		{"on: x\n", false},
		{"2020: x\n", false},
		{"\"title\": x\n", false},
		{"title: \u2028x\n", false},
		{"title: x\u0085y\n", false},
		{"title: 1:20\n", false},
		{"list:\n  - a\n - b\n", false},
		{"list:\n  - a\n  -\n", false},
		{"list:\n  - a: b\n", false},
		{"title: x\n- stray\n", false},
	}
	for _, c := range cases {
		if fast := sameAsYAML(t, c.text); fast != c.fast {
			t.Errorf("fast path took %q: %v, want %v", c.text, fast, c.fast)
		}
	}
}

// yamlOf returns the YAML between a file's --- lines, or "".
func yamlOf(data []byte) string {
	text, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return ""
	}
	end := bytes.Index(text, []byte("\n---"))
	if end < 0 {
		return ""
	}
	return string(text[:end+1])
}

// TestFastYAMLOnRealFrontMatter holds the fast path to yaml.v2 on every
// file of the hub's own content and of a synthetic hub, and checks that
// it took nearly all of them.
func TestFastYAMLOnRealFrontMatter(t *testing.T) {
	files := hubtest.OwnMarkdown(t)
	own := len(files)
	files = append(files, synth.Markdown(synth.Options{Pages: 300, Seed: 7})...)
	var texts []string
	for _, data := range files {
		if y := yamlOf(data); y != "" {
			texts = append(texts, y)
		}
	}
	fast := 0
	for _, y := range texts {
		if sameAsYAML(t, y) {
			fast++
		}
	}
	t.Logf("the fast path took %d of %d front matters (%d of the hub's own)", fast, len(texts), own)
	if fast < len(texts)*95/100 {
		t.Errorf("the fast path took only %d of %d", fast, len(texts))
	}
}

// TestParseSourceDecodesYAMLFrontMatter checks that front matter the fast
// path takes (the title, the tags) and leaves (a YAML number in the same
// file: no, it takes whole numbers now) comes out as yaml.v2 gives it.
func TestParseSourceDecodesYAMLFrontMatter(t *testing.T) {
	src, ok := ParseSource([]byte("---\ntitle: \"A bus\"\ntags: [a, b]\nweight: 3\n---\nBody\n"), nil)
	if !ok {
		t.Fatal("not parsed")
	}
	want := map[string]any{"title": "A bus", "tags": []any{"a", "b"}, "weight": 3}
	if !reflect.DeepEqual(src.Meta, want) {
		t.Errorf("meta %#v, want %#v", src.Meta, want)
	}
}

// FuzzFastYAML holds the fast path to yaml.v2: wherever it does not give
// up, the maps are the same.
func FuzzFastYAML(f *testing.F) {
	for _, s := range []string{
		"title: \"A night bus\"\ndate: 2025-01-28\ntags: [a, \"b c\"]\n",
		"authors:\n  - Tom Okafor\n  - \"Zara Begum\"\nregion: England\n",
		"start: 2026-02-09T18:00:00Z\nempty:\nplace: Lambeth, London\n",
		"title: don't: stop # no\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameAsYAML(t, s)
	})
}

// BenchmarkFrontMatterYAML compares the fast path with yaml.v2 on the
// front matter of a 300-page synthetic hub:
// go test -bench FrontMatterYAML ./generator/content/
func BenchmarkFrontMatterYAML(b *testing.B) {
	var texts [][]byte
	for _, data := range synth.Markdown(synth.Options{Pages: 300, Seed: 7}) {
		if y := yamlOf(data); y != "" {
			texts = append(texts, []byte(y))
		}
	}
	for _, bc := range []struct {
		name      string
		unmarshal func([]byte, any) error
	}{{"fast", unmarshalYAML}, {"yaml.v2", yaml.Unmarshal}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				for _, y := range texts {
					m := map[string]any{}
					if err := bc.unmarshal(y, &m); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(texts)), "µs/file")
		})
	}
}

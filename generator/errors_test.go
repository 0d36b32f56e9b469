package generator

import (
	"strings"
	"testing"
)

// Each error the contract names must come out as path:line:col: message.
func TestContentErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		want  []string // each is "path:line:col: message-fragment"
	}{
		{
			name: "missing required key",
			files: map[string]string{"content/report-reviews/r.md": md(`
title: A review
date: 2025-01-02
report_author: Someone`, "Body.")},
			want: []string{"content/report-reviews/r.md:1:1: missing required key `report_title`"},
		},
		{
			name:  "missing title",
			files: map[string]string{"content/stories/s.md": md(`date: 2025-01-02`, "Body.")},
			want:  []string{"content/stories/s.md:1:1: missing required key `title`"},
		},
		{
			name: "title with no value",
			files: map[string]string{"content/stories/s.md": md(`
title:
date: 2025-01-02`, "Body.")},
			want: []string{"content/stories/s.md:2:1: `title` is empty"},
		},
		{
			name: "unparseable date",
			files: map[string]string{"content/stories/s.md": md(`
title: A story
date: 14/04/2025`, "Body.")},
			want: []string{"content/stories/s.md:3:1: `date`: \"14/04/2025\" is not a date"},
		},
		{
			name: "misspelt keys suggest the known key",
			files: map[string]string{"content/case-studies/c.md": md(`
title: A case
date: 2025-01-02
organization: Somebody
reigon: Wales
tag: [one]`, "Body.")},
			want: []string{
				"content/case-studies/c.md:4:1: unknown key `organization`: did you mean `organisation`?",
				"content/case-studies/c.md:5:1: unknown key `reigon`: did you mean `region`?",
				"content/case-studies/c.md:6:1: unknown key `tag`: did you mean `tags`?",
			},
		},
		{
			name: "event without place",
			files: map[string]string{"content/events/e.md": md(`
title: An event
start: 2027-01-02 10:00`, "Body.")},
			want: []string{"content/events/e.md:1:1: an event needs `location` (where it happens) or `online: true`"},
		},
		{
			name: "event end before start",
			files: map[string]string{"content/events/e.md": md(`
title: An event
online: true
start: 2027-01-02 10:00
end: 2027-01-02 09:00`, "Body.")},
			want: []string{"content/events/e.md:5:1: `end` (2027-01-02 09:00) is before `start` (2027-01-02 10:00)"},
		},
		{
			name: "two files, one URL",
			files: map[string]string{
				"content/stories/a.md": md("title: A\ndate: 2025-01-01\nslug: same", "A."),
				"content/stories/b.md": md("title: B\ndate: 2025-01-01\nslug: same", "B."),
			},
			want: []string{"content/stories/b.md:1:1: content/stories/a.md and content/stories/b.md both resolve to the URL /stories/same/"},
		},
		{
			name:  "link to a missing content file, at its line and column",
			files: map[string]string{"content/stories/s.md": md("title: S\ndate: 2025-01-01", "First paragraph.\n\nSee  [the bus](../case-studies/nope.md) for more.\n")},
			want:  []string{"content/stories/s.md:7:6: link to ../case-studies/nope.md, but there is no content file content/case-studies/nope.md"},
		},
		{
			name:  "no front matter",
			files: map[string]string{"content/stories/s.md": "Just text.\n"},
			want:  []string{"content/stories/s.md:1:1: no front matter"},
		},
		{
			name:  "front matter never closed",
			files: map[string]string{"content/stories/s.md": "---\ntitle: S\ndate: 2025-01-01\n\nBody.\n"},
			want:  []string{"content/stories/s.md:1:1: front matter is never closed"},
		},
		{
			name:  "YAML syntax error at its line",
			files: map[string]string{"content/stories/s.md": "---\ntitle: S\ndate: 2025-01-01\ntags: [a, b\n---\nBody.\n"},
			want:  []string{"content/stories/s.md:4:1: front matter: did not find expected ',' or ']'"},
		},
		{
			name:  "JSON syntax error at its line and column",
			files: map[string]string{"content/stories/s.md": "{\n\"title\": \"S\",\n\"date\": 2025-01-01\n}\n\nB\n"},
			want:  []string{"content/stories/s.md:3:13: front matter: invalid character '-'"},
		},
		{
			name:  "TOML front matter errors point at the key",
			files: map[string]string{"content/stories/s.md": "+++\ntitle = \"S\"\ndate = \"not a date\"\n+++\nBody.\n"},
			want:  []string{"content/stories/s.md:3:1: `date`: \"not a date\" is not a date"},
		},
		{
			name:  "JSON front matter errors point at the key",
			files: map[string]string{"content/stories/s.md": "{\n  \"title\": \"S\",\n  \"date\": \"2025-01-01\",\n  \"organization\": \"x\"\n}\n\nBody.\n"},
			want:  []string{"content/stories/s.md:4:3: unknown key `organization`: did you mean `organisation`?"},
		},
		{
			name: "image without alt text",
			files: map[string]string{"content/stories/s.md": md(`
title: S
date: 2025-01-01
image: /img/a.jpg`, "Body.")},
			want: []string{"content/stories/s.md:4:1: `image` needs `image_alt`"},
		},
		{
			name: "placeholders left by hub new",
			files: map[string]string{"content/report-reviews/r.md": md(`
title: R
date: 2025-01-01
report_title: "TODO: the title of the report"
report_author: Someone`, "Body.")},
			want: []string{"content/report-reviews/r.md:4:1: `report_title` still holds the placeholder"},
		},
		{
			name: "wrong value types",
			files: map[string]string{"content/events/e.md": md(`
title: E
start: 2027-01-01
online: yes please
registration_url: example.org/register`, "Body.")},
			want: []string{
				"content/events/e.md:4:1: `online` must be true or false",
				"content/events/e.md:5:1: `registration_url` must be a full web address",
			},
		},
		{
			name: "unknown time zone",
			files: map[string]string{"content/events/e.md": md(`
title: E
start: 2027-01-01 10:00
timezone: Europe/Cardiff
online: true`, "Body.")},
			want: []string{"content/events/e.md:4:1: `timezone` \"Europe/Cardiff\" is not a known time zone"},
		},
		{
			name: "a slug that is not URL-safe",
			files: map[string]string{"content/stories/s.md": md(`
title: S
date: 2025-01-01
slug: Our Story`, "Body.")},
			want: []string{"content/stories/s.md:4:1: `slug` \"Our Story\" may hold only lower-case letters"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := buildErr(t, tt.files)
			got := ds.Error()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("errors do not contain %q; got:\n%s", w, got)
				}
			}
		})
	}
}

// Every problem in every file is reported in one run, in file order.
func TestAllErrorsInOneRun(t *testing.T) {
	t.Parallel()
	ds := buildErr(t, map[string]string{
		"content/stories/a.md":      md("title: A\ndate: nope", "A."),
		"content/stories/b.md":      md("title: B", "B."),
		"content/case-studies/c.md": md("title: C\ndate: 2025-01-01\norganization: x", "C [x](missing.md)."),
		"content/stories/ok.md":     md("title: OK\ndate: 2025-01-01", "Fine."),
	})
	if len(ds) != 4 {
		t.Fatalf("got %d diagnostics, want 4:\n%v", len(ds), ds)
	}
	var paths []string
	for _, d := range ds {
		paths = append(paths, d.Path)
	}
	want := "content/case-studies/c.md content/case-studies/c.md content/stories/a.md content/stories/b.md"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("paths = %s, want %s", got, want)
	}
}

// Regressions found by fuzzing and reading the front matter scanner.
func TestFrontMatterEdgeCases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file string
		want       []string // "" means the file must build
	}{
		{"nested JSON keys are not top-level keys",
			"{\n\"title\": \"x\", \"date\": \"2024-01-02\",\n\"params\": {\"organization\": \"y\"}\n}\n\nBody.\n", nil},
		{"escaped quotes in JSON keys are read whole",
			"{\n\"title\": \"x\",\n\"date\": \"2024-01-02\",\n\"ti\\\"tle\": 1\n}\n\nBody.\n",
			[]string{"content/stories/s.md:4:1: unknown key `ti\"tle`: did you mean `title`?"}},
		{"TOML multi-line strings hold no keys",
			"+++\ntitle = \"x\"\ndate = 2024-01-02\nsummary = \"\"\"\nSome text\norganization = not a key\n\"\"\"\n+++\nBody.\n", nil},
		{"yaml.v2 type errors each on their own line",
			"---\ntitle: x\ndate: 2024-01-02\n? [a, b]\n: c\n---\n",
			[]string{"content/stories/s.md:4:1: front matter: "}},
		{"lone CRs count as line breaks",
			"---\rtitle: x\rdate: nope\r---\rBody.\r",
			[]string{"content/stories/s.md:3:1: `date`: \"nope\" is not a date"}},
		{"YAML booleans in a text key",
			"---\ntitle: No\ndate: 2024-01-02\n---\n",
			[]string{"content/stories/s.md:2:1: `title` was read as false, not as text: put the value in quotes"}},
		{"duplicate keys",
			"---\ntitle: x\ndate: 2024-01-02\ndate: 2024-05-05\n---\n",
			[]string{"content/stories/s.md:4:1: `date` is given twice (first on line 3): keep one"}},
		{"a time the clocks skip",
			"---\ntitle: x\ndate: 2026-03-29 01:30\n---\n",
			[]string{"content/stories/s.md:3:1: `date`: 2026-03-29 01:30 does not exist in Europe/London"}},
		{"JSON numbers in messages",
			"{\n\"title\": \"x\",\n\"date\": 20240102\n}\n\n",
			[]string{"content/stories/s.md:3:1: `date`: 20240102 is not a date"}},
		{"many blank lines before the front matter",
			strings.Repeat("\n", 70) + "---\ntitle: x\ndate: 2024-01-02\n---\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"hub.toml": `timezone = "Europe/London"`, "content/stories/s.md": tt.file}
			if tt.want == nil {
				build(t, files)
				return
			}
			got := buildErr(t, files).Error()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("errors do not contain %q:\n%s", w, got)
				}
			}
			if strings.Contains(got, "\n  ") {
				t.Errorf("a message spans lines:\n%s", got)
			}
		})
	}
}

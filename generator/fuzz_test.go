package generator

import (
	"github.com/ideas-hub/hub/generator/content"
	"github.com/ideas-hub/hub/generator/diag"

	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/adrg/frontmatter"
)

// fuzzTypes are the types a content file can have, with the keys that must
// be present when the front matter of that type validates without errors.
var fuzzTypes = []struct {
	typ      string
	required []string
}{
	{content.CaseStudy, []string{"title", "date"}},
	{content.ReportReview, []string{"title", "date", "report_title", "report_author"}},
	{content.Event, []string{"title", "start"}},
	{content.Story, []string{"title", "date"}},
	{content.Plain, []string{"title"}},
}

// fuzzSeeds are inputs the hub's own content does not cover: the other
// front matter formats and the ways editors and tools get them wrong.
var fuzzSeeds = []string{
	"",
	"---",
	"---\n---\n",
	"\n\n  \n---\ntitle: Blank lines first\ndate: 2024-01-02\n---\nbody",
	"---\ntitle: x\ndate: 2024-01-02\n",                                  // never closed
	"---\ntitle: x\n--- \nbody\n",                                        // closer with a trailing space
	"\ufeff---\ntitle: BOM\ndate: 2024-01-02\n---\nbody\n",               // byte order mark
	"---\r\ntitle: CRLF\r\ndate: 2024-01-02\r\n---\r\nbody\r\n",          // Windows line endings
	"---\ntitle: x\n\tdate: 2024-01-02\n---\n",                           // a tab in YAML indentation
	"---\ntitle:\tTabbed value\ndate:\t2024-01-02\n---\n",                // tabs after the colon
	"---\ntitle: \"unterminated\ndate: 2024-01-02\n---\n",                // bad YAML
	"---\ntitle: x\ntitle: y\ndate: 2024-01-02\n---\n",                   // a duplicate key
	"---\n1: one\ntrue: yes\n~: nothing\n? [a, b]\n: c\ntitle: x\n---\n", // non-string keys
	"---\ntitle: {a: {b: [c, {d: e}]}}\ntags: [[a], {b: c}]\nauthors: 7\n---\n",
	"---\na: &a [x, *a]\ntitle: *a\n---\n", // anchors and aliases
	"---\ntitle: x\ndate: 2024-13-45\nupdated: yesterday\n---\n",
	"---\ntitle: x\ndate: 2024-01-02T10:00:00Z\nupdated: 2024-01-02 10:00\n---\n",
	"---\ntitle: Clocks change\nstart: 2026-03-29 01:30\nend: 2026-03-29 00:30\nonline: \"yes\"\ntimezone: Mars/Olympus\n---\n",
	"---\ntitle: Event\nstart: 2026-10-25 01:30\nlocation: Hall\nregistration_url: javascript:alert(1)\nfeatured: {a: b}\n---\n",
	"---\ntitle: TODO title\ndate: TODO\nreport_title: TODO\nreport_author: \"  \"\nreport_year: MMXI\n---\n",
	"---\norganization: x\nreigon: y\ntag: [a]\nTitle: x\nREPORT-TITLE: y\n---\n",
	"---\ntitle: x\nslug: Not A Slug!\nimage: a.png\ndraft: maybe\naliases: /old/\n---\n",
	"---\ntitle: " + strings.Repeat("long ", 4000) + "\ndate: 2024-01-02\n---\n" + strings.Repeat("x", 1<<14), // huge lines
	"+++\ntitle = \"TOML\"\ndate = 2024-01-02\ntags = [\"a\", \"b\"]\n+++\nbody\n",
	"+++\ntitle = 'TOML'\nstart = 2026-03-29T01:30:00\nonline = true\n[extra]\ndate = 2024-01-02\n[[extra.list]]\nx = 1\n+++\n",
	"+++\ntitle = \"x\"\ndate = 2024-01-02T10:00:00+01:00\nreport_year = 2011.5\n+++\n",
	"+++\ntitle = \"unclosed\n+++\n",
	"+++\ntitle = \"x\"\n",
	"+++\n  title   =   \"indented\"\n\"quoted key\" = 1\nnested.key = 2\n+++\n",
	"{\n\"title\": \"JSON\", \"date\": \"2024-01-02\", \"tags\": [\"a\"]\n}\n\nbody\n",
	"{\n\"title\": \"JSON\"\n}\nbody straight after the brace\n",
	"{\n\"title\": {\"a\": [1, 2, {\"b\": null}]}, \"start\": 20240102, \"online\": 1\n}\n\n",
	"{\n\"title\": \"x\",\n\"date\": \"2024-01-02\",\n}\n\n", // trailing comma
	"{\n\"ti\\\"tle\": \"escaped\", \"\": \"empty key\"\n}\n\n",
	"{\n",
	"---yaml\ntitle: another opener\n---\n",
	";;;\n{\"title\": \"x\"}\n;;;\n",
}

// FuzzParseSource feeds arbitrary files to the front matter parser and to
// validation as every type. Neither may panic; every problem must have a
// message and a position; and a file that validates must have its type's
// required keys.
func FuzzParseSource(f *testing.F) {
	eachContentFile(f, func(data []byte) { f.Add(data) })
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		dl := &diag.List{Path: "content/fuzz.md"}
		src, ok := content.ParseSource(data, dl)
		checkDiagnostics(t, "parseSource", data, dl.Items)
		if !ok {
			if len(dl.Items) == 0 {
				t.Fatal("parseSource rejected the file without saying why")
			}
			return
		}
		if len(dl.Items) > 0 {
			t.Fatalf("parseSource accepted the file but reported %v", dl.Items)
		}
		if src.BodyLine < 1 || src.FMLine < 1 {
			t.Fatalf("body at line %d, front matter at line %d", src.BodyLine, src.FMLine)
		}
		// parseSource hands frontmatter.Parse only the front matter; the
		// body and fields must be what the whole file gives.
		clean := bytes.TrimPrefix(data, []byte("\ufeff"))
		clean = bytes.ReplaceAll(bytes.ReplaceAll(clean, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
		meta := map[string]any{}
		body, err := frontmatter.Parse(bytes.NewReader(clean), &meta)
		if err != nil || !bytes.Equal(body, src.Body) || !reflect.DeepEqual(meta, src.Meta) {
			t.Fatalf("front matter alone gave body %q and %v; the whole file %q and %v (%v)", src.Body, src.Meta, body, meta, err)
		}
		for _, ft := range fuzzTypes {
			dl := &diag.List{Path: "content/fuzz.md"}
			p := &content.Page{Path: dl.Path, Type: ft.typ, Source: src}
			content.DecodePage(p, content.Builtin(), content.Defaults(), new(content.Slugs), src, dl, london)
			checkDiagnostics(t, "decodePage as "+ft.typ, data, dl.Items)
			if len(dl.Items) > 0 {
				continue
			}
			for _, k := range ft.required {
				if _, ok := src.Meta[k]; !ok {
					t.Fatalf("a %s without `%s` validated without errors", ft.typ, k)
				}
			}
			if ft.typ == content.Event {
				if _, ok := src.Meta["location"]; !ok && src.Meta["online"] != true {
					t.Fatal("an event with neither `location` nor `online: true` validated without errors")
				}
			}
			if p.Title == "" {
				t.Fatalf("a %s with an empty title validated without errors", ft.typ)
			}
		}
	})
}

// checkDiagnostics checks what every diagnostic must have: a message, and a
// line and column that are 0 (the whole file) or inside the file.
func checkDiagnostics(t *testing.T, stage string, data []byte, ds Diagnostics) {
	t.Helper()
	// YAML counts a lone CR as a line break too, and so do most editors.
	lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) + 1
	for _, d := range ds {
		switch {
		case strings.TrimSpace(d.Msg) == "":
			t.Fatalf("%s: a diagnostic without a message: %+v", stage, d)
		case d.Line < 0 || d.Col < 0:
			t.Fatalf("%s: a diagnostic at line %d, column %d: %+v", stage, d.Line, d.Col, d)
		case d.Line > lines:
			t.Fatalf("%s: a diagnostic at line %d of a %d-line file: %+v", stage, d.Line, lines, d)
		}
	}
}

// eachContentFile calls seed with each file of the hub's own content/,
// the fuzz targets' first seeds.
func eachContentFile(f *testing.F, seed func(data []byte)) {
	err := filepath.WalkDir("../content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil {
			seed(data)
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
}

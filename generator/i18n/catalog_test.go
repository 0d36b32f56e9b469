package i18n_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ideas-hub/hub/generator/diag"
	"github.com/ideas-hub/hub/generator/i18n"
	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
	"github.com/ideas-hub/hub/layouts"
)

// theme is the default theme as the lowest layer.
func theme() i18n.Layer {
	return i18n.Layer{FS: layouts.FS(), Name: func(f string) string { return "layouts/" + f + " (default theme)" }}
}

// site is a site's layouts/ holding the given message files.
func site(files map[string]string) i18n.Layer {
	m := fstest.MapFS{}
	for name, text := range files {
		m[i18n.Dir+"/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return i18n.Layer{FS: m, Name: func(f string) string { return "layouts/" + f }}
}

func load(t *testing.T, lang string, layers ...i18n.Layer) *i18n.Catalog {
	t.Helper()
	c, err := i18n.Load(lang, layers...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func text(t *testing.T, c *i18n.Catalog, key string, args ...any) string {
	t.Helper()
	s, err := c.String(key, args...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The theme's month and day names write every date as Go's English
// layouts did before the names moved into en.toml.
func TestDatesAsTimeFormat(t *testing.T) {
	c := load(t, "en", theme())
	layouts := map[string]string{
		"date.long":         "2 January 2006",
		"date.weekday":      "Monday 2 January 2006",
		"date.weekday_time": "Monday 2 January 2006, 15:04",
		"date.time":         "15:04",
	}
	// Every day of a leap year, at a time that moves through every hour
	// and minute, meets every month and weekday, one- and two-digit days.
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	months, weekdays := map[time.Month]bool{}, map[time.Weekday]bool{}
	for d := 0; d < 366; d++ {
		tm := start.AddDate(0, 0, d).Add(time.Duration(d%24)*time.Hour + time.Duration(d*7%60)*time.Minute)
		months[tm.Month()], weekdays[tm.Weekday()] = true, true
		for key, layout := range layouts {
			got, err := c.Date(key, tm)
			if err != nil {
				t.Fatal(err)
			}
			if want := tm.Format(layout); got != want {
				t.Fatalf("%s of %v: %q, want %q", key, tm, got, want)
			}
		}
	}
	if len(months) != 12 || len(weekdays) != 7 {
		t.Fatalf("met %d months and %d weekdays", len(months), len(weekdays))
	}
	var want []string
	for m := time.January; m <= time.December; m++ {
		want = append(want, m.String())
	}
	if got := c.Months(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Months() = %v, want %v", got, want)
	}
}

// A site's file overrides single keys of the theme's; en-GB reads en.toml
// under en-GB.toml; a language with no file anywhere is the theme's English.
func TestLayers(t *testing.T) {
	s := site(map[string]string{
		"en.toml":    "[events]\nupcoming = \"Coming up\"\n",
		"en-GB.toml": "[nav]\nhome = \"Start\"\n",
	})
	c := load(t, "en-GB", theme(), s)
	for key, want := range map[string]string{"events.upcoming": "Coming up", "nav.home": "Start", "events.past": "Past events"} {
		if got := text(t, c, key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if c.File() != "layouts/i18n/en-GB.toml" {
		t.Errorf("File() = %q", c.File())
	}
	if got := text(t, load(t, "en", theme(), s), "nav.home"); got != "Home" {
		t.Errorf("en reads en-GB.toml: nav.home = %q", got)
	}
	for _, lang := range []string{"de", "", "../../x", "en-"} {
		c := load(t, lang, theme(), s)
		if got := text(t, c, "events.upcoming"); got != "Coming up" {
			t.Errorf("language %q: %q, want the site's English", lang, got)
		}
	}
	if a, b := load(t, "en", theme()).Hash(), load(t, "en", theme(), s).Hash(); a == b {
		t.Error("an override leaves the hash as it was")
	}
}

// A second language is a file: its plural forms follow its own CLDR
// rules, and its dates its own names and order.
func TestSecondLanguage(t *testing.T) {
	cy := `
[tag.count]
zero = "dim tudalennau"
one = "{count} dudalen"
two = "{count} dudalen (dwy)"
few = "{count} tudalen (ychydig)"
many = "{count} thudalen (llawer)"
other = "{count} tudalen"
[date]
months = ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"]
weekdays = ["Dydd Sul", "Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener", "Dydd Sadwrn"]
long = "{day} {month} {year}"
`
	c := load(t, "cy", theme(), site(map[string]string{"cy.toml": cy}))
	for n, want := range map[int]string{0: "dim tudalennau", 1: "1 dudalen", 2: "2 dudalen (dwy)", 3: "3 tudalen (ychydig)",
		6: "6 thudalen (llawer)", 7: "7 tudalen", 12: "12 tudalen"} {
		if got := text(t, c, "tag.count", "count", n); got != want {
			t.Errorf("%d: %q, want %q", n, got, want)
		}
	}
	if got, _ := c.Date("date.long", time.Date(2025, 2, 4, 0, 0, 0, 0, time.UTC)); got != "4 Chwefror 2025" {
		t.Errorf("date: %q", got)
	}
	// The theme's English is not under the Welsh: a key it lacks is missing.
	if c.Has("events.upcoming") {
		t.Error("cy.toml is read over en.toml")
	}
	en := load(t, "en", theme())
	for n, want := range map[int]string{0: "0 pages on the hub", 1: "1 page on the hub", 2: "2 pages on the hub"} {
		if got := text(t, en, "tag.count", "count", uint64(n)); got != want {
			t.Errorf("en %d: %q, want %q", n, got, want)
		}
	}
}

// T gives markup for an _html message, with its values escaped as
// html/template escapes text, and text for any other, which
// html/template then escapes: the bytes a layout wrote before.
func TestTInTemplate(t *testing.T) {
	c := load(t, "en", theme())
	const name = `C++ & "co" <b>'s</b>` + "\x00"
	tmpl := template.Must(template.New("").Funcs(template.FuncMap{"T": c.T}).Parse(
		`{{T "tag.follow_html" "name" .}}|{{T "tag.title" "name" .}}|<a title="{{T "tag.title" "name" .}}">`))
	var got bytes.Buffer
	if err := tmpl.Execute(&got, name); err != nil {
		t.Fatal(err)
	}
	before := template.Must(template.New("").Parse(
		`Follow this tag<span class="vh">, {{.}},</span> with its Atom feed|Tagged: {{.}}|<a title="Tagged: {{.}}">`))
	var want bytes.Buffer
	if err := before.Execute(&want, name); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("got  %s\nwant %s", got.String(), want.String())
	}
}

func TestMistakes(t *testing.T) {
	c := load(t, "en", theme())
	for _, tc := range []struct {
		key  string
		args []any
		want string
	}{
		{"no.such", nil, `no message "no.such" in layouts/i18n/en.toml (default theme)`},
		{"tag.title", nil, `message "tag.title" in layouts/i18n/en.toml (default theme) has {name}: give it a value`},
		{"tag.count", []any{"name", "x"}, `message "tag.count" has plural forms: give it a "count"`},
		{"tag.count", []any{"count", "3"}, `message "tag.count": its "count" is string, not a whole number`},
		{"tag.title", []any{"name"}, `message "tag.title": give its values as pairs of a name and a value`},
	} {
		if _, err := c.T(tc.key, tc.args...); err == nil || err.Error() != tc.want {
			t.Errorf("T %q %v: %v, want %s", tc.key, tc.args, err, tc.want)
		}
	}
	if err := c.Check("tag.description", "name"); err == nil || !strings.Contains(err.Error(), "has {site}, which is not given (only name)") {
		t.Errorf("Check: %v", err)
	}
	if err := c.Check("tags.pages"); err == nil || !strings.Contains(err.Error(), `plural forms, chosen by a "count" that is not given`) {
		t.Errorf("Check of a plural: %v", err)
	}
}

// Mistakes in a message file are errors at its line, every one in one run.
func TestFileProblems(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"syntax", "[nav]\nhome = \"Home\nmain = 1\n", []string{"layouts/i18n/en.toml:2:"}},
		{"kinds", "[nav]\nhome = 3\n\n[tag.count]\nother = \"{count}\"\nsome = \"x\"\n\n[date]\nmonths = [\"Jan\"]\nlong = [\"x\"]\n",
			[]string{
				"layouts/i18n/en.toml:2:1: nav.home is int64: a message is text in quotes",
				`layouts/i18n/en.toml:4:1: tag.count has "some", which is not a plural form (zero, one, two, few, many, other)`,
				"layouts/i18n/en.toml:9:1: date.months has 1 names, not 12",
				"layouts/i18n/en.toml:10:1: date.long is a list: only date.months and date.weekdays are lists",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := i18n.Load("en", theme(), site(map[string]string{"en.toml": tc.text}))
			var probs diag.Diagnostics
			if !errors.As(err, &probs) {
				t.Fatalf("error %v, want Diagnostics", err)
			}
			if len(probs) != len(tc.want) {
				t.Errorf("%d problems, want %d:\n%v", len(probs), len(tc.want), err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("no %q in:\n%v", w, err)
				}
			}
		})
	}
	// A new language's file must give the names dates are written with,
	// and every message a program requires.
	c, err := i18n.Load("cy", theme(), site(map[string]string{"cy.toml": "[nav]\nhome = \"Hafan\"\n"}))
	if err == nil || !strings.Contains(err.Error(), "layouts/i18n/cy.toml:1:1: no date.months") {
		t.Fatalf("no month names: %v", err)
	}
	c = load(t, "cy", theme(), site(map[string]string{"cy.toml": "[nav]\nhome = \"Hafan {x}\"\n[date]\nmonths = " +
		"[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\",\"12\"]\nweekdays = [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\"]\n"}))
	err = c.Require(map[string][]string{"nav.home": nil, "nav.main": nil})
	for _, w := range []string{
		`layouts/i18n/cy.toml:2:1: message "nav.home" in layouts/i18n/cy.toml has {x}, which is not given (nothing is)`,
		`layouts/i18n/cy.toml:1:1: no message "nav.main" in layouts/i18n/cy.toml`,
	} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("Require: no %q in:\n%v", w, err)
		}
	}
}

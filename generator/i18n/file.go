package i18n

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/ideas-hub/hub/generator/diag"
)

// The keys of the date table: arrays of names, not messages.
const (
	monthsKey   = "date.months"
	weekdaysKey = "date.weekdays"
)

// add reads one message file over what the catalogue holds. Tables group
// messages ([pager] next = … is the message "pager.next"); a table with
// an "other" key is one message's plural forms.
func (c *Catalog) add(path string, data []byte) diag.Diagnostics {
	var tree map[string]any
	if _, err := toml.Decode(string(data), &tree); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return diag.Diagnostics{{Path: path, Line: perr.Position.Line, Col: perr.Position.Col, Msg: perr.Message}}
		}
		return diag.Diagnostics{{Path: path, Msg: err.Error()}}
	}
	f := fileReader{c: c, path: path, text: string(data)}
	f.table("", tree)
	return f.probs
}

type fileReader struct {
	c     *Catalog
	path  string
	text  string
	probs diag.Diagnostics
}

func (f *fileReader) problem(key, format string, args ...any) {
	f.probs = append(f.probs, diag.Diagnostic{Path: f.path, Line: keyLine(f.text, key), Msg: fmt.Sprintf(format, args...)})
}

func (f *fileReader) table(prefix string, tree map[string]any) {
	for _, k := range sortedKeys(tree) {
		key := prefix + k
		switch v := tree[k].(type) {
		case string:
			f.c.msgs[key] = newMessage(key, f.path, map[string]string{"other": v})
		case map[string]any:
			if _, ok := v["other"]; ok {
				f.plural(key, v)
			} else {
				f.table(key+".", v)
			}
		case []any:
			f.names(key, v)
		default:
			f.problem(key, "%s is %T: a message is text in quotes, or a table of plural forms", key, v)
		}
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// plural reads a table of plural forms.
func (f *fileReader) plural(key string, forms map[string]any) {
	text := map[string]string{}
	for _, form := range sortedKeys(forms) {
		if _, ok := formOf(form); !ok {
			f.problem(key, "%s has %q, which is not a plural form (%s): a table with \"other\" is one message's forms",
				key, form, formList)
			return
		}
		v := forms[form]
		s, ok := v.(string)
		if !ok {
			f.problem(key, "%s.%s is %T, not text", key, form, v)
			return
		}
		text[form] = s
	}
	f.c.msgs[key] = newMessage(key, f.path, text)
}

// names reads the month or weekday names.
func (f *fileReader) names(key string, list []any) {
	want := map[string]int{monthsKey: 12, weekdaysKey: 7}[key]
	if want == 0 {
		f.problem(key, "%s is a list: only %s and %s are lists; a message is text in quotes", key, monthsKey, weekdaysKey)
		return
	}
	if len(list) != want {
		f.problem(key, "%s has %d names, not %d", key, len(list), want)
		return
	}
	names := make([]string, want)
	for i, v := range list {
		s, ok := v.(string)
		if !ok || s == "" {
			f.problem(key, "%s: name %d is not text", key, i+1)
			return
		}
		names[i] = s
	}
	if key == monthsKey {
		f.c.months = names
	} else {
		f.c.weekdays = names
	}
}

// checkDates reports a catalogue without month or weekday names.
func (c *Catalog) checkDates() diag.Diagnostics {
	var probs diag.Diagnostics
	for key, names := range map[string][]string{monthsKey: c.months, weekdaysKey: c.weekdays} {
		if names == nil {
			probs = append(probs, diag.Diagnostic{Path: c.file, Msg: fmt.Sprintf("no %s: dates are written with them", key)})
		}
	}
	return probs
}

// keyLine finds the line of text that sets key, following [table]
// headers and dotted keys; 0 when it cannot tell. TOML's decoder does not
// say where a key was.
func keyLine(text, key string) int {
	table := ""
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "[["):
			table = ""
		case strings.HasPrefix(line, "["):
			end := strings.Index(line, "]")
			if end < 0 {
				continue
			}
			table = tomlKey(line[1:end])
			if table == key {
				return i + 1
			}
		default:
			k, _, ok := strings.Cut(line, "=")
			if !ok || strings.HasPrefix(line, "#") {
				continue
			}
			full := tomlKey(k)
			if table != "" {
				full = table + "." + full
			}
			if full == key || strings.HasPrefix(key, full+".") {
				return i + 1
			}
		}
	}
	return 0
}

// tomlKey normalises a written key: `a . "b"` is a.b.
func tomlKey(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

package i18n

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
	"golang.org/x/text/feature/plural"
)

// countArg is the value that chooses a plural form.
const countArg = "count"

// formList names the CLDR plural forms, for messages about them.
const formList = "zero, one, two, few, many, other"

// formOf returns the plural form a message file's key names.
func formOf(name string) (plural.Form, bool) {
	switch name {
	case "zero":
		return plural.Zero, true
	case "one":
		return plural.One, true
	case "two":
		return plural.Two, true
	case "few":
		return plural.Few, true
	case "many":
		return plural.Many, true
	case "other":
		return plural.Other, true
	}
	return 0, false
}

// message is one message, parsed once: the text of each plural form it
// has (a message without forms has only "other"), as literal text and
// places to fill.
type message struct {
	forms  [plural.Many + 1][]segment // by plural.Form; nil: not given
	plural bool                       // it has forms beside "other"
	html   bool                       // its key ends in _html: the text is markup
	names  []string                   // every place any form has
	file   string                     // where it was defined
}

// segment is literal text, or the name of a place to fill.
type segment struct {
	text string
	arg  string
}

func newMessage(key, file string, forms map[string]string) *message {
	m := &message{html: strings.HasSuffix(key, "_html"), file: file}
	for name, text := range forms {
		segs := parse(text)
		f, _ := formOf(name) // the file reader checked it
		m.forms[f] = segs
		m.plural = m.plural || f != plural.Other
		for _, s := range segs {
			if s.arg != "" && !slices.Contains(m.names, s.arg) {
				m.names = append(m.names, s.arg)
			}
		}
	}
	slices.Sort(m.names)
	return m
}

// parse splits text at its places: {name}, a lower-case letter then
// letters, digits or _. Any other brace is text.
func parse(text string) []segment {
	segs := []segment{} // not nil: a given form, even when empty
	lit := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '{' {
			continue
		}
		end := placeEnd(text, i+1)
		if end < 0 {
			continue
		}
		if lit < i {
			segs = append(segs, segment{text: text[lit:i]})
		}
		segs = append(segs, segment{arg: text[i+1 : end]})
		lit, i = end+1, end
	}
	if lit < len(text) {
		segs = append(segs, segment{text: text[lit:]})
	}
	return segs
}

// placeEnd returns the index of the } closing a place name starting at
// i, or -1.
func placeEnd(text string, i int) int {
	if i >= len(text) || text[i] < 'a' || text[i] > 'z' {
		return -1
	}
	for j := i + 1; j < len(text); j++ {
		switch c := text[j]; {
		case c == '}':
			return j
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_':
		default:
			return -1
		}
	}
	return -1
}

// T is the layouts' function: the message for key with its places filled
// from args, given as pairs of a name and a value ({{T "tag.count" "count"
// 3}}). A _html message comes back as template.HTML, any other as a
// string for html/template to escape.
func (c *Catalog) T(key string, args ...any) (any, error) {
	s, m, err := c.text(key, args)
	if err != nil {
		return nil, err
	}
	if m.html {
		return template.HTML(s), nil
	}
	return s, nil
}

// String is the message for key as text, its places filled from args
// (pairs of a name and a value), for a program to write. Require the keys
// a program writes when it loads the catalogue.
func (c *Catalog) String(key string, args ...any) (string, error) {
	s, _, err := c.text(key, args)
	return s, err
}

func (c *Catalog) text(key string, args []any) (string, *message, error) {
	m := c.msgs[key]
	if m == nil {
		return "", nil, fmt.Errorf("no message %q in %s", key, c.file)
	}
	if len(args)%2 != 0 {
		return "", nil, fmt.Errorf("message %q: give its values as pairs of a name and a value", key)
	}
	s, err := c.format(m, key, func(name string) (any, bool) {
		for i := 0; i < len(args); i += 2 {
			if args[i] == name {
				return args[i+1], true
			}
		}
		return nil, false
	})
	return s, m, err
}

// format writes m's form for the count value arg gives, with its places
// filled from arg.
func (c *Catalog) format(m *message, key string, arg func(name string) (any, bool)) (string, error) {
	segs := m.forms[plural.Other]
	if m.plural {
		v, ok := arg(countArg)
		if !ok {
			return "", fmt.Errorf("message %q has plural forms: give it a %q", key, countArg)
		}
		n, ok := wholeNumber(v)
		if !ok {
			return "", fmt.Errorf("message %q: its %q is %T, not a whole number", key, countArg, v)
		}
		if f := plural.Cardinal.MatchPlural(c.lang, n, 0, 0, 0, 0); m.forms[f] != nil {
			segs = m.forms[f]
		}
	}
	if len(segs) == 1 && segs[0].arg == "" {
		return segs[0].text, nil
	}
	var b strings.Builder
	for _, s := range segs {
		if s.arg == "" {
			b.WriteString(s.text)
			continue
		}
		v, ok := arg(s.arg)
		if !ok {
			return "", fmt.Errorf("message %q in %s has {%s}: give it a value", key, m.file, s.arg)
		}
		writeValue(&b, v, m.html)
	}
	return b.String(), nil
}

// wholeNumber returns an integer count as an int, modulo 10,000,000 as
// the plural rules allow for larger ones.
func wholeNumber(v any) (int, bool) {
	const mod = 10_000_000
	switch n := v.(type) {
	case int:
		return abs(n) % mod, true
	case int64:
		return int(abs(n) % mod), true
	case int32:
		return int(abs(n) % mod), true
	case uint:
		return int(n % mod), true
	case uint64:
		return int(n % mod), true
	case uint32:
		return int(n % mod), true
	}
	return 0, false
}

func abs[T int | int32 | int64](n T) T {
	if n < 0 {
		return -n
	}
	return n
}

// writeValue writes a value into a message: escaped as html/template
// escapes text when the message is markup, unless it is markup itself.
func writeValue(b *strings.Builder, v any, html bool) {
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case template.HTML:
		if html {
			b.WriteString(string(v))
			return
		}
		s = string(v)
	case int:
		s = strconv.Itoa(v)
	case fmt.Stringer:
		s = v.String()
	default:
		s = fmt.Sprint(v)
	}
	if html {
		escapeText(b, s)
	} else {
		b.WriteString(s)
	}
}

// escapeText writes s as html/template writes a string in text: the same
// bytes, so a value in a message reads as it did in a layout.
func escapeText(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}

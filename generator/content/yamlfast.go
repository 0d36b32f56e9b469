package content

import (
	"bytes"
	"unicode/utf8"

	"gopkg.in/yaml.v2"
)

// unmarshalYAML is yaml.Unmarshal for front matter, with a fast path for
// the YAML front matter is nearly always written in: one `key: value` a
// line, the value a plain or double-quoted string, a date, or a list of
// strings, in brackets or one `- item` a line. yaml.v2 took 57 µs a file,
// 0.57 s of a 10,000-page build's CPU, in its scanner and parser's state
// machine; the fast path takes a few µs. It gives the same map as
// yaml.v2 or gives up, and then yaml.v2 decodes the file, errors and all:
// anything that could mean something else to YAML (a number, yes or no,
// a comment, a quote it would unescape, an odd character) is left to it.
// The tests hold the two to the same map on every file of the hub's own
// content and a synthetic hub, and under FuzzFastYAML.
func unmarshalYAML(data []byte, v any) error {
	if m, ok := v.(*map[string]any); ok && *m != nil && len(*m) == 0 && fastYAML(data, *m) {
		return nil
	}
	return yaml.Unmarshal(data, v)
}

type yamlPair struct {
	key string
	val any
}

// fastYAML decodes data into m and reports true, or leaves m as it was
// and reports false.
func fastYAML(data []byte, m map[string]any) bool {
	if !plainYAMLText(data) {
		return false
	}
	var buf [16]yamlPair
	pairs := buf[:0]
	for rest := data; len(rest) > 0; {
		var line []byte
		line, rest = cutLine(rest)
		if blankLine(line) {
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon < 0 || !yamlKey(line[:colon]) {
			return false
		}
		key, after := line[:colon], line[colon+1:]
		if len(after) > 0 && after[0] != ' ' {
			return false // "a:b" is a string to YAML, not a key
		}
		val := bytes.Trim(after, " ")
		var v any
		switch {
		case len(val) == 0:
			items, next, ok := blockList(rest)
			if !ok {
				return false
			}
			if items != nil {
				v, rest = items, next
			}
		case val[0] == '[':
			items, ok := flowList(val)
			if !ok {
				return false
			}
			v = items
		default:
			s, ok := yamlScalar(val, false)
			if !ok {
				return false
			}
			v = s
		}
		for _, p := range pairs {
			if p.key == string(key) {
				return false // yaml.v2 keeps the last; hub reports both
			}
		}
		pairs = append(pairs, yamlPair{string(key), v})
	}
	for _, p := range pairs {
		m[p.key] = p.val
	}
	return true
}

// blockList reads the `- item` lines that may follow a key with no value:
// the items and what follows them, or no items (the key's value is null)
// and rest as it was.
func blockList(rest []byte) (items []any, next []byte, ok bool) {
	indent := -1
	next = rest
	for len(next) > 0 {
		line, after := cutLine(next)
		if blankLine(line) {
			next = after
			continue
		}
		n := 0
		for n < len(line) && line[n] == ' ' {
			n++
		}
		if n+1 >= len(line) || line[n] != '-' || line[n+1] != ' ' {
			if n > 0 || len(line) > 0 && line[0] == '-' {
				return nil, nil, false // more than a list of strings
			}
			break // the next key
		}
		if indent >= 0 && n != indent {
			return nil, nil, false
		}
		indent = n
		s, ok := yamlScalar(bytes.Trim(line[n+2:], " "), false)
		if !ok {
			return nil, nil, false
		}
		items = append(items, s)
		next = after
	}
	if items == nil {
		return nil, rest, true
	}
	return items, next, true
}

// flowList reads a list in brackets, on one line.
func flowList(val []byte) ([]any, bool) {
	if val[len(val)-1] != ']' {
		return nil, false
	}
	inner := bytes.Trim(val[1:len(val)-1], " ")
	items := []any{}
	if len(inner) == 0 {
		return items, true
	}
	for len(inner) > 0 {
		var item []byte
		if inner[0] == '"' {
			end := bytes.IndexByte(inner[1:], '"')
			if end < 0 {
				return nil, false
			}
			item, inner = inner[:end+2], bytes.TrimLeft(inner[end+2:], " ")
			if len(inner) > 0 && inner[0] != ',' {
				return nil, false
			}
		} else {
			comma := bytes.IndexByte(inner, ',')
			if comma < 0 {
				comma = len(inner)
			}
			item, inner = bytes.TrimRight(inner[:comma], " "), inner[comma:]
		}
		if len(inner) > 0 { // the comma
			inner = bytes.TrimLeft(inner[1:], " ")
			if len(inner) == 0 {
				return nil, false // a comma with nothing after it
			}
		}
		s, ok := yamlScalar(item, true)
		if !ok {
			return nil, false
		}
		items = append(items, s)
	}
	return items, true
}

// yamlScalar reads a value as YAML would: true or false; a whole
// number; and as a string a double-quoted one with nothing to unescape, a
// date or date and time, or a plain one that starts with a letter or a
// slash (a path) and is
// no other boolean or null. In a list in brackets (flow) a plain one holds no comma or colon.
func yamlScalar(val []byte, flow bool) (any, bool) {
	if len(val) == 0 {
		return "", false
	}
	switch string(val) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	if val[0] == '"' {
		if len(val) < 2 || val[len(val)-1] != '"' || bytes.IndexByte(val[1:len(val)-1], '"') >= 0 ||
			bytes.IndexByte(val, '\\') >= 0 {
			return "", false
		}
		return string(val[1 : len(val)-1]), true
	}
	if flow && bytes.IndexByte(val, ':') >= 0 {
		return "", false
	}
	if n, ok := yamlInt(val); ok {
		return n, true
	}
	if val[0] >= '0' && val[0] <= '9' {
		return string(val), yamlTime(val)
	}
	c := val[0]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c >= utf8.RuneSelf) {
		return "", false
	}
	if bytes.ContainsAny(val, "#[]{}") || bytes.Contains(val, []byte(": ")) || val[len(val)-1] == ':' ||
		flow && bytes.IndexByte(val, ',') >= 0 || yamlWord(val) {
		return "", false
	}
	return string(val), true
}

// yamlInt reads a whole number written plainly: no sign but a minus, no
// leading zero (YAML 1.1 reads 010 as octal), no underscores, and few
// enough digits to fit any int.
func yamlInt(val []byte) (int, bool) {
	digits := val
	if len(digits) > 1 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 15 || digits[0] == '0' && len(digits) > 1 {
		return 0, false
	}
	n := 0
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if len(digits) < len(val) {
		n = -n
	}
	return n, true
}

// yamlTime reports that val is a date (2025-01-28) or a date and time
// (2025-01-28T18:00:00Z, 2025-01-28 18:00, with an offset or not): yaml.v2
// reads these as timestamps and, into an interface, gives their text.
func yamlTime(val []byte) bool {
	digits := func(b []byte) bool {
		for _, c := range b {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	if len(val) < 10 || !digits(val[:4]) || val[4] != '-' || !digits(val[5:7]) || val[7] != '-' || !digits(val[8:10]) {
		return false
	}
	t := val[10:]
	if len(t) == 0 {
		return true
	}
	if len(t) < 6 || t[0] != 'T' && t[0] != ' ' || !digits(t[1:3]) || t[3] != ':' || !digits(t[4:6]) {
		return false
	}
	t = t[6:]
	if len(t) >= 3 && t[0] == ':' && digits(t[1:3]) {
		t = t[3:]
	}
	switch {
	case len(t) == 0, string(t) == "Z":
		return true
	case len(t) == 6 && (t[0] == '+' || t[0] == '-') && digits(t[1:3]) && t[3] == ':' && digits(t[4:6]):
		return true
	}
	return false
}

// yamlKey reports that k is a key YAML reads as this string. YAML takes
// a key of at most 1,024 characters without a `?` before it; hub's are
// far shorter.
func yamlKey(k []byte) bool {
	if len(k) == 0 || len(k) > 64 || !(k[0] >= 'a' && k[0] <= 'z' || k[0] >= 'A' && k[0] <= 'Z' || k[0] == '_') {
		return false
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return !yamlWord(k)
}

// yamlWord reports the words YAML 1.1 reads as a boolean or null.
func yamlWord(w []byte) bool {
	switch string(w) {
	case "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"true", "True", "TRUE", "false", "False", "FALSE",
		"on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL":
		return true
	}
	return false
}

// plainYAMLText reports that data is UTF-8 with no tab, control
// character, byte order mark, or character that YAML 1.1 counts as a line
// break (NEL, U+2028, U+2029) or will not read (U+FFFE, U+FFFF).
func plainYAMLText(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError || r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += n
	}
	return true
}

func cutLine(b []byte) (line, rest []byte) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}

func blankLine(line []byte) bool {
	return len(bytes.Trim(line, " ")) == 0
}

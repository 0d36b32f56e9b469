package generator

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ideas-hub/hub/generator/diag"
)

// tomlPlaces says where each key, value and array item of a TOML file is
// written, so a mistake in hub.toml is reported at its line and column.
// BurntSushi/toml keeps its positions to itself, so the file is scanned
// again here; it has already parsed, so the scan may take it as valid.
//
// A place is found by its path: the keys from the top of the file
// ("types", "toolkit", "folder"), an array's items as "#0", "#1"…
type tomlPlaces map[string]tomlPlace

type tomlPlace struct{ key, value diag.Pos }

func placeKey(path []string) string { return strings.Join(path, "\x00") }

// key is where the last key of path is written: in its table's header,
// or before its `=`. A path the file does not write is at 1:1.
func (tp tomlPlaces) key(path ...string) diag.Pos {
	if p, ok := tp[placeKey(path)]; ok {
		return p.key
	}
	return diag.Pos{Line: 1, Col: 1}
}

// value is where the value of path starts; a table's is its header's.
func (tp tomlPlaces) value(path ...string) diag.Pos {
	if p, ok := tp[placeKey(path)]; ok {
		return p.value
	}
	return tp.key(path...)
}

// item is where item i of the array at path is written.
func (tp tomlPlaces) item(i int, path ...string) diag.Pos {
	return tp.value(append(path, "#"+strconv.Itoa(i))...)
}

// locateTOML scans a TOML document that parses.
func locateTOML(data []byte) tomlPlaces {
	s := &tomlScan{src: data, line: 1, places: tomlPlaces{}, arrays: map[string]int{}}
	var table []string
	for s.skipBlank(true); s.i < len(s.src); s.skipBlank(true) {
		if s.peek() != '[' {
			s.keyValue(table)
			continue
		}
		header := s.pos()
		s.i++
		array := s.peek() == '['
		if array {
			s.i++
		}
		table = s.keys(nil)
		if array { // each [[x]] is a new item of the array x, at its own header
			k := placeKey(table)
			table = append(table, "#"+strconv.Itoa(s.arrays[k]))
			s.arrays[k]++
			s.note(table, header, header)
		}
		s.skipLine()
	}
	return s.places
}

type tomlScan struct {
	src       []byte
	i         int
	line      int
	lineStart int
	places    tomlPlaces
	arrays    map[string]int // how many items each array of tables has so far
}

func (s *tomlScan) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

func (s *tomlScan) pos() diag.Pos {
	return diag.Pos{Line: s.line, Col: utf8.RuneCount(s.src[s.lineStart:s.i]) + 1}
}

func (s *tomlScan) advance() {
	if s.src[s.i] == '\n' {
		s.line, s.lineStart = s.line+1, s.i+1
	}
	s.i++
}

// skipBlank skips spaces and comments, and line breaks too when lines is set.
func (s *tomlScan) skipBlank(lines bool) {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t' || c == '\r':
		case c == '\n' && lines:
		case c == '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
			continue
		default:
			return
		}
		s.advance()
	}
}

func (s *tomlScan) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

// note records a place once: the first mention of a table is its place.
func (s *tomlScan) note(path []string, key, value diag.Pos) {
	if _, ok := s.places[placeKey(path)]; !ok {
		s.places[placeKey(path)] = tomlPlace{key: key, value: value}
	}
}

// keys reads a dotted key under base, noting where each part is written.
func (s *tomlScan) keys(base []string) []string {
	path := append([]string(nil), base...)
	for {
		s.skipBlank(false)
		at := s.pos()
		var k string
		switch s.peek() {
		case '"', '\'':
			k = s.quoted()
		default:
			start := s.i
			for s.i < len(s.src) && isBareKeyByte(s.src[s.i]) {
				s.i++
			}
			k = string(s.src[start:s.i])
		}
		path = append(path, k)
		s.note(path, at, at)
		s.skipBlank(false)
		if s.peek() != '.' {
			return path
		}
		s.i++
	}
}

func isBareKeyByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// quoted reads a one-line quoted key or string and returns its text.
func (s *tomlScan) quoted() string {
	q, start := s.src[s.i], s.i
	s.i++
	for s.i < len(s.src) && s.src[s.i] != q && s.src[s.i] != '\n' {
		if q == '"' && s.src[s.i] == '\\' {
			s.i++
		}
		s.i++
	}
	s.i++
	raw := string(s.src[start:min(s.i, len(s.src))])
	if q == '\'' {
		return strings.Trim(raw, "'")
	}
	if t, err := strconv.Unquote(raw); err == nil {
		return t
	}
	return strings.Trim(raw, `"`)
}

func (s *tomlScan) keyValue(base []string) {
	path := s.keys(base)
	s.skipBlank(false)
	if s.peek() == '=' {
		s.i++
	}
	s.skipBlank(false)
	s.places[placeKey(path)] = tomlPlace{key: s.places[placeKey(path)].key, value: s.pos()}
	s.value(path)
}

// value reads the value of path, noting the places inside arrays and
// inline tables.
func (s *tomlScan) value(path []string) {
	switch {
	case strings.HasPrefix(string(s.src[s.i:min(s.i+3, len(s.src))]), `"""`),
		strings.HasPrefix(string(s.src[s.i:min(s.i+3, len(s.src))]), `'''`):
		delim := string(s.src[s.i : s.i+3])
		s.i += 3
		for s.i < len(s.src) && !strings.HasPrefix(string(s.src[s.i:min(s.i+3, len(s.src))]), delim) {
			if delim == `"""` && s.src[s.i] == '\\' { // an escape, perhaps of the line break
				s.advance()
			}
			if s.i < len(s.src) {
				s.advance()
			}
		}
		s.i = min(s.i+3, len(s.src))
		for s.i < len(s.src) && s.src[s.i] == delim[0] { // up to two quotes may end the text
			s.i++
		}
	case s.peek() == '"' || s.peek() == '\'':
		s.quoted()
	case s.peek() == '[':
		s.i++
		for n := 0; ; n++ {
			s.skipBlank(true)
			if s.i >= len(s.src) || s.peek() == ']' {
				break
			}
			item := append(append([]string(nil), path...), "#"+strconv.Itoa(n))
			s.note(item, s.pos(), s.pos())
			s.value(item)
			s.skipBlank(true)
			if s.peek() == ',' {
				s.i++
			}
		}
		s.i++
	case s.peek() == '{':
		s.i++
		for {
			s.skipBlank(false)
			if s.i >= len(s.src) || s.peek() == '}' {
				break
			}
			s.keyValue(path)
			s.skipBlank(false)
			if s.peek() == ',' {
				s.i++
			}
		}
		s.i++
	default: // a number, boolean or date: up to what ends a value
		for s.i < len(s.src) && !strings.ContainsRune(",]}\n#", rune(s.src[s.i])) {
			s.i++
		}
	}
}

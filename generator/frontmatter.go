package generator

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
)

// source is one content file split into front matter and body, with enough
// positions kept to point editors at the offending line.
type source struct {
	meta     map[string]any
	summary  string         // the front matter's own summary, before any fallback
	keys     map[string]pos // where each top-level front matter key is written
	keyOrder []string
	body     []byte
	bodyLine int // file line on which the body starts (1-based)
	fmLine   int // file line of the front matter's opening delimiter
}

// keyPos returns where key is written, or the front matter's first line.
func (s *source) keyPos(key string) pos {
	if p, ok := s.keys[key]; ok {
		return p
	}
	return pos{line: s.fmLine, col: 1}
}

var (
	yamlKeyRe = regexp.MustCompile(`^([A-Za-z_][\w-]*)\s*:`)
	tomlKeyRe = regexp.MustCompile(`^\s*([A-Za-z_][\w-]*)\s*=`)
	jsonKeyRe = regexp.MustCompile(`"([^"\\]+)"\s*:`)
	yamlErrRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// parseSource splits data into front matter and body. A file without front
// matter is an error: every content type needs at least a title.
func parseSource(data []byte, dl *diagList) (*source, bool) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first, firstLine := firstNonBlankLine(data)
	var format byte
	switch strings.TrimSpace(first) {
	case "---":
		format = 'y'
	case "+++":
		format = 't'
	case "{":
		format = 'j'
	default:
		dl.add(pos{1, 1}, "no front matter: start the file with a line of --- (YAML), +++ (TOML) or { (JSON), then at least `title`")
		return nil, false
	}
	s := &source{meta: map[string]any{}, fmLine: firstLine}
	body, err := frontmatter.Parse(bytes.NewReader(data), &s.meta)
	if err != nil {
		dl.add(fmErrorPos(err, data, firstLine), "front matter: %s", fmErrorText(err))
		return nil, false
	}
	if len(body) == len(data) {
		closer := map[byte]string{'y': "---", 't': "+++", 'j': "} followed by a blank line"}[format]
		dl.add(pos{firstLine, 1}, "front matter is never closed: end it with a line of %s", closer)
		return nil, false
	}
	bodyStart := len(data) - len(body)
	s.body = body
	s.bodyLine = 1 + bytes.Count(data[:bodyStart], []byte("\n"))
	s.keys, s.keyOrder = scanKeys(data[:bodyStart], format)
	return s, true
}

func firstNonBlankLine(data []byte) (string, int) {
	for n, line := range strings.SplitN(string(data), "\n", 64) {
		if strings.TrimSpace(line) != "" {
			return line, n + 1
		}
	}
	return "", 1
}

// scanKeys finds the line and column of each top-level key. The front matter
// decoders do not report positions, and a plain scan of the text is enough
// for the flat key/value shape front matter has.
func scanKeys(fm []byte, format byte) (map[string]pos, []string) {
	keys := map[string]pos{}
	var order []string
	addKey := func(k string, p pos) {
		if _, dup := keys[k]; !dup {
			keys[k] = p
			order = append(order, k)
		}
	}
	for i, line := range strings.Split(string(fm), "\n") {
		p := pos{line: i + 1}
		switch format {
		case 'y':
			if m := yamlKeyRe.FindStringSubmatch(line); m != nil {
				p.col = 1
				addKey(m[1], p)
			}
		case 't':
			if strings.HasPrefix(strings.TrimSpace(line), "[") {
				return keys, order // keys below a [table] are not top level
			}
			if m := tomlKeyRe.FindStringSubmatchIndex(line); m != nil {
				p.col = m[2] + 1
				addKey(line[m[2]:m[3]], p)
			}
		case 'j':
			for _, m := range jsonKeyRe.FindAllStringSubmatchIndex(line, -1) {
				p.col = m[0] + 1
				addKey(line[m[2]:m[3]], p)
			}
		}
	}
	return keys, order
}

// fmErrorPos maps a decoder error to a file position. YAML and TOML count
// lines from the first line inside the delimiters; JSON from the opening brace.
func fmErrorPos(err error, data []byte, fmLine int) pos {
	var terr toml.ParseError
	var jerr *json.SyntaxError
	switch {
	case errors.As(err, &terr):
		return pos{fmLine + terr.Position.Line, max(terr.Position.Col, 1)}
	case errors.As(err, &jerr):
		// The offset counts from the opening brace.
		start := bytes.IndexByte(data, '{')
		end := min(start+max(int(jerr.Offset)-1, 0), len(data)) // Offset counts the offending byte
		lineStart := bytes.LastIndexByte(data[:end], '\n') + 1
		return pos{fmLine + bytes.Count(data[start:end], []byte("\n")), end - lineStart + 1}
	}
	if m := yamlErrRe.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return pos{fmLine + n, 1}
	}
	return pos{fmLine, 1}
}

func fmErrorText(err error) string {
	var terr toml.ParseError
	if errors.As(err, &terr) {
		return terr.Message
	}
	msg := err.Error()
	if m := yamlErrRe.FindStringSubmatch(msg); m != nil {
		return m[2]
	}
	return strings.TrimPrefix(msg, "yaml: ")
}

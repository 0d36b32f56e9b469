package content

import (
	"github.com/ideas-hub/hub/generator/diag"

	"strings"
)

// duplicateKey is a top-level key written twice.
type duplicateKey struct {
	key          string
	first, again diag.Pos
}

// scanKeys finds the line and column of each top-level front matter key.
// The decoders report no positions, so the text is scanned: YAML keys at
// column 1, TOML keys before the first [table] and outside multi-line
// strings, JSON keys at depth 1 of the object.
func scanKeys(fm []byte, format byte) (map[string]diag.Pos, []string, []duplicateKey) {
	keys := map[string]diag.Pos{}
	var order []string
	var dups []duplicateKey
	add := func(k string, p diag.Pos) {
		if first, dup := keys[k]; dup {
			dups = append(dups, duplicateKey{key: k, first: first, again: p})
			return
		}
		keys[k] = p
		order = append(order, k)
	}
	switch format {
	case 'y':
		for i, line := range strings.Split(string(fm), "\n") {
			if m := yamlKeyRe.FindStringSubmatch(line); m != nil {
				add(m[1], diag.Pos{Line: i + 1, Col: 1})
			}
		}
	case 't':
		scanTOMLKeys(string(fm), add)
	case 'j':
		scanJSONKeys(string(fm), add)
	}
	return keys, order, dups
}

func scanTOMLKeys(fm string, add func(string, diag.Pos)) {
	inMultiline := "" // the delimiter of the multi-line string we are in
	for i, line := range strings.Split(fm, "\n") {
		if inMultiline != "" {
			if strings.Count(line, inMultiline)%2 == 1 {
				inMultiline = ""
			}
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(line), "[") {
			return // keys below a [table] are not top level
		}
		if m := tomlKeyRe.FindStringSubmatchIndex(line); m != nil {
			add(line[m[2]:m[3]], diag.Pos{Line: i + 1, Col: m[2] + 1})
		}
		for _, delim := range []string{`"""`, `'''`} {
			if strings.Count(line, delim)%2 == 1 {
				inMultiline = delim
			}
		}
	}
}

// scanJSONKeys walks the JSON text, tracking strings and nesting, and reports
// each string followed by a colon at depth 1.
func scanJSONKeys(fm string, add func(string, diag.Pos)) {
	depth, line, col := 0, 1, 1
	var key strings.Builder
	keyLine, keyCol := 0, 0
	pendingKey := ""
	inString, escaped := false, false
	for _, r := range fm {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
				key.WriteRune(r)
			case r == '\\':
				escaped = true
			case r == '"':
				inString = false
				pendingKey = key.String()
			default:
				key.WriteRune(r)
			}
		case r == '"':
			inString = true
			key.Reset()
			keyLine, keyCol = line, col
		case r == ':':
			if depth == 1 && pendingKey != "" {
				add(pendingKey, diag.Pos{Line: keyLine, Col: keyCol})
			}
			pendingKey = ""
		case r == '{' || r == '[':
			depth++
			pendingKey = ""
		case r == '}' || r == ']':
			depth--
			pendingKey = ""
		case r == ',':
			pendingKey = ""
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
}

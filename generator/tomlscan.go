package generator

import (
	"regexp"
	"strings"

	"github.com/ideas-hub/hub/generator/diag"
)

// The TOML decoder reports no positions for the values it reads, so the
// checks of hub.toml find them in the text: where each [[name]] table of
// an array starts, and where each of its keys is written.

// tableBlock is one [[name]] table of hub.toml as written.
type tableBlock struct {
	header diag.Pos            // the [[name]] line
	keys   map[string]diag.Pos // each key written in the table
}

// at is where key is written in the table, else the table's header.
func (b tableBlock) at(key string) diag.Pos {
	if p, ok := b.keys[key]; ok {
		return p
	}
	return b.header
}

var (
	tableHeaderRe = regexp.MustCompile(`^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]`)
	anyHeaderRe   = regexp.MustCompile(`^\s*\[`)
	tableKeyRe    = regexp.MustCompile(`^(\s*)([A-Za-z0-9_-]+|"[^"]*")\s*=`)
)

// scanTableBlocks finds each [[name]] table of data, in order, and the
// keys written in it up to the next table: the first line of each that
// reads `key =` (the line of a multi-line value rarely does; at worst a
// message points at that line).
func scanTableBlocks(data []byte, name string) []tableBlock {
	var blocks []tableBlock
	var cur *tableBlock
	for i, line := range strings.Split(string(data), "\n") {
		if m := tableHeaderRe.FindStringSubmatch(line); m != nil {
			if m[1] == name {
				blocks = append(blocks, tableBlock{header: diag.Pos{Line: i + 1, Col: strings.Index(line, "[") + 1}, keys: map[string]diag.Pos{}})
				cur = &blocks[len(blocks)-1]
			} else {
				cur = nil
			}
			continue
		}
		if anyHeaderRe.MatchString(line) {
			cur = nil
			continue
		}
		if cur == nil {
			continue
		}
		if m := tableKeyRe.FindStringSubmatchIndex(line); m != nil {
			key := strings.Trim(line[m[4]:m[5]], `"`)
			if _, seen := cur.keys[key]; !seen {
				cur.keys[key] = diag.Pos{Line: i + 1, Col: m[4] + 1}
			}
		}
	}
	return blocks
}

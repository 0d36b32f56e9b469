package content

import (
	"bufio"
	"hash/maphash"
	"sync"

	"github.com/ideas-hub/hub/generator/diag"

	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
)

// Source is one content file split into front matter and body, with enough
// positions kept to point editors at the offending line.
type Source struct {
	Meta       map[string]any
	Summary    string              // the front matter's own summary, before any fallback
	Keys       map[string]diag.Pos // where each top-level front matter key is written
	KeyOrder   []string
	Body       []byte
	PackedBody Packed // body, in a one-off load until it is rendered
	BodyLine   int    // file line on which the body starts (1-based)
	FMLine     int    // file line of the front matter's opening delimiter
	// FMKey hashes the front matter as written, which meta is read from:
	// a page's key follows its params without printing them (fmt.Sprint
	// of the map was 1.4% of a 10,000-page build's CPU).
	FMKey uint64
}

// KeyPos returns where key is written, or the front matter's first line.
func (s *Source) KeyPos(key string) diag.Pos {
	if p, ok := s.Keys[key]; ok {
		return p
	}
	return diag.Pos{Line: s.FMLine, Col: 1}
}

var (
	yamlKeyRe = regexp.MustCompile(`^([A-Za-z_][\w-]*)\s*:`)
	tomlKeyRe = regexp.MustCompile(`^\s*([A-Za-z_][\w-]*)\s*=`)
	yamlErrRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// parseSource splits data into front matter and body. A file without front
// matter is an error: every content type needs at least a title.
// frontMatterEnd is the offset just past the line that closes front matter
// whose opening line (--- or +++) ends at from, as frontmatter.Parse finds
// it: the first later line that is the same once trimmed. It is 0 when no
// line closes it.
func frontMatterEnd(data []byte, from int, open string) int {
	delim := []byte(strings.TrimSpace(open))
	for i := from; i < len(data); {
		next := len(data)
		if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
			next = i + j + 1
		}
		if bytes.Equal(bytes.TrimSpace(data[i:next]), delim) {
			return next
		}
		i = next
	}
	return 0
}

func ParseSource(data []byte, dl *diag.List) (*Source, bool) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	// YAML counts a lone CR as a line break; make every count agree.
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	}
	first, firstLine, afterFirst := firstNonBlankLine(data)
	var format byte
	switch strings.TrimSpace(first) {
	case "---":
		format = 'y'
	case "+++":
		format = 't'
	case "{":
		format = 'j'
	default:
		dl.Add(diag.Pos{Line: 1, Col: 1}, "no front matter: start the file with a line of --- (YAML), +++ (TOML) or { (JSON), then at least `title`")
		return nil, false
	}
	s := &Source{Meta: map[string]any{}, FMLine: firstLine}
	// frontmatter.Parse copies all it reads to hand back the body; given
	// only the front matter (found here as it finds it), it copies that,
	// and the body stays a part of data. A tenth of the load's time at
	// 10,000 pages was that copy.
	whole := data
	if format != 'j' { // JSON's end needs the blank line after it
		if end := frontMatterEnd(data, afterFirst, first); end > 0 {
			whole = data[:end]
		}
	}
	br := fmReaders.Get().(*bufio.Reader)
	br.Reset(bytes.NewReader(whole))
	body, err := frontmatter.Parse(br, &s.Meta, fmFormat(format))
	br.Reset(nil)
	fmReaders.Put(br)
	if err == nil && len(whole) < len(data) {
		body = data[len(whole)-len(body):]
	}
	if err != nil {
		reportDecodeError(err, data, firstLine, dl)
		return nil, false
	}
	if len(body) == len(data) {
		closer := map[byte]string{'y': "---", 't': "+++", 'j': "} followed by a blank line"}[format]
		dl.Add(diag.Pos{Line: firstLine, Col: 1}, "front matter is never closed: end it with a line of %s", closer)
		return nil, false
	}
	bodyStart := len(data) - len(body)
	s.FMKey = maphash.Bytes(fmSeed, data[:bodyStart])
	s.Body = body
	s.BodyLine = 1 + bytes.Count(data[:bodyStart], []byte("\n"))
	var dups []duplicateKey
	s.Keys, s.KeyOrder, dups = scanKeys(data[:bodyStart], format)
	for _, d := range dups {
		dl.Add(d.again, "`%s` is given twice (first on line %d): keep one", d.key, d.first.Line)
	}
	return s, len(dups) == 0
}

// fmFormat is the one of frontmatter's default formats that a file whose
// first line is ---, +++ or { has: frontmatter.Parse would find it first
// among the seven it tries, but made all seven for every file.
func fmFormat(format byte) *frontmatter.Format {
	switch format {
	case 't':
		return frontmatter.NewFormat("+++", "+++", toml.Unmarshal)
	case 'j':
		return &frontmatter.Format{Start: "{", End: "}", Unmarshal: json.Unmarshal, UnmarshalDelims: true, RequiresNewLine: true}
	}
	return frontmatter.NewFormat("---", "---", unmarshalYAML)
}

// fmReaders holds the readers frontmatter.Parse reads through. Given a
// *bufio.Reader of the default size it uses it as it is, rather than
// making a new one, 4 KB for every content file.
var fmReaders = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// firstNonBlankLine returns the first line with more than spaces, its
// line number and the offset just past it.
func firstNonBlankLine(data []byte) (line string, n, end int) {
	n = 1
	for end < len(data) {
		l, _, found := bytes.Cut(data[end:], []byte("\n"))
		end += len(l)
		if found {
			end++
		}
		if len(bytes.TrimSpace(l)) > 0 {
			return string(l), n, end
		}
		n++
	}
	return "", 1, end
}

// fmErrorPos maps a decoder error to a file position. YAML and TOML count
// lines from the first line inside the delimiters; JSON from the opening brace.
func fmErrorPos(err error, data []byte, fmLine int) diag.Pos {
	var terr toml.ParseError
	var jerr *json.SyntaxError
	switch {
	case errors.As(err, &terr):
		return diag.Pos{Line: fmLine + terr.Position.Line, Col: max(terr.Position.Col, 1)}
	case errors.As(err, &jerr):
		// The offset counts from the opening brace.
		start := bytes.IndexByte(data, '{')
		end := min(start+max(int(jerr.Offset)-1, 0), len(data)) // Offset counts the offending byte
		lineStart := bytes.LastIndexByte(data[:end], '\n') + 1
		return diag.Pos{Line: fmLine + bytes.Count(data[start:end], []byte("\n")), Col: end - lineStart + 1}
	}
	if m := yamlErrRe.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return diag.Pos{Line: fmLine + n, Col: 1}
	}
	return diag.Pos{Line: fmLine, Col: 1}
}

// yamlLineErrRe matches one line of yaml.v2's "unmarshal errors" list.
var yamlLineErrRe = regexp.MustCompile(`(?m)^\s*line (\d+): (.*)$`)

// reportDecodeError adds one diagnostic per problem the decoder found.
// yaml.v2 lists several type errors in one error, one per line.
func reportDecodeError(err error, data []byte, fmLine int, dl *diag.List) {
	msg := err.Error()
	if strings.HasPrefix(msg, "yaml: unmarshal errors:") {
		for _, m := range yamlLineErrRe.FindAllStringSubmatch(msg, -1) {
			n, _ := strconv.Atoi(m[1])
			dl.Add(diag.Pos{Line: fmLine + n, Col: 1}, "front matter: %s", m[2])
		}
		return
	}
	dl.Add(fmErrorPos(err, data, fmLine), "front matter: %s", fmErrorText(err))
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

// fmSeed seeds the hash of front matter as written; it is fixed for the
// life of the process, so keys compare across rebuilds.
var fmSeed = maphash.MakeSeed()

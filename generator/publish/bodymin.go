package publish

import (
	"bytes"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/parse/v2"
	parsehtml "github.com/tdewolff/parse/v2/html"
)

// MinifyBody appends to dst a page's body, HTML as the markdown renderer
// wrote it, minified exactly as m (NewMinifier) minifies it: by a fast
// path for the part of HTML goldmark writes, else by m itself.
//
// Bodies are 40% of a 10,000-page hub's HTML and each is in one file, so
// minifying them apart saves nothing; but tdewolff's minifier lexes and
// hashes every token for rules that goldmark's output never needs, at
// about 110 MB/s, and bodies took 0.7 s of a build's CPU. The fast path
// follows the minifier's html.Minifier.Minify step by step for the tags
// and attributes goldmark and hub's renderers write, using the
// minifier's own functions for text, attribute values and inline CSS;
// anything else (a comment, an attribute it does not know, a tag outside
// its table, `<` that starts no tag) sends the whole body to m. The tests
// hold the two to the same bytes on every body of the hub's own content,
// of a synthetic hub, and of fuzzed markdown.
func MinifyBody(m *minify.M, dst *bytes.Buffer, src []byte) error {
	if fastMinify(m, dst, src) {
		return nil
	}
	return m.Minify("text/html", dst, bytes.NewReader(src))
}

// Traits of tags and attributes, as html.Minifier's tables give them.
type tagTraits uint8

const (
	phrasing tagTraits = 1 << iota // tdewolff's normalTag
	block                          // spaces around it go
	object                         // spaces after it stay
)

// bodyTags are the tags the fast path knows, with the traits that matter
// to html.Minifier when end tags are kept (minify/v2 html/table.go).
var bodyTags = tagTable(map[string]tagTraits{
	"a": 0, "abbr": phrasing, "b": phrasing, "blockquote": block, "br": block,
	"code": phrasing, "dd": block, "del": 0, "div": block, "dl": block, "dt": block,
	"em": phrasing, "figcaption": block, "figure": block,
	"h1": block, "h2": block, "h3": block, "h4": block, "h5": block, "h6": block,
	"hr": block, "i": phrasing, "img": object, "input": object, "kbd": phrasing,
	"li": block, "mark": phrasing, "ol": block, "p": block, "picture": phrasing,
	"pre": block, "s": phrasing, "section": block, "small": phrasing,
	"source": phrasing, "span": phrasing, "strong": phrasing, "sub": phrasing,
	"sup": phrasing, "table": block, "tbody": block, "td": block, "tfoot": block,
	"th": block, "thead": block, "tr": block, "u": phrasing, "ul": block,
})

type tagInfo struct {
	name   string // the key itself, so that a token needs no string of its own
	traits tagTraits
}

func tagTable(traits map[string]tagTraits) map[string]tagInfo {
	t := make(map[string]tagInfo, len(traits))
	for name, tr := range traits {
		t[name] = tagInfo{name, tr}
	}
	return t
}

type attrTraits uint8

const (
	plainAttr attrTraits = iota
	trimAttr             // whitespace runs become one
	urlAttr              // an http(s) scheme is lower-cased
	boolAttr             // written without its value
	styleAttr            // minified as CSS
)

// bodyAttrs are the attributes the fast path knows; html.Minifier treats
// each as its traits say, and has no rule of its own for any of them on
// the tags above but the ones fastMinify bails on.
var bodyAttrs = map[string]attrTraits{
	"alt": plainAttr, "aria-label": plainAttr, "id": plainAttr, "role": plainAttr, "title": plainAttr,
	"class": trimAttr, "colspan": trimAttr, "datetime": trimAttr, "decoding": trimAttr,
	"dir": trimAttr, "fetchpriority": trimAttr, "height": trimAttr, "lang": trimAttr,
	"loading": trimAttr, "rel": trimAttr, "rowspan": trimAttr, "sizes": trimAttr,
	"srcset": trimAttr, "start": trimAttr, "target": trimAttr, "type": trimAttr, "width": trimAttr,
	"cite": urlAttr, "href": urlAttr, "src": urlAttr,
	"checked": boolAttr, "disabled": boolAttr, "reversed": boolAttr,
	"style": styleAttr,
}

type tokenKind uint8

const (
	textToken tokenKind = iota
	startToken
	endToken
)

type bodyToken struct {
	kind   tokenKind
	traits tagTraits
	name   string // tag name; "" for text
	data   []byte // text; for a start tag, its attributes as written
}

type bodyScratch struct {
	toks []bodyToken
	text []byte // a text's or value's bytes, changed in place
	attr []byte // EscapeAttrVal's buffer
	css  bytes.Buffer
	// styles holds inline CSS as minified: a table's cells repeat the
	// same few alignments.
	styles map[string][]byte
}

// inlineCSS minifies a style attribute's value as html.Minifier does.
func (s *bodyScratch) inlineCSS(m *minify.M, val []byte) ([]byte, bool) {
	if css, ok := s.styles[string(val)]; ok {
		return css, true
	}
	s.css.Reset()
	if err := m.MinifyMimetype([]byte("text/css"), &s.css, bytes.NewReader(val), map[string]string{"inline": "1"}); err != nil {
		return nil, false
	}
	css := bytes.Clone(s.css.Bytes())
	if s.styles == nil || len(s.styles) == 64 {
		s.styles = make(map[string][]byte, 8)
	}
	s.styles[string(val)] = css
	return css, true
}

// settled reports that the minifier would leave text as it is: no
// entity, and no whitespace but single spaces and line breaks. Each
// search is one of the bytes package's vectorised scans; a loop over the
// bytes took a third of MinifyBody's time.
func settled(text []byte) bool {
	if bytes.IndexByte(text, '&') >= 0 || bytes.IndexByte(text, '\t') >= 0 || bytes.IndexByte(text, '\r') >= 0 ||
		bytes.IndexByte(text, '\f') >= 0 || bytes.Contains(text, []byte("  ")) {
		return false
	}
	for i := bytes.IndexByte(text, '\n'); i >= 0; {
		if i > 0 && text[i-1] == ' ' || i+1 < len(text) && (text[i+1] == ' ' || text[i+1] == '\n') {
			return false
		}
		next := bytes.IndexByte(text[i+1:], '\n')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return true
}

var bodyScratches = sync.Pool{New: func() any { return new(bodyScratch) }}

// fastMinify writes src minified to dst and reports true, or writes
// nothing and reports false when src holds anything it does not know.
func fastMinify(m *minify.M, dst *bytes.Buffer, src []byte) bool {
	s := bodyScratches.Get().(*bodyScratch)
	defer bodyScratches.Put(s)
	toks, ok := lexBody(s.toks[:0], src)
	s.toks = toks[:0]
	if !ok {
		return false
	}
	mark := dst.Len()
	if !s.write(m, dst, toks) {
		dst.Truncate(mark)
		return false
	}
	return true
}

// lexBody splits src into text, start tags and end tags, and reports
// false at anything else.
func lexBody(toks []bodyToken, src []byte) ([]bodyToken, bool) {
	for i := 0; i < len(src); {
		if src[i] != '<' {
			j := bytes.IndexByte(src[i:], '<')
			if j < 0 {
				j = len(src) - i
			}
			toks = append(toks, bodyToken{kind: textToken, data: src[i : i+j]})
			i += j
			continue
		}
		end := bytes.IndexByte(src[i:], '>')
		if end < 0 {
			return toks, false
		}
		tag := src[i+1 : i+end]
		kind := startToken
		if len(tag) > 0 && tag[0] == '/' {
			kind, tag = endToken, tag[1:]
		}
		n := 0
		for n < len(tag) && (tag[n] >= 'a' && tag[n] <= 'z' || n > 0 && tag[n] >= '1' && tag[n] <= '6') {
			n++
		}
		info, known := bodyTags[string(tag[:n])]
		if n == 0 || !known || kind == endToken && n != len(tag) ||
			n < len(tag) && tag[n] != ' ' || bytes.IndexByte(tag, '<') >= 0 || tag[len(tag)-1] == '/' {
			return toks, false
		}
		toks = append(toks, bodyToken{kind: kind, traits: info.traits, name: info.name, data: tag[n:]})
		i += end + 1
	}
	return toks, true
}

// write follows html.Minifier.Minify (KeepDocumentTags, KeepEndTags and
// KeepDefaultAttrVals set, as NewMinifier sets them) for toks.
func (s *bodyScratch) write(m *minify.M, dst *bytes.Buffer, toks []bodyToken) bool {
	omitSpace := true // the next leading space goes
	inPre := false
	for i, t := range toks {
		switch t.kind {
		case textToken:
			if inPre {
				dst.Write(t.data)
				continue
			}
			d := t.data // read only, unless it has something to replace
			if !settled(d) {
				s.text = append(s.text[:0], d...) // the minifier changes it in place
				d = parse.ReplaceMultipleWhitespaceAndEntities(s.text, html.EntitiesMap, html.TextRevEntitiesMap)
			}
			if omitSpace && parse.IsWhitespace(d[0]) {
				d = d[1:]
			}
			omitSpace = false
			if len(d) == 0 {
				omitSpace = true
			} else if parse.IsWhitespace(d[len(d)-1]) {
				omitSpace = true
				for j := i + 1; ; j++ {
					if j-(i+1) > 100 { // the minifier looks no further
						omitSpace = false
						break
					}
					if j == len(toks) { // the end
						d = d[:len(d)-1]
						omitSpace = false
						break
					}
					next := toks[j]
					if next.kind == textToken {
						if !parse.IsAllWhitespace(next.data) {
							break
						}
						continue
					}
					if next.traits&block != 0 {
						d = d[:len(d)-1]
						omitSpace = false
						break
					}
					if next.kind == startToken {
						break
					}
				}
			}
			dst.Write(d)
		default: // a start or an end tag
			if t.name == "pre" {
				inPre = t.kind == startToken
			}
			if t.traits&object != 0 {
				omitSpace = false
			} else if t.traits&block != 0 {
				omitSpace = true
			}
			if t.kind == endToken {
				dst.WriteString("</")
				dst.WriteString(t.name)
				dst.WriteByte('>')
				continue
			}
			dst.WriteByte('<')
			dst.WriteString(t.name)
			if !s.writeAttrs(m, dst, t) {
				return false
			}
			dst.WriteByte('>')
			// A space after an empty phrasing element stays.
			if t.traits == phrasing && i+1 < len(toks) && toks[i+1].kind == endToken && toks[i+1].name == t.name {
				omitSpace = false
			}
		}
	}
	return true
}

// writeAttrs writes a start tag's attributes as html.Minifier does, and
// reports false at one it does not know or writes in a way of its own.
func (s *bodyScratch) writeAttrs(m *minify.M, dst *bytes.Buffer, t bodyToken) bool {
	for a := t.data; len(a) > 0; {
		if a[0] != ' ' {
			return false
		}
		a = a[1:]
		n := 0
		for n < len(a) && (a[n] >= 'a' && a[n] <= 'z' || a[n] == '-') {
			n++
		}
		name := a[:n]
		traits, known := bodyAttrs[string(name)]
		if n == 0 || !known {
			return false
		}
		a = a[n:]
		var val []byte
		quoted := false
		if len(a) > 0 && a[0] == '=' {
			if len(a) < 2 || a[1] != '"' {
				return false
			}
			end := bytes.IndexByte(a[2:], '"')
			if end < 0 {
				return false
			}
			val, quoted = a[2:2+end], true
			a = a[2+end+1:]
		}
		if len(a) > 0 && a[0] != ' ' {
			return false
		}
		s.text = append(s.text[:0], val...) // changed in place below
		val = s.text
		switch traits {
		case trimAttr:
			val = parse.TrimWhitespace(parse.ReplaceMultipleWhitespaceAndEntities(val, html.EntitiesMap, nil))
		default:
			val = parse.ReplaceEntities(val, html.EntitiesMap, nil)
		}
		if len(val) == 0 && (string(name) == "class" || string(name) == "dir" || string(name) == "id") {
			continue // an empty one goes
		}
		if string(name) == "type" && (t.name == "a" || t.name == "source") {
			val = minify.Mediatype(val)
		}
		switch traits {
		case styleAttr:
			css, ok := s.inlineCSS(m, parse.TrimWhitespace(val))
			if !ok {
				return false
			}
			if val = css; len(val) == 0 {
				continue
			}
		case urlAttr:
			val = parse.TrimWhitespace(val)
			if 5 < len(val) {
				if parse.EqualFold(val[:4], []byte("http")) {
					if val[4] == ':' {
						parse.ToLower(val[:4])
					} else if (val[4] == 's' || val[4] == 'S') && val[5] == ':' {
						parse.ToLower(val[:5])
					}
				} else if parse.EqualFold(val[:5], []byte("data:")) {
					return false // the minifier minifies what it holds
				}
			}
		}
		dst.WriteByte(' ')
		dst.Write(name)
		if len(val) > 0 && traits != boolAttr {
			dst.WriteByte('=')
			quote := byte(0)
			if quoted {
				quote = '"'
			}
			dst.Write(parsehtml.EscapeAttrVal(&s.attr, val, quote, false))
		}
	}
	return true
}

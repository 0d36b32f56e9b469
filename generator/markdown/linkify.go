package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkify is extension.Linkify with its parser behind quickLinkify, at the
// extension's own priority.
type linkify struct{}

func (linkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999)))
}

// quickLinkify hands goldmark's autolink parser only the places where it
// can find a link. That parser is tried at every space (and at * _ ~ ( and
// each line's start), where it tests for a URL, then for an e-mail address
// word by word: at 10,000 pages 10 million tries, a quarter of the time
// goldmark spent parsing, that almost all find nothing.
type quickLinkify struct{ parser.InlineParser }

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !startsURL(line) && (!atWithin(block.Source(), seg.Start, pc) || !mayLink(line)) {
		return nil
	}
	return q.InlineParser.Parse(parent, block, pc)
}

// atKey keeps a document's atIndex in its parser.Context.
var atKey = parser.NewContextKey()

// atIndex is where the document's next '@' is (next; len(source) when
// none) at or after from, found once for many tries: most pages hold no
// address, and then each try costs a comparison, not a look at its word.
type atIndex struct{ from, next int }

// atWithin reports whether source holds an '@' in the emailScan+2 bytes
// from start: the most a try at start looks at (the trigger byte, then
// the window mayLink scans; a line's padding only pushes them later).
func atWithin(source []byte, start int, pc parser.Context) bool {
	at, _ := pc.Get(atKey).(*atIndex)
	if at == nil {
		at = &atIndex{from: -1}
		pc.Set(atKey, at)
	}
	if start < at.from || start > at.next {
		at.from, at.next = start, len(source)
		if i := bytes.IndexByte(source[min(start, len(source)):], '@'); i >= 0 {
			at.next = start + i
		}
	}
	return at.next < start+emailScan+2
}

// startsURL reports whether a try at line may find a URL: the same test
// as mayLink's, without the address.
func startsURL(line []byte) bool {
	if len(line) == 0 {
		return true
	}
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		line = line[1:]
	}
	if len(line) == 0 {
		return false
	}
	switch line[0] {
	case 'h', 'f', 'w':
		return bytes.HasPrefix(line, []byte("http:")) || bytes.HasPrefix(line, []byte("https:")) ||
			bytes.HasPrefix(line, []byte("ftp:")) || bytes.HasPrefix(line, []byte("www."))
	}
	return false
}

// emailScan is how far util.FindEmailIndex looks for the '@' of an
// address: at most 64 bytes before it.
const emailScan = 64

// notInAddress has a bit set for each ASCII byte that util.FindEmailIndex
// does not take in an address's name: controls, space, DEL and
// "(),:;<>[\] ('@' ends the name). Bytes 0-63 are in its low word.
const notInAddressLo, notInAddressHi uint64 = 0x5c001305ffffffff, 0x8000000038000000

// mayLink reports whether goldmark's linkify parser could find a link at
// line: it skips one trigger byte, as that parser does, then finds a link
// only at http:, https:, ftp: or www., or as an e-mail address, whose '@'
// comes within emailScan bytes after letters, digits and the marks
// util.FindEmailIndex allows. It is false only where that parser returns
// nil.
func mayLink(line []byte) bool {
	if len(line) == 0 {
		return true // let the parser itself say
	}
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		line = line[1:]
	}
	if len(line) > 0 {
		switch line[0] {
		case 'h', 'f', 'w':
			if bytes.HasPrefix(line, []byte("http:")) || bytes.HasPrefix(line, []byte("https:")) ||
				bytes.HasPrefix(line, []byte("ftp:")) || bytes.HasPrefix(line, []byte("www.")) {
				return true
			}
		}
	}
	for _, c := range line[:min(len(line), emailScan+1)] {
		switch {
		case c == '@':
			return true
		case c < 64 && notInAddressLo&(1<<c) != 0, c >= 64 && (c >= 128 || notInAddressHi&(1<<(c-64)) != 0):
			return false // not in an address's name: no '@' follows it
		}
	}
	return false
}

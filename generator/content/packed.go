package content

import (
	"bytes"
	"sync"
	"unsafe"

	"github.com/golang/snappy"
	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"
)

// Packed is text held compressed with snappy. A page's rendered HTML and
// plain text are most of what a loaded site holds (175 of 217 MB live at
// 10,000 pages); snappy keeps them in about 40% of the space, and packing
// and unpacking a whole 10,000-page site's bodies costs ~0.2 s of CPU
// (650 MB/s in, several GB/s out), where holding them raw made a build
// pay in memory it did not have at 100,000 pages. snappy is already in the
// module graph through bleve.
type Packed []byte

// scratch holds buffers for packing, reused from page to page.
var scratch sync.Pool

// Pack compresses b into a slice of exactly its compressed size.
func Pack(b []byte) Packed {
	if len(b) == 0 {
		return nil
	}
	buf, _ := scratch.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	if n := snappy.MaxEncodedLen(len(b)); cap(*buf) < n {
		*buf = make([]byte, n)
	}
	out := bytes.Clone(snappy.Encode((*buf)[:cap(*buf)], b))
	scratch.Put(buf)
	return out
}

// String returns the text unpacked.
func (p Packed) String() string {
	b := p.Bytes()
	if len(b) == 0 {
		return ""
	}
	// b is never written again, so the string may share it.
	return unsafe.String(&b[0], len(b))
}

// Bytes returns the text unpacked into a new slice.
func (p Packed) Bytes() []byte {
	if len(p) == 0 {
		return nil
	}
	return p.UnpackInto(nil)
}

// unpacked holds buffers text is unpacked into for a moment, reused.
var unpacked sync.Pool

// Borrow returns the text unpacked into a reused buffer, valid until
// release is called: for text that is only copied from, such as a page's
// body while its own page is rendered, which was 5% of what a build
// allocated.
func (p Packed) Borrow() (text string, release func()) {
	if len(p) == 0 {
		return "", func() {}
	}
	buf, _ := unpacked.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	*buf = p.UnpackInto(*buf)
	release = func() { unpacked.Put(buf) }
	if len(*buf) == 0 {
		return "", release
	}
	return unsafe.String(&(*buf)[0], len(*buf)), release
}

// UnpackInto unpacks the text into buf, or a new slice if buf is too small.
func (p Packed) UnpackInto(buf []byte) []byte {
	n, err := snappy.DecodedLen(p)
	if err != nil {
		panic("generator: corrupt packed text: " + err.Error()) // only pack makes these
	}
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	out, err := snappy.Decode(buf[:n], p)
	if err != nil {
		panic("generator: corrupt packed text: " + err.Error())
	}
	return out
}

// Content is the page's rendered body (HTML).
func (p *Page) Content() template.HTML { return template.HTML(p.Body.String()) }

// PlainText is the page's body as plain text, for search.
func (p *Page) PlainText() string { return p.Plain.String() }

package bleveengine

import (
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/numeric"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/ideas-hub/hub/internal/slug"

	"github.com/ideas-hub/hub/search"
)

// Field options, matching newMapping (TestFieldsMatchMapping keeps them in step).
const (
	optText       = index.IndexField
	optStoredText = index.IndexField | index.StoreField
	optKeyword    = index.IndexField | index.StoreField | index.DocValues
	optSortKey    = index.IndexField | index.DocValues
	optStoredOnly = index.StoreField
)

// docMaker turns Documents into bleve documents with every text field already
// analysed. It replaces bleve's reflection-based mapping on the indexing path:
// analysing in our own workers, with a stem memo per worker, is what lets a
// build keep both cores busy (see BenchmarkIndex). Not safe for concurrent
// use; one per worker.
type docMaker struct {
	an        *textAnalyzer
	scratch   map[string]*tfScratch   // by field name: see analyzedText
	keywords  map[string][]*tfScratch // by field name and array position: see keywordField
	extra     []search.Taxonomy       // the schema's taxonomies but tags
	compounds []termCount             // of the document being made, from every text field
}

func newDocMaker(s search.Schema) *docMaker {
	return &docMaker{an: newTextAnalyzer(4096), scratch: map[string]*tfScratch{}, keywords: map[string][]*tfScratch{}, extra: s.Extra()}
}

// tfScratch is the TokenFrequencies map, and the entries it points to, that
// a docMaker's fields of one name (and array position) hand to bleve in
// turn.
type tfScratch struct {
	freqs index.TokenFrequencies
	slab  []index.TokenFreq
}

// make builds the bleve document of d, which must be valid.
func (m *docMaker) make(d *search.Document) *document.Document {
	doc := document.NewDocument(d.URL)
	m.text(doc, fieldTitle, d.Title, optStoredText)
	m.text(doc, fieldSummary, d.Summary, optStoredText)
	m.text(doc, fieldBody, d.Body, optText)
	m.text(doc, fieldMeta, m.metaText(d), optText)
	if len(m.compounds) > 0 {
		doc.AddField(&analyzedText{name: fieldCompound, opts: optText, length: len(m.compounds),
			terms: m.compounds, an: m.an, scratch: m.scratchOf(fieldCompound)})
		m.compounds = nil
	}
	if d.Body != "" {
		doc.AddField(document.NewTextFieldCustom(fieldExcerpt, nil, []byte(truncateUTF8(d.Body, excerptBytes)), optStoredOnly, nil))
	}
	m.keyword(doc, fieldType, -1, d.Type, optKeyword)
	for i, t := range tagSlugs(d.Tags) {
		m.keyword(doc, fieldTags, i, t, optKeyword)
	}
	for _, tx := range m.extra {
		for i, t := range tagSlugs(d.Terms[tx.Name]) {
			m.keyword(doc, termsField(tx.Name), i, t, optKeyword)
		}
	}
	m.keyword(doc, fieldTitleSort, -1, strings.ToLower(strings.TrimSpace(d.Title)), optSortKey)
	if !d.Date.IsZero() {
		// checkDocument has checked the year range, so the date fits.
		m.keyword(doc, fieldDate, -1, dateTerm(d.Date), optSortKey)
		m.keyword(doc, fieldDay, -1, d.Date.Format(search.DayLayout), optStoredOnly)
	}
	return doc
}

func (m *docMaker) text(doc *document.Document, name, value string, opts index.FieldIndexingOptions) {
	if value == "" {
		return
	}
	f := &analyzedText{name: name, size: len(value), opts: opts, an: m.an, scratch: m.scratchOf(name)}
	if opts.IsStored() {
		f.value = []byte(value)
	}
	// Analysis only reads the text and keeps none of it, so it can read the
	// string in place rather than a copy.
	f.length, f.terms = m.an.frequencies(unsafe.Slice(unsafe.StringData(value), len(value)))
	for _, id := range m.an.compounds {
		if !slices.ContainsFunc(m.compounds, func(c termCount) bool { return c.id == id }) {
			m.compounds = append(m.compounds, termCount{id: id, n: 1})
		}
	}
	doc.AddField(f)
}

// release tells m that the documents it made so far are written: their
// text fields name their terms by the analyzer's stem ids, which must hold
// until then (textAnalyzer.release).
func (m *docMaker) release() { m.an.release() }

// scratchOf returns the scratch of the fields named name.
func (m *docMaker) scratchOf(name string) *tfScratch {
	sc := m.scratch[name]
	if sc == nil {
		sc = &tfScratch{freqs: index.TokenFrequencies{}}
		m.scratch[name] = sc
	}
	return sc
}

// keyword adds a field indexed as one term: the i-th value of a list, or
// the field's one value if i is -1.
func (m *docMaker) keyword(doc *document.Document, name string, i int, value string, opts index.FieldIndexingOptions) {
	f := &keywordField{name: name, value: value, opts: opts}
	if i >= 0 {
		f.pos = []uint64{uint64(i)}
	}
	if opts.IsIndexed() {
		at := max(i, 0)
		list := m.keywords[name]
		for len(list) <= at {
			list = append(list, &tfScratch{freqs: index.TokenFrequencies{}, slab: make([]index.TokenFreq, 1)})
		}
		m.keywords[name] = list
		f.scratch = list[at]
	}
	doc.AddField(f)
}

// analyzedText is a text field analysed by docMaker rather than by bleve:
// its term frequencies are counted straight from the words, without the
// token objects and the per-term allocations of bleve's TextField, which
// were a fifth of the indexing time. bleve reads it like any text field.
//
// It keeps its terms as counts (textAnalyzer.frequencies) and makes the
// TokenFrequencies map afresh each time bleve asks, which is only while the
// batch is turned into a segment (twice per field: zap sizes its postings,
// then fills them); zap drops each map soon after. On generated pages of
// 300–1,500 words a document waiting in a batch holds about 10 KB, against
// 81 KB when it kept its maps and a copy of its body; a page's maps are
// 50 KB. Its counts name their terms by the stem ids of its docMaker's
// analyzer, so the docMaker keeps them until the batch is written
// (release).
//
// The map is not made afresh: every field of one name from one docMaker
// fills the same one, its tfScratch. zap asks for a document's fields one
// document at a time, while it turns the batch into a segment in the
// goroutine that called Batch, and is done with a map before it asks for
// the same field of the next document (it sizes its postings from each map
// as it gets it, and fills them from the maps of one document before the
// next). The fresh maps were a sixth of a build's allocations.
type analyzedText struct {
	name    string
	value   []byte // the text if stored; bleve reads no other field's value
	size    int    // bytes of text
	opts    index.FieldIndexingOptions
	length  int
	terms   []termCount
	an      *textAnalyzer // whose stems terms name
	scratch *tfScratch
}

func (f *analyzedText) Name() string                        { return f.name }
func (f *analyzedText) ArrayPositions() []uint64            { return nil }
func (f *analyzedText) Options() index.FieldIndexingOptions { return f.opts }
func (f *analyzedText) Analyze()                            {}
func (f *analyzedText) Value() []byte                       { return f.value }
func (f *analyzedText) NumPlainTextBytes() uint64           { return uint64(f.size) }
func (f *analyzedText) EncodedFieldType() byte              { return 't' }
func (f *analyzedText) AnalyzedLength() int                 { return f.length }

func (f *analyzedText) AnalyzedTokenFrequencies() index.TokenFrequencies {
	sc := f.scratch
	clear(sc.freqs)
	sc.slab = slices.Grow(sc.slab[:0], len(f.terms))[:len(f.terms)]
	freqs, slab := sc.freqs, sc.slab
	for i, tc := range f.terms {
		st := f.an.stemAt(tc.id)
		tf := &slab[i]
		tf.Term = st.term
		tf.SetFrequency(int(tc.n))
		freqs[st.key] = tf
	}
	return freqs
}

// Size estimates the memory held, for bleve's accounting.
func (f *analyzedText) Size() int { return 64 + len(f.name) + len(f.value) + 8*len(f.terms) }

// keywordField is a field indexed as one term, as bleve's TextField with no
// analyzer indexes it, but like analyzedText it makes its map only when
// bleve asks: bleve's fields are analysed when their batch goes to the
// index and hold their maps until it is written, which for a page's
// keywords and date came to 6.5 KB. Like analyzedText's, its map is its
// docMaker's scratch for its name and array position: fresh maps were a
// ninth of the index's allocations in a 10,000-page build. zap merges the
// maps of a list's later values into its first one's (MergeAll), so the
// values of one list each have their own.
type keywordField struct {
	name    string
	pos     []uint64
	value   string
	opts    index.FieldIndexingOptions
	scratch *tfScratch // nil when the field is only stored
}

func (f *keywordField) Name() string                        { return f.name }
func (f *keywordField) ArrayPositions() []uint64            { return f.pos }
func (f *keywordField) Options() index.FieldIndexingOptions { return f.opts }
func (f *keywordField) Analyze()                            {}
func (f *keywordField) Value() []byte                       { return unsafe.Slice(unsafe.StringData(f.value), len(f.value)) }
func (f *keywordField) NumPlainTextBytes() uint64           { return uint64(len(f.value)) }
func (f *keywordField) EncodedFieldType() byte              { return 't' }
func (f *keywordField) Size() int                           { return 64 + len(f.name) + len(f.value) + 8*len(f.pos) }

// AnalyzedLength is the one term, or none when the field is only stored,
// which bleve never analyses.
func (f *keywordField) AnalyzedLength() int {
	if !f.opts.IsIndexed() {
		return 0
	}
	return 1
}

func (f *keywordField) AnalyzedTokenFrequencies() index.TokenFrequencies {
	if !f.opts.IsIndexed() {
		return nil
	}
	sc := f.scratch
	clear(sc.freqs)
	tf := &sc.slab[0]
	*tf = index.TokenFreq{Term: f.Value()}
	tf.SetFrequency(1)
	sc.freqs[f.value] = tf
	return sc.freqs
}

// dateTerm is the one term of a page's date: its civil time (civilTime) in
// Unix nanoseconds, prefix coded as bleve codes numbers, so that it sorts
// as the dates do. columns reads it back from the doc values, and filters
// and sorts by it there; no query ever looks the field up. bleve's own
// date field also indexes the date at 15 coarser precisions, for numeric
// range queries, which cost a build 150,000 postings and 110,000 distinct
// terms at 10,000 pages (more than the body's 9,000), and a sixth of its
// allocations, for nothing here.
func dateTerm(t time.Time) string {
	return string(numeric.MustNewPrefixCodedInt64(civilTime(t).UnixNano(), 0))
}

// tagSlugs returns the distinct slugs of tags (or of another taxonomy's
// terms). The generator hands over slugs already; normalising again
// guarantees that the filter, which normalises what readers type, meets
// them. A spelling that is a slug already is its own slug, and is taken as
// it is: slug.Tag runs regular expressions over every spelling, which was
// a thirtieth of the index's CPU time in a 10,000-page build.
func tagSlugs(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		s := t
		if !isSlug(t) {
			s = slug.Tag(t)
		}
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// isSlug reports whether s is what slug.Tag makes of it: lower-case ASCII
// letters and digits in words joined by single hyphens.
func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// metaText is the text of the smaller fields that are searched together:
// authors, type-specific text and the terms of every taxonomy as words (so
// that "timebanking" finds a page tagged timebanking whose body never says
// it).
func (m *docMaker) metaText(d *search.Document) string {
	var b strings.Builder
	write := func(list []string) {
		for _, s := range list {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	write(d.Authors)
	write(d.Extra)
	write(d.Tags)
	for _, tx := range m.extra {
		write(d.Terms[tx.Name])
	}
	return strings.ReplaceAll(b.String(), "-", " ")
}

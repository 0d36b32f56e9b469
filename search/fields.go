package search

import (
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/ideas-hub/hub/internal/slug"
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
	an *textAnalyzer
}

func newDocMaker() *docMaker { return &docMaker{an: newTextAnalyzer(4096)} }

// make builds the bleve document of d, which must be valid.
func (m *docMaker) make(d *Document) *document.Document {
	doc := document.NewDocument(d.URL)
	m.text(doc, fieldTitle, d.Title, optStoredText)
	m.text(doc, fieldSummary, d.Summary, optStoredText)
	m.text(doc, fieldBody, d.Body, optText)
	m.text(doc, fieldMeta, metaText(d), optText)
	if d.Body != "" {
		doc.AddField(document.NewTextFieldCustom(fieldExcerpt, nil, []byte(truncateUTF8(d.Body, excerptBytes)), optStoredOnly, nil))
	}
	addKeyword(doc, fieldType, nil, d.Type, optKeyword)
	for i, t := range tagSlugs(d.Tags) {
		addKeyword(doc, fieldTags, []uint64{uint64(i)}, t, optKeyword)
	}
	addKeyword(doc, fieldTitleSort, nil, strings.ToLower(strings.TrimSpace(d.Title)), optSortKey)
	if !d.Date.IsZero() {
		// validate has checked the year range, so this cannot fail.
		if f, err := document.NewDateTimeFieldWithIndexingOptions(fieldDate, nil, civilTime(d.Date), "", optSortKey); err == nil {
			doc.AddField(f)
		}
		addKeyword(doc, fieldDay, nil, d.Date.Format(dayLayout), optStoredOnly)
	}
	return doc
}

func (m *docMaker) text(doc *document.Document, name, value string, opts index.FieldIndexingOptions) {
	if value == "" {
		return
	}
	b := []byte(value)
	f := &analyzedText{name: name, value: b, opts: opts}
	f.length, f.freqs = m.an.frequencies(b)
	doc.AddField(f)
}

// addKeyword adds a field indexed as one term (a nil analyzer does that).
func addKeyword(doc *document.Document, name string, pos []uint64, value string, opts index.FieldIndexingOptions) {
	doc.AddField(document.NewTextFieldCustom(name, pos, []byte(value), opts, nil))
}

// analyzedText is a text field analysed by docMaker rather than by bleve:
// its term frequencies are counted straight from the words, without the
// token objects and the per-term allocations of bleve's TextField, which
// were a fifth of the indexing time. bleve reads it like any text field.
type analyzedText struct {
	name   string
	value  []byte
	opts   index.FieldIndexingOptions
	length int
	freqs  index.TokenFrequencies
}

func (f *analyzedText) Name() string                                     { return f.name }
func (f *analyzedText) ArrayPositions() []uint64                         { return nil }
func (f *analyzedText) Options() index.FieldIndexingOptions              { return f.opts }
func (f *analyzedText) Analyze()                                         {}
func (f *analyzedText) Value() []byte                                    { return f.value }
func (f *analyzedText) NumPlainTextBytes() uint64                        { return uint64(len(f.value)) }
func (f *analyzedText) EncodedFieldType() byte                           { return 't' }
func (f *analyzedText) AnalyzedLength() int                              { return f.length }
func (f *analyzedText) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// Size estimates the memory held, for bleve's accounting.
func (f *analyzedText) Size() int { return 64 + len(f.name) + len(f.value) + 48*len(f.freqs) }

// tagSlugs returns the distinct slugs of tags. The generator hands over
// slugs already; normalising again costs little and guarantees that the tag
// filter, which normalises what readers type, meets them.
func tagSlugs(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if s := slug.Tag(t); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// metaText is the text of the smaller fields that are searched together:
// authors, type-specific text and the tags as words (so that "timebanking"
// finds a page tagged timebanking whose body never says it).
func metaText(d *Document) string {
	var b strings.Builder
	for _, list := range [][]string{d.Authors, d.Extra, d.Tags} {
		for _, s := range list {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	return strings.ReplaceAll(b.String(), "-", " ")
}

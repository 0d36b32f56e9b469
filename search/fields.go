package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
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

func newDocMaker() *docMaker { return &docMaker{an: newTextAnalyzer(true)} }

// make builds the bleve document of d, which must be valid.
func (m *docMaker) make(d *Document) *document.Document {
	doc := document.NewDocument(d.URL)
	m.text(doc, fieldTitle, d.Title, optStoredText)
	m.text(doc, fieldSummary, d.Summary, optStoredText)
	m.text(doc, fieldBody, d.Body, optText)
	m.text(doc, fieldExtra, strings.Join(d.Extra, "\n"), optText)
	m.text(doc, fieldAuthors, strings.Join(d.Authors, "\n"), optText)
	m.text(doc, fieldTagText, strings.ReplaceAll(strings.Join(d.Tags, "\n"), "-", " "), optText)
	if d.Body != "" {
		doc.AddField(document.NewTextFieldCustom(fieldExcerpt, nil, []byte(truncateUTF8(d.Body, excerptBytes)), optStoredOnly, nil))
	}
	addKeyword(doc, fieldType, nil, d.Type, optKeyword)
	for i, t := range d.Tags {
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
	tokens := analyzed(m.an.analyze(b, nil))
	doc.AddField(document.NewTextFieldCustom(name, nil, b, opts, tokens))
}

// addKeyword adds a field indexed as one term (a nil analyzer does that).
func addKeyword(doc *document.Document, name string, pos []uint64, value string, opts index.FieldIndexingOptions) {
	doc.AddField(document.NewTextFieldCustom(name, pos, []byte(value), opts, nil))
}

// analyzed hands bleve a token stream computed earlier: bleve calls Analyze
// once per field when it writes the segment.
type analyzed analysis.TokenStream

func (a analyzed) Analyze([]byte) analysis.TokenStream { return analysis.TokenStream(a) }

package bleveengine

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/ideas-hub/hub/search"
)

// Field names in the index.
const (
	fieldTitle     = "title"      // text, stored: hit title, strongest match
	fieldSummary   = "summary"    // text, stored: hit summary
	fieldBody      = "body"       // text, not stored: too big to keep twice
	fieldExcerpt   = "excerpt"    // stored only: the start of the body, for snippets
	fieldMeta      = "meta"       // text: authors, tags as words, organisation, place, report author...
	fieldType      = "type"       // keyword, stored, doc values: filter and facet
	fieldTags      = "tags"       // keyword, stored, doc values: filter and facet
	fieldDate      = "date"       // keyword (dateTerm), doc values: date filter and sort
	fieldDay       = "day"        // stored only: YYYY-MM-DD for the hit
	fieldTitleSort = "title_sort" // keyword, doc values: sort=title
	// fieldCompound holds the words a page writes with hyphens, read
	// whole ("co-production": coproduct), which the text fields have too;
	// this field only tells the vocabulary which terms they are, for
	// snippets (snippeter.joins).
	fieldCompound = "compound"
)

// termsField is the field of a taxonomy other than tags: keyword, stored,
// doc values, as tags. The prefix keeps a taxonomy's name from ever
// meeting a field above.
func termsField(taxonomy string) string { return "terms_" + taxonomy }

// docType is the bleve document type of every page.
const docType = "page"

// excerptBytes bounds the stored body used for snippets, which nearly always
// come from the first paragraphs. Measured on 10,000 pages of 300–1,500
// words: whole bodies made the index a third larger (83 MB against 62 MB)
// and the build about 8% slower; 2 KB saved little more than 4 KB.
const excerptBytes = 4096

// newMapping returns the index mapping of schema s. Everything is
// explicit: no dynamic fields, no _all catch-all, no term vectors (snippets
// are made from stored text in snippet.go, not by bleve's highlighter).
// An index of an earlier hub, built before the compound field and the
// British spellings, has another mapping and fails OpenVerified: its terms
// would not meet this hub's queries.
func newMapping(s search.Schema) *mapping.IndexMappingImpl {
	text := func(store bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keywordField := func(store bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = true
		return f
	}
	storedOnly := func() *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Index = false
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	page := mapping.NewDocumentStaticMapping()
	add := func(name string, f *mapping.FieldMapping) { page.AddFieldMappingsAt(name, f) }
	add(fieldTitle, text(true))
	add(fieldSummary, text(true))
	add(fieldBody, text(false))
	add(fieldExcerpt, storedOnly())
	add(fieldMeta, text(false))
	add(fieldType, keywordField(true))
	add(fieldTags, keywordField(true))
	add(fieldDate, keywordField(false))
	add(fieldDay, storedOnly())
	add(fieldTitleSort, keywordField(false))
	add(fieldCompound, text(false))
	for _, t := range s.Extra() {
		add(termsField(t.Name), keywordField(true))
	}

	// A disabled "_all" sub-mapping is how bleve is told not to build the
	// catch-all composite field, which would double the indexing work.
	noAll := mapping.NewDocumentDisabledMapping()
	page.AddSubDocumentMapping("_all", noAll)

	m := mapping.NewIndexMapping()
	m.AddDocumentMapping(docType, page)
	m.DefaultMapping = mapping.NewDocumentDisabledMapping()
	m.DefaultAnalyzer = en.AnalyzerName
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	return m
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

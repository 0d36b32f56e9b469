// Package bleveengine is the search.Engine hub ships: an offline bleve
// index, built from the site's pages and answering the endpoint's requests.
//
// The generator hands every published page over as a search.Document; Build
// (or BuildStream, which indexes while pages are still being rendered)
// writes a complete index into a fresh folder, records the build id and the
// site's search.Schema in it, and swaps it in only when it is whole. Open
// gives an Index, a search.Engine; Live keeps one in step with the preview;
// NewReloader serves the index a deploy puts in place, after OpenVerified
// has checked it is whole.
//
// Text is matched by bleve (term queries per field, boosted title > summary
// > other text > body, with close alternatives of rare words for typos),
// with hub's own English analysis (analyze.go: British and American
// spellings as one word, hyphenated words also whole). A query is planned
// into units, words and phrases of the thesaurus with their synonyms
// (query.go, thesaurus.go), and matched soft AND: every unit first, then
// most of them (match.go). Filters, the disjunctive
// facets and the sorts work in one pass over the matching pages on small
// columns held in memory (type, terms, date, title order), and snippets are
// cut from stored text here, so that a query with facets and snippets on
// 10,000 pages takes about a millisecond.
//
// The folder is search/bleve, as the engine it holds; the package is named
// bleveengine because its files import bleve's own package, named bleve,
// and because callers read better with a name that says which engine of
// search they use (bleveengine.Open) than one that reads as the library
// (bleve.Open). Import it as
//
//	bleveengine "github.com/ideas-hub/hub/search/bleve"
package bleveengine

// Package search builds the hub's offline bleve index and answers queries on it.
//
// The generator hands every published page over as a Document; Build (or
// BuildStream, which indexes while pages are still being rendered) writes a
// complete index into a fresh folder and swaps it in only when it is whole.
// Open gives an Index; Index.Search answers a Request; NewHandler serves the
// JSON endpoint of the outside contract (GET /api/search, GET /healthz).
//
// User text never reaches bleve's query-string syntax: ParseRequest validates
// URL values into a Request and the bleve query is built from its fields, so
// characters such as + - : ~ ^ ( / and quotes are plain text.
//
// Text is matched by bleve (term queries per field, boosted title > summary
// > other text > body, with close alternatives of rare words for typos).
// Filters, both disjunctive facets and the sorts work in one pass over the
// matching pages on small columns held in memory (type, tags, date, title
// order), and snippets are cut from stored text here, so that a query with
// facets and snippets on 10,000 pages takes about a millisecond.
package search

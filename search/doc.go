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
package search

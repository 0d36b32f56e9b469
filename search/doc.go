// Package search is the hub's search endpoint: its contract, and nothing of
// how an index answers it.
//
// The generator hands every published page over as a Document. A Request
// is a search, made by ParseRequest from the endpoint's URL (or by the CLI
// from its flags) and checked against the site's Schema: its content types
// and taxonomies. A Response is the JSON the contract describes. NewHandler
// serves GET /api/search and GET /healthz, with ETags and a small cache of
// answers, from whatever Engine an IndexSource holds at the time; a Holder
// lets the preview and a Reloader swap a newer index in while searches go
// on.
//
// An Engine is an index that answers Requests. The one hub ships is in
// search/bleve; this package imports no engine, so a second backend (a
// hosted search service, say) implements Engine and reuses the endpoint as
// it is.
//
// User text never reaches an engine's query syntax: ParseRequest validates
// URL values into a Request, whose fields are plain values.
package search

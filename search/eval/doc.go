// Package eval measures how well search finds what a reader means: a judged
// set of queries (testdata/queries.toml) over two hubs, the hub's own
// content/ and a second one written for it (testdata/civic), each query
// graded 0/1/2 against the pages that should answer it. Every query goes
// through the endpoint (search.Handler over an index built from the site as
// hub build builds it), and the answers are scored with nDCG@10, MRR@10 and
// recall@10 per kind of query.
//
//	go test ./search/eval -run TestEval -v           # the table
//	go test ./search/eval -run TestEval -update      # record new figures
//	go test ./search/eval -run TestPool -pool ID     # candidates to judge a query
//
// TestEval fails when the overall nDCG@10 falls more than Tolerance below
// the figure recorded in testdata/scores.json, when a nonsense query finds
// anything, or when a query with a relevant page finds nothing.
package eval

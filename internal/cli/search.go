package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/ideas-hub/hub/search"
	bleveengine "github.com/ideas-hub/hub/search/bleve"
)

// stringList is a flag that may be given many times (--tag a --tag b).
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

const searchUsage = `usage: hub search [--index DIR] [--type TYPE] [--tag TAG]... [--filter PARAM=VALUE]... [--limit N] [--json] QUERY`

// runSearch runs the endpoint's query from the terminal.
func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("search", stderr)
	index := fs.String("index", DefaultIndexDir, "search index folder")
	typ := fs.String("type", "", "only pages of this type (on a site of the default types: "+strings.Join(search.DefaultSchema().Types, ", ")+")")
	var tags stringList
	fs.Var(&tags, "tag", "only pages with this tag (slug or any spelling); repeat for any of several; short for --filter tag=TAG")
	var filters filterFlags
	fs.Var(&filters, "filter", "filter as the endpoint does, as PARAM=VALUE (region=wales, author=immy-robinson); repeat for several")
	limit := fs.Int("limit", 10, "number of results (at most 50)")
	asJSON := fs.Bool("json", false, "print the search endpoint's JSON")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return ExitUsage
	}
	values := url.Values{"q": {strings.Join(rest, " ")}, "size": {strconv.Itoa(*limit)}}
	if *typ != "" {
		values.Set("type", *typ)
	}
	values["tag"] = tags
	// The index knows the site's types; without one, bad usage is still
	// told as such, checked against the default types.
	schema := search.DefaultSchema()
	_, missing := os.Stat(*index)
	var ix *bleveengine.Index
	var openErr error
	if missing == nil {
		if ix, openErr = bleveengine.Open(*index); openErr == nil {
			defer ix.Close()
			schema = ix.Schema()
		}
	}
	req, err := filters.request(values, schema)
	// Without the index, a filter of the site's own taxonomies is unknown
	// to the default schema: the index is what is missing then.
	if err != nil && (ix != nil || !errors.Is(err, errUnknownFilter)) {
		fmt.Fprintln(stderr, "hub search:", err)
		fmt.Fprintln(stderr, searchUsage)
		return ExitUsage
	}
	if missing != nil {
		fmt.Fprintf(stderr, "hub search: no search index at %s: run hub build first, or give --index\n", *index)
		return ExitBuild
	}
	if openErr != nil {
		fmt.Fprintf(stderr, "hub search: opening the index at %s: %v\n", *index, openErr)
		return ExitBuild
	}
	res, err := ix.Search(ctx, req)
	if err != nil {
		var rerr *search.RequestError
		if errors.As(err, &rerr) {
			fmt.Fprintln(stderr, "hub search:", rerr.Message)
			return ExitUsage
		}
		fmt.Fprintln(stderr, "hub search:", err)
		return ExitBuild
	}
	if *asJSON {
		err = search.WriteJSON(stdout, res) // the endpoint's bytes
	} else {
		err = search.WriteTable(stdout, res)
	}
	if err != nil {
		fmt.Fprintln(stderr, "hub search:", err)
		return ExitBuild
	}
	return ExitOK
}

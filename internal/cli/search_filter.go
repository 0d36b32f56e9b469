package cli

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/ideas-hub/hub/search"
)

// filterFlags collects `hub search --filter PARAM=VALUE`, which may be
// given many times: each is one filter of the endpoint's URL
// (`--filter region=wales` is `region=wales`), so that the command filters
// by any taxonomy of the site as the endpoint does.
type filterFlags []filterFlag

type filterFlag struct{ param, value string }

func (f *filterFlags) String() string {
	s := make([]string, len(*f))
	for i, ff := range *f {
		s[i] = ff.param + "=" + ff.value
	}
	return strings.Join(s, " ")
}

// Set takes one PARAM=VALUE; the flag package reports its error as bad usage.
func (f *filterFlags) Set(v string) error {
	param, value, ok := strings.Cut(v, "=")
	param, value = strings.TrimSpace(param), strings.TrimSpace(value)
	switch {
	case !ok || param == "":
		return errors.New("want PARAM=VALUE, as region=wales")
	case value == "":
		return fmt.Errorf("%s= has no value: want PARAM=VALUE, as region=wales", param)
	}
	*f = append(*f, filterFlag{param, value})
	return nil
}

// errUnknownFilter is a --filter whose PARAM the index's schema has no
// filter of.
var errUnknownFilter = errors.New("unknown filter")

// request adds the filters to values, the endpoint's URL query, and
// parses it as the endpoint does, with schema s. Each PARAM must be a
// filter of s: the endpoint takes more parameters than it filters by (q,
// sort, page, size), and those have flags of their own or none.
func (f filterFlags) request(values url.Values, s search.Schema) (search.Request, error) {
	known := s.FilterParams()
	for _, ff := range f {
		if !slices.Contains(known, ff.param) {
			return search.Request{}, fmt.Errorf("%w %q: use one of %s", errUnknownFilter, ff.param, strings.Join(known, ", "))
		}
		values.Add(ff.param, ff.value)
	}
	return search.ParseRequest(values, s)
}

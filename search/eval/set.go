package eval

import (
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/BurntSushi/toml"
)

// Kinds are the kinds of query the set holds, in the order the table
// shows them.
var kindOrder = []string{
	"exact",    // a word the pages use
	"stemmed",  // another form of it (carers, organising)
	"typo",     // misspelt
	"words",    // several words, not all on every relevant page
	"synonym",  // a word the reader uses and the writer did not
	"name",     // a person, organisation or place
	"phrase",   // a phrase of the field (social prescribing)
	"filtered", // words with a type or tag filter
	"american", // American spelling of words the pages spell the British way
	"question", // a question in plain language
	"nothing",  // should find nothing
}

// Kinds returns the kinds of query, in table order.
func Kinds() []string { return slices.Clone(kindOrder) }

// Query is one judged query.
type Query struct {
	ID     string         `toml:"id"`
	Corpus string         `toml:"corpus"` // a key of the corpora the set is run on
	Kind   string         `toml:"kind"`
	Q      string         `toml:"q"`
	Types  []string       `toml:"type"`
	Tags   []string       `toml:"tag"`
	Grades map[string]int `toml:"grades"` // page URL -> 1 (useful) or 2 (what the reader wants); unlisted pages are 0
	Note   string         `toml:"note"`   // why, for the next person judging
}

// Set is a judged set of queries.
type Set struct {
	Queries []Query `toml:"query"`
}

// LoadSet reads and checks a judged set.
func LoadSet(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s Set
	md, err := toml.Decode(string(data), &s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown key %s", path, und[0])
	}
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &s, nil
}

func (s *Set) check() error {
	var errs []error
	ids := map[string]bool{}
	for i, q := range s.Queries {
		at := fmt.Sprintf("query %d (%s)", i+1, q.ID)
		switch {
		case q.ID == "":
			errs = append(errs, fmt.Errorf("%s: no id", at))
		case ids[q.ID]:
			errs = append(errs, fmt.Errorf("%s: id used twice", at))
		}
		ids[q.ID] = true
		if !slices.Contains(kindOrder, q.Kind) {
			errs = append(errs, fmt.Errorf("%s: kind %q is not one of %v", at, q.Kind, kindOrder))
		}
		if q.Corpus == "" {
			errs = append(errs, fmt.Errorf("%s: no corpus", at))
		}
		relevant := 0
		for url, g := range q.Grades {
			if g < 0 || g > 2 {
				errs = append(errs, fmt.Errorf("%s: %s graded %d; grades are 0, 1 or 2", at, url, g))
			}
			if g > 0 {
				relevant++
			}
		}
		if (q.Kind == "nothing") != (relevant == 0) {
			errs = append(errs, fmt.Errorf("%s: a %q query has %d relevant pages", at, q.Kind, relevant))
		}
	}
	return errors.Join(errs...)
}

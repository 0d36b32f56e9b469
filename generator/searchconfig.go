package generator

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ideas-hub/hub/search"
)

// SearchConfig is the [search] table of hub.toml.
type SearchConfig struct {
	Synonyms SynonymsConfig `toml:"synonyms"`
}

// SynonymsConfig is [search.synonyms]: a site's own thesaurus, added to
// hub's thesaurus of the field or, with replace = true, used instead of it.
//
//	[search.synonyms]
//	groups = [
//	  ["warm space", "warm hub", "warm bank"],
//	  ["shedders", "men's shed"],
//	]
//	replace = false
type SynonymsConfig struct {
	Groups  [][]string `toml:"groups"`
	Replace bool       `toml:"replace"`
}

// check reports what is wrong with the synonyms against the lines of
// hub.toml (data), each mistake once, all of them.
func (s *SynonymsConfig) check(data []byte) Diagnostics {
	var ds Diagnostics
	at := findTOMLKeyLine(data, "groups")
	bad := func(format string, args ...any) {
		ds = append(ds, Diagnostic{Path: ConfigFile, Line: at, Msg: "[search.synonyms] " + fmt.Sprintf(format, args...)})
	}
	if len(s.Groups) > search.MaxSynonymGroups {
		bad("has %d groups; the limit is %d", len(s.Groups), search.MaxSynonymGroups)
	}
	for i, g := range s.Groups {
		if len(g) < 2 {
			bad("group %d has %s; write two or more words or phrases that mean the same, like [\"carer\", \"caregiver\"]", i+1, map[bool]string{true: "one word", false: "no words"}[len(g) == 1])
		}
		for _, w := range g {
			switch n := utf8.RuneCountInString(w); {
			case strings.TrimSpace(w) == "":
				bad("group %d has an empty word", i+1)
			case n > search.MaxSynonymRunes:
				bad("group %d: %q is %d characters long; the limit is %d", i+1, w, n, search.MaxSynonymRunes)
			}
		}
	}
	return ds
}

// SearchSynonyms returns the site's synonyms as the search index keeps them.
func (s *SearchConfig) SearchSynonyms() search.Synonyms {
	return search.Synonyms{Groups: s.Synonyms.Groups, Replace: s.Synonyms.Replace}
}

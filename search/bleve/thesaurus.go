package bleveengine

import (
	_ "embed"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/ideas-hub/hub/search"
)

// thesaurusData is hub's thesaurus of the field: one group of words and
// phrases readers use for one another a line, comma separated.
//
//go:embed data/thesaurus.txt
var thesaurusData string

// builtinSynonyms are the groups of data/thesaurus.txt, parsed once and
// never written after.
var builtinSynonyms = sync.OnceValue(func() [][]string { return parseSynonyms(thesaurusData) })

// parseSynonyms reads groups in the thesaurus's format.
func parseSynonyms(text string) [][]string {
	var groups [][]string
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var g []string
		for _, p := range strings.Split(line, ",") {
			if p = strings.TrimSpace(p); p != "" {
				g = append(g, p)
			}
		}
		groups = append(groups, g)
	}
	return groups
}

// thesaurus is the synonyms of one index, analysed as queries are: each
// phrase is the list of its terms (stemmed, British spelling, no stop
// words), so "caregivers" meets "caregiver" and "rough sleepers" meets
// "rough sleeping".
type thesaurus struct {
	groups  [][][]string          // group -> its phrases -> their terms
	byFirst map[string][][]string // first term -> the phrases it starts, longest first
	ofKey   map[string][]int      // a phrase's terms joined by spaces -> its groups
}

// newThesaurus is hub's thesaurus with a site's groups added, or the
// site's alone when it replaces hub's.
func newThesaurus(site search.Synonyms) *thesaurus {
	var raw [][]string
	if !site.Replace {
		raw = append(raw, builtinSynonyms()...)
	}
	raw = append(raw, site.Groups...)
	t := &thesaurus{byFirst: map[string][][]string{}, ofKey: map[string][]int{}}
	an := newTextAnalyzer(0)
	for _, g := range raw {
		var phrases [][]string
		for _, p := range g {
			terms := analysedTerms(an, p)
			if len(terms) > 0 && !slices.ContainsFunc(phrases, func(q []string) bool { return slices.Equal(q, terms) }) {
				phrases = append(phrases, terms)
			}
		}
		if len(phrases) < 2 {
			continue // every word of it stems alike: nothing to add
		}
		gi := len(t.groups)
		t.groups = append(t.groups, phrases)
		for _, p := range phrases {
			key := strings.Join(p, " ")
			if _, ok := t.ofKey[key]; !ok {
				t.byFirst[p[0]] = append(t.byFirst[p[0]], p)
			}
			t.ofKey[key] = append(t.ofKey[key], gi)
		}
	}
	for _, list := range t.byFirst {
		slices.SortStableFunc(list, func(a, b []string) int { return len(b) - len(a) })
	}
	return t
}

// analysedTerms returns the terms of text as the analysis makes them.
func analysedTerms(an *textAnalyzer, text string) []string {
	var terms []string
	for _, tok := range an.analyze([]byte(text), nil) {
		if tok.Type != analysis.Shingle {
			terms = append(terms, string(tok.Term))
		}
	}
	return terms
}

// maxExpansions bounds the phrases one unit of a query may also match.
const maxExpansions = 16

// match finds the longest phrase of the thesaurus that terms starts with.
// It returns its length in terms (0 when none) and the other phrases of
// its groups, which a page may match instead.
func (t *thesaurus) match(terms []string) (n int, expansions [][]string) {
	if len(terms) == 0 {
		return 0, nil
	}
	for _, p := range t.byFirst[terms[0]] {
		if len(p) <= len(terms) && slices.Equal(p, terms[:len(p)]) {
			n = len(p)
			break
		}
	}
	if n == 0 {
		return 0, nil
	}
	key := strings.Join(terms[:n], " ")
	for _, gi := range t.ofKey[key] {
		for _, p := range t.groups[gi] {
			if strings.Join(p, " ") != key && !slices.ContainsFunc(expansions, func(q []string) bool { return slices.Equal(q, p) }) {
				expansions = append(expansions, p)
			}
		}
	}
	return n, expansions[:min(len(expansions), maxExpansions)]
}

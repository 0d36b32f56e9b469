package bleveengine

import (
	"unicode"

	"github.com/blevesearch/bleve/v2/search/query"
)

// Limits that keep a long q from turning into an expensive query.
const (
	maxQueryWords = 32
	maxFuzzyWords = 8
	maxFuzzyRunes = 24 // longer "words" are not misspellings
)

// Typo tolerance. A word gets fuzzy alternatives (terms of the index within
// its fuzziness, see vocabulary.alternatives) only when its own term is in
// fewer than fuzzyRareDocs pages: a misspelling is almost never a common
// term, while the neighbours of a common word ("care": card, core, cafe...)
// would flood the results with pages the reader did not ask for. An
// alternative weighs fuzzyWeight of an exact match (half that at two
// edits), so fuzzy matches rank below exact and stemmed ones.
const (
	fuzzyRareDocs = 3
	fuzzyWeight   = 0.1
)

// queryWord is one word of q as the index sees it.
type queryWord struct {
	term      string        // analysed (lower-cased, stemmed) term
	fuzziness int           // edit distance allowed; 0 = exact term only
	alts      []alternative // terms of the index within fuzziness, when the word is rare
}

// fuzzinessFor returns the edit distance a word of q may be matched at,
// before looking at the index: 1 from 4 letters, 2 from 6, none for words
// with digits (2023 is not a typo of 2024).
func fuzzinessFor(word string) int {
	n := 0
	for _, r := range word {
		if unicode.IsDigit(r) {
			return 0
		}
		n++
	}
	switch {
	case n > maxFuzzyRunes:
		return 0
	case n >= 6:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// parseWords analyses q into distinct query words, with the fuzziness each
// would get if its term turns out to be rare.
func parseWords(q string) []queryWord {
	an := newTextAnalyzer(0)
	var words []queryWord
	seen := map[string]bool{}
	for _, tok := range an.analyze([]byte(q), nil) {
		t := string(tok.Term)
		if seen[t] {
			continue
		}
		seen[t] = true
		words = append(words, queryWord{term: t, fuzziness: fuzzinessFor(q[tok.Start:tok.End])})
		if len(words) == maxQueryWords {
			break
		}
	}
	return words
}

// textFields are the analysed fields a word is looked for in, with the boost
// that puts a title match above a summary match above a body match.
func textFields() []fieldBoost {
	return []fieldBoost{
		{fieldTitle, 5},
		{fieldSummary, 2.5},
		{fieldMeta, 1.5},
		{fieldBody, 1},
	}
}

type fieldBoost struct {
	field string
	boost float64
}

// textQuery matches pages that have every word (each in any field). Each
// word is a disjunction over the fields of its term, plus, for a rare word,
// a down-weighted disjunction of its close alternatives in the fields that
// have them.
func textQuery(words []queryWord) query.Query {
	all := make([]query.Query, 0, len(words))
	for _, w := range words {
		alts := make([]query.Query, 0, 4)
		exact := make([]query.Query, 0, 4)
		for i, f := range textFields() {
			exact = append(exact, termQuery(f.field, w.term, f.boost))
			for _, a := range w.alts {
				if a.fields&(1<<i) != 0 {
					// One edit weighs fuzzyWeight of an exact match, two half that.
					alts = append(alts, termQuery(f.field, a.term, f.boost*fuzzyWeight/float64(a.distance)))
				}
			}
		}
		word := query.Query(query.NewDisjunctionQuery(exact))
		if len(alts) > 0 {
			word = query.NewDisjunctionQuery([]query.Query{word, query.NewDisjunctionQuery(alts)})
		}
		all = append(all, word)
	}
	if len(all) == 1 {
		return all[0]
	}
	return query.NewConjunctionQuery(all)
}

func termQuery(field, term string, boost float64) query.Query {
	q := query.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

package bleveengine

import (
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Limits that keep a long q from turning into an expensive query.
const (
	maxQueryWords = 32 // also the most units a query has (bits of a match's mask)
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

// synonymWeight is what a match through the thesaurus weighs beside a match
// of the reader's own words: enough to find the page, not enough to put it
// above a page that says what the reader typed.
const synonymWeight = 0.4

// queryWord is one word of q as the index sees it.
type queryWord struct {
	term      string        // analysed (lower-cased, British spelling, stemmed) term
	raw       string        // the word as typed, lower-cased: compounds join these
	fuzziness int           // edit distance allowed; 0 = exact term only
	alts      []alternative // terms of the index within fuzziness, when the word is rare
	start     int           // byte offsets of the word in q
	end       int
}

// unit is what one part of a query asks for: a word, or a phrase of the
// thesaurus ("rough sleeping"). A page matches a unit when it has every
// word of it (each exactly or through a close alternative), or every term
// of one of its expansions, the other phrases of its thesaurus groups.
// Units are what soft AND counts (see minimumMatch).
type unit struct {
	words      []queryWord
	expansions [][]string
}

// compound is a word two adjacent units make when written as one
// ("co production", "coproduction" and "co-production" are one word to a
// reader): a page with the joined term matches both units.
type compound struct {
	term  string
	units [2]int
}

// plan is a query ready to run: its units, and the compounds that join them.
type plan struct {
	units     []unit
	compounds []compound
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

// fillerWords are words of a question that are not its subject: "where
// can I find examples of befriending" asks for befriending. Most question
// words (how, what, where, who, is, do, I) are stop words already; these
// are the rest. They are dropped from a query that has other words, so
// that they never restrict it, nor rank pages that happen to use them.
func fillerWords() map[string]bool {
	return map[string]bool{
		"can": true, "find": true, "get": true, "example": true, "examples": true,
		"tips": true, "info": true, "information": true, "need": true, "want": true,
		"looking": true, "know": true, "tell": true, "show": true, "please": true,
		"ways": true, "way": true, "ideas": true, "anyone": true, "anything": true,
		"someone": true, "something": true, "us": true,
	}
}

// questionVerbs are the verbs of a question about doing something ("how
// do I start a timebank", "how can a council work with residents"): the
// reader asks how, and the pages that answer say what was done, rarely
// "start" or "set up". In a question they are filler too.
func questionVerbs() []string {
	return []string{"start", "starting", "set", "setting", "run", "running", "make", "making",
		"get", "getting", "use", "using", "work", "working", "begin", "create", "build", "help", "go"}
}

// questionWords open a question.
func questionWords() []string {
	return []string{"how", "what", "what's", "whats", "where", "where's", "who", "why", "when", "which",
		"can", "could", "should", "would", "is", "are", "do", "does", "did", "will", "any"}
}

// isQuestion reports whether q is worded as a question: it opens with a
// question word or ends with a question mark.
func isQuestion(q string) bool {
	fields := strings.Fields(strings.ToLower(q))
	if len(fields) == 0 {
		return false
	}
	return slices.Contains(questionWords(), strings.Trim(fields[0], "?!.,;:'\"")) || strings.HasSuffix(strings.TrimSpace(q), "?")
}

// parseWords analyses q into distinct query words, dropping filler words
// when there are others, with the fuzziness each would get if its term
// turns out to be rare.
func parseWords(q string) []queryWord {
	an := newTextAnalyzer(0)
	filler := fillerWords()
	if isQuestion(q) {
		for _, v := range questionVerbs() {
			filler[v] = true
		}
	}
	var words, fill []queryWord
	seen := map[string]bool{}
	for _, tok := range an.analyze([]byte(q), nil) {
		if tok.Type == analysis.Shingle {
			continue // adjacent words are joined by plan.compounds, spaced or hyphenated
		}
		t := string(tok.Term)
		if seen[t] {
			continue
		}
		seen[t] = true
		raw := string(appendLower(nil, []byte(q[tok.Start:tok.End])))
		w := queryWord{term: t, raw: raw, fuzziness: fuzzinessFor(raw), start: tok.Start, end: tok.End}
		if filler[raw] {
			fill = append(fill, w)
		} else {
			words = append(words, w)
		}
		if len(words) == maxQueryWords {
			break
		}
	}
	if len(words) == 0 {
		words = fill[:min(len(fill), maxQueryWords)]
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

// wordQuery matches pages with the word w in any field, or, for a rare
// word, a down-weighted disjunction of its close alternatives in the
// fields that have them.
func wordQuery(w queryWord, weight float64) query.Query {
	alts := make([]query.Query, 0, 4)
	exact := make([]query.Query, 0, 4)
	for i, f := range textFields() {
		exact = append(exact, termQuery(f.field, w.term, f.boost*weight))
		for _, a := range w.alts {
			if a.fields&(1<<i) != 0 {
				// One edit weighs fuzzyWeight of an exact match, two half that.
				alts = append(alts, termQuery(f.field, a.term, f.boost*weight*fuzzyWeight/float64(a.distance)))
			}
		}
	}
	word := query.Query(query.NewDisjunctionQuery(exact))
	if len(alts) > 0 {
		word = query.NewDisjunctionQuery([]query.Query{word, query.NewDisjunctionQuery(alts)})
	}
	return word
}

// termsQuery matches pages with every term, each in any field.
func termsQuery(terms []string, weight float64) query.Query {
	all := make([]query.Query, 0, len(terms))
	for _, t := range terms {
		all = append(all, wordQuery(queryWord{term: t}, weight))
	}
	return conjunction(all)
}

// unitQuery matches the pages that have the unit's words, or one of its
// expansions at synonymWeight.
func unitQuery(u unit) query.Query {
	words := make([]query.Query, 0, len(u.words))
	for _, w := range u.words {
		words = append(words, wordQuery(w, 1))
	}
	q := conjunction(words)
	if len(u.expansions) == 0 {
		return q
	}
	either := []query.Query{q}
	for _, e := range u.expansions {
		either = append(either, termsQuery(e, synonymWeight))
	}
	return query.NewDisjunctionQuery(either)
}

func conjunction(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

func termQuery(field, term string, boost float64) query.Query {
	q := query.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// minimumMatch is how many of n units a page must match to be shown, when
// some page matches that many (soft AND): all of one or two, and from three
// on two in three, rounded up, so that the share a page may miss grows
// with the query (3 words: 2, 4: 3, 6: 4, 9: 6). Pages that match every
// unit come first whatever their score (collector.better).
func minimumMatch(n int) int {
	return (2*n + 2) / 3
}

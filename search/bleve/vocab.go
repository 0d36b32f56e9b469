package bleveengine

import (
	"cmp"
	"slices"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"
)

// vocabulary is every term of the text fields, read once when the index is
// opened, for the typo rule: how many pages have a term (is it rare?) and
// which terms are close to a misspelling. A hub's vocabulary is some tens of
// thousands of terms; keeping it in memory costs about a megabyte and makes
// the fuzzy expansion one cheap scan instead of building a Levenshtein
// automaton per field per query.
type vocabulary struct {
	terms     map[string]vocabEntry
	byFirst   map[rune][]string // terms by first letter, shortest first
	compounds map[string]bool   // terms the index has from hyphenated words (fieldCompound)
}

type vocabEntry struct {
	docs   uint64 // pages with the term, summed over the text fields
	fields uint8  // bit i: textFields()[i] has the term
}

func loadVocabulary(r index.IndexReader) (*vocabulary, error) {
	v := &vocabulary{terms: map[string]vocabEntry{}, byFirst: map[rune][]string{}, compounds: map[string]bool{}}
	if err := visitTerms(r, fieldCompound, func(t string, _ uint64) { v.compounds[t] = true }); err != nil {
		return nil, err
	}
	for i, f := range textFields() {
		d, err := r.FieldDict(f.field)
		if err != nil {
			return nil, err
		}
		for {
			e, err := d.Next()
			if err != nil {
				d.Close()
				return nil, err
			}
			if e == nil {
				break
			}
			ve := v.terms[e.Term]
			ve.docs += e.Count
			ve.fields |= 1 << i
			v.terms[e.Term] = ve
		}
		if err := d.Close(); err != nil {
			return nil, err
		}
	}
	for t := range v.terms {
		r, _ := utf8.DecodeRuneInString(t)
		v.byFirst[r] = append(v.byFirst[r], t)
	}
	for _, list := range v.byFirst {
		slices.SortFunc(list, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b)) })
	}
	return v, nil
}

// visitTerms calls fn with every term of field and its page count.
func visitTerms(r index.IndexReader, field string, fn func(term string, docs uint64)) error {
	d, err := r.FieldDict(field)
	if err != nil {
		return err
	}
	for {
		e, err := d.Next()
		if err != nil {
			d.Close()
			return err
		}
		if e == nil {
			return d.Close()
		}
		fn(e.Term, e.Count)
	}
}

// isCompound reports whether term is a word the index has from hyphenated ones.
func (v *vocabulary) isCompound(term string) bool { return v.compounds[term] }

// docFreq returns in how many pages term occurs (summed over fields: an
// upper bound, which is all the typo rule needs).
func (v *vocabulary) docFreq(term string) uint64 { return v.terms[term].docs }

// alternative is a term of the index close to a query term.
type alternative struct {
	term     string
	distance int
	fields   uint8
}

// maxAlternatives bounds the expansion of one word.
const maxAlternatives = 50

// alternatives returns the terms within distance of term (not term itself)
// that share its first letter, closest and most used first. Keeping the
// first letter (as a fuzzy prefix of 1 would) costs little, since
// first-letter typos are the rarest, and makes the scan and the snippets'
// filter (snippeter.mayMatch) cheap. Distance counts a swap of two
// neighbouring letters as one edit, the commonest typo.
func (v *vocabulary) alternatives(term string, distance int) []alternative {
	first, _ := utf8.DecodeRuneInString(term)
	list := v.byFirst[first]
	// The list is sorted by length in bytes; a rune is 1 to 4 of them.
	lo, _ := slices.BinarySearchFunc(list, len(term)-distance*utf8.UTFMax, func(t string, n int) int { return cmp.Compare(len(t), n) })
	var out []alternative
	var ed editDistancer
	q := []rune(term)
	for _, t := range list[lo:] {
		if len(t) > len(term)+distance*utf8.UTFMax {
			break
		}
		if t == term {
			continue
		}
		if d := ed.distance(q, t, distance); d <= distance {
			out = append(out, alternative{term: t, distance: d, fields: v.terms[t].fields})
		}
	}
	slices.SortFunc(out, func(a, b alternative) int {
		return cmp.Or(cmp.Compare(a.distance, b.distance), cmp.Compare(v.terms[b.term].docs, v.terms[a.term].docs), cmp.Compare(a.term, b.term))
	})
	if len(out) > maxAlternatives {
		out = out[:maxAlternatives]
	}
	return out
}

// editDistancer computes optimal-string-alignment distances (insertions,
// deletions, substitutions and swaps of neighbours), reusing its buffers.
type editDistancer struct {
	b                []rune
	prev2, prev, cur []int
}

// distance returns the distance of a and b, or limit+1 as soon as it must
// exceed limit.
func (e *editDistancer) distance(a []rune, bs string, limit int) int {
	e.b = e.b[:0]
	for _, r := range bs {
		e.b = append(e.b, r)
	}
	b := e.b
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	n := len(b) + 1
	e.prev2, e.prev, e.cur = grow(e.prev2, n), grow(e.prev, n), grow(e.cur, n)
	prev2, prev, cur := e.prev2, e.prev, e.cur
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func grow(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

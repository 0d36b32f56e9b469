package sitesearch

import (
	"strings"
	"sync"
	"unicode"

	"github.com/agnivade/levenshtein"

	"github.com/ideas-hub/hub/generator"
)

// speller suggests a corrected spelling for a query that found nothing. Its
// words come from what readers see and so search for: titles, summaries
// and tag names (the index holds stems, which are no words to offer).
type speller struct {
	count   map[string]int
	byFirst map[rune][]string
}

func newSpeller(site *generator.Site) *speller {
	sp := &speller{count: map[string]int{}, byFirst: map[rune][]string{}}
	add := func(text string) {
		for _, w := range words(text) {
			if sp.count[w] == 0 {
				r := []rune(w)[0]
				sp.byFirst[r] = append(sp.byFirst[r], w)
			}
			sp.count[w]++
		}
	}
	for _, p := range site.Pages {
		add(p.Title)
		add(p.Summary)
	}
	for _, t := range site.Tags {
		add(t.Name)
	}
	return sp
}

func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
	})
}

// correct returns query with each unknown word of four or more letters
// replaced by the most used known word within two edits (one for short
// words) that starts with the same letter, and whether anything changed.
func (sp *speller) correct(query string) (string, bool) {
	ws := words(query)
	changed := false
	for i, w := range ws {
		r := []rune(w)
		if sp.count[w] > 0 || len(r) < 4 {
			continue
		}
		limit := 1
		if len(r) >= 6 {
			limit = 2
		}
		best, bestDist, bestCount := "", limit+1, 0
		for _, cand := range sp.byFirst[r[0]] {
			d := levenshtein.ComputeDistance(w, cand)
			if d < bestDist || (d == bestDist && sp.count[cand] > bestCount) {
				best, bestDist, bestCount = cand, d, sp.count[cand]
			}
		}
		if best != "" {
			ws[i], changed = best, true
		}
	}
	return strings.Join(ws, " "), changed
}

// spellers keeps one speller per built site, made on first need.
type spellers struct {
	mu   sync.Mutex
	site *generator.Site
	sp   *speller
}

func (s *spellers) forSite(site *generator.Site) *speller {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.site != site {
		s.site, s.sp = site, newSpeller(site)
	}
	return s.sp
}

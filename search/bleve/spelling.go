package bleveengine

import (
	_ "embed"
	"strings"
	"sync"
)

// spellingsData is VarCon's British and American spellings, one group of
// one word's spellings a line, the British one first (data/README.md says
// where it comes from and how it was converted).
//
//go:embed data/spellings.txt
var spellingsData string

// spellings maps every non-canonical spelling of data/spellings.txt to the
// canonical one of its group: "behavior" to "behaviour", "organizations"
// to "organisations". The analysis reads each word through it before
// stemming, at index and at query time alike, so that "behavior" finds
// "behaviour" as surely as "behaviour" does, and ranks the same. (A fuzzy
// match found some of these before, at a tenth of the weight; stemming
// alone could not: Porter makes "organize" organ and "organise" organis.)
// The map is built once and never written after.
var spellings = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, 8192)
	for line := range strings.Lines(spellingsData) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		words := strings.Fields(line)
		for _, w := range words[min(1, len(words)):] {
			m[w] = words[0]
		}
	}
	return m
})

// canonicalSpelling returns the canonical spelling of a lower-case word,
// or the word itself.
func canonicalSpelling(lower []byte) []byte {
	if c, ok := spellings()[string(lower)]; ok {
		return []byte(c)
	}
	return lower
}

// spellingVariants maps the term of a canonical spelling to the other
// spellings of its group whose first letters differ from the term's
// ("neighbourhood": neighborhood, "mould": mold), which the snippets'
// cheap test of a word's first letters (snippeter.mayMatch) would
// otherwise pass over. Built once and never written after.
var spellingVariants = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for variant, canonical := range spellings() {
		term := string(stemWord([]byte(canonical)))
		if !strings.HasPrefix(variant, term[:prefixKeep(term)]) {
			m[term] = append(m[term], variant)
		}
	}
	return m
})

package bleveengine

import (
	"bytes"
	"html"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// snippetBytes is the length of a snippet before it is escaped: about two
// lines of a result list.
const snippetBytes = 220

// maxSnippetMatches bounds the work spent choosing a window in one text.
const maxSnippetMatches = 256

// snippeter makes the snippets of one response. It marks the words that
// matched the way the query matched them: same analysis, same stems, the
// same alternatives for a misspelt word, the synonyms and compounds of the
// plan. It is not safe for concurrent use.
type snippeter struct {
	an       *textAnalyzer
	wordOf   map[string]int // marked term -> the unit it stands for
	prefixes []string       // of the exact terms: see mayMatch
	minAlt   map[byte]int   // first letter of fuzzy alternatives -> length of the shortest
	scan     bool           // some term needs every word analysed: an alternative or a compound
	joins    bool           // hyphenated words are also read whole (co-production: coproduction)
	any      bool
}

// markTerm is a term of the index a snippet marks, and the unit of the
// query it stands for.
type markTerm struct {
	term     string
	unit     int
	fuzzy    bool // a close alternative of a misspelt word
	compound bool // a word the index has from hyphenated ones
}

// marks returns the terms the snippets of p mark: every word's own term
// first (so that it wins over another word's alternative), then the
// alternatives, synonyms and compounds.
func (p *plan) marks(v *vocabulary) []markTerm {
	var out []markTerm
	for i, u := range p.units {
		for _, w := range u.words {
			out = append(out, markTerm{term: w.term, unit: i, compound: v.isCompound(w.term)})
		}
	}
	for i, u := range p.units {
		for _, w := range u.words {
			for _, a := range w.alts {
				out = append(out, markTerm{term: a.term, unit: i, fuzzy: true, compound: v.isCompound(a.term)})
			}
		}
		for _, e := range u.expansions {
			for _, t := range e {
				out = append(out, markTerm{term: t, unit: i, compound: v.isCompound(t)})
			}
		}
	}
	for _, c := range p.compounds {
		out = append(out, markTerm{term: c.term, unit: c.units[0], compound: true})
	}
	return out
}

func newSnippeter(marks []markTerm) *snippeter {
	s := &snippeter{an: newTextAnalyzer(64), wordOf: map[string]int{}, minAlt: map[byte]int{}, any: len(marks) > 0}
	for _, m := range marks {
		if _, ok := s.wordOf[m.term]; ok {
			continue
		}
		s.wordOf[m.term] = m.unit
		s.joins = s.joins || m.compound
		if m.fuzzy {
			s.scan = true
			if n, ok := s.minAlt[m.term[0]]; !ok || len(m.term) < n {
				s.minAlt[m.term[0]] = len(m.term)
			}
			continue
		}
		keep := prefixKeep(m.term)
		s.addPrefix(m.term[:keep])
		for _, v := range spellingVariants()[m.term] {
			s.addPrefix(v[:min(len(v), keep)])
		}
	}
	s.scan = s.scan || s.joins
	return s
}

// prefixKeep is how many first letters of a term every word with that
// term begins with: Porter stemming changes at most the last two letters
// of what it keeps of a word (hoping: hope, skies: ski), and spelling
// variants that differ sooner are added apart (spellingVariants).
func prefixKeep(term string) int { return max(1, len(term)-2) }

func (s *snippeter) addPrefix(p string) {
	if !slices.Contains(s.prefixes, p) {
		s.prefixes = append(s.prefixes, p)
	}
}

// match is a word of the text that matched query unit word.
type match struct {
	start, end int
	word       int
}

// snippet returns the HTML snippet of a hit: the best window of the first
// source that contains a query word, else the start of the first non-empty
// source. Only <mark> and </mark> are markup; all text is escaped.
func (s *snippeter) snippet(sources ...string) string {
	if s.any {
		for _, text := range sources {
			if ms := s.matches(text); len(ms) > 0 {
				return render(text, ms)
			}
		}
	}
	for _, text := range sources {
		if strings.TrimSpace(text) != "" {
			return render(text, nil)
		}
	}
	return ""
}

// matches finds the words of text that match a query word, in order.
func (s *snippeter) matches(text string) []match {
	b := []byte(text)
	if !s.scan && isASCII(b) {
		return s.matchesByPrefix(b)
	}
	return s.matchesByScan(b, 0, len(b), nil)
}

// matchesByScan analyses the words of text[from:to], skipping those that
// cannot match (see mayMatch), and appends the matches to ms. With joins,
// a run of hyphenated words is first tried as one word, and marked whole
// when it matches.
func (s *snippeter) matchesByScan(text []byte, from, to int, ms []match) []match {
	b := text[:to]
	var lowerBuf [64]byte
	for i := from; i < len(b); {
		start, end := nextWord(b, i)
		if start < 0 {
			break
		}
		i = end
		if s.joins {
			if runEnd, w, ok := s.joinedMatch(b, start, end); ok {
				ms = append(ms, match{start, runEnd, w})
				i = runEnd
				if len(ms) == maxSnippetMatches {
					break
				}
				continue
			}
		}
		word := stripPossessive(b[start:end])
		if !s.mayMatch(appendLower(lowerBuf[:0], word)) {
			continue
		}
		term := s.an.term(word)
		if term == nil {
			continue
		}
		if w, ok := s.wordOf[string(term)]; ok {
			ms = append(ms, match{start, end, w})
			if len(ms) == maxSnippetMatches {
				break
			}
		}
	}
	return ms
}

// joinedMatch tries the hyphenated run of words that starts with the word
// at [start, end) as one word, as the index has it (compoundRun).
func (s *snippeter) joinedMatch(b []byte, start, end int) (runEnd, word int, ok bool) {
	joined, runEnd, parts := compoundRun(b, start, end)
	if parts < 2 || !s.mayMatch(joined) {
		return 0, 0, false
	}
	term := s.an.term(joined)
	if term == nil {
		return 0, 0, false
	}
	word, ok = s.wordOf[string(term)]
	return runEnd, word, ok
}

// matchesByPrefix finds the same matches as matchesByScan in ASCII text,
// for exact terms only, by looking only at the words that begin with the
// fixed prefix of a query term (see mayMatch): strings.Index is much
// faster than taking every word apart.
func (s *snippeter) matchesByPrefix(text []byte) []match {
	lower := string(bytes.ToLower(text)) // ASCII: same offsets
	var starts []int
	for _, prefix := range s.prefixes {
		for at := 0; ; {
			i := strings.Index(lower[at:], prefix)
			if i < 0 {
				break
			}
			i += at
			at = i + len(prefix)
			if startsWord(lower, i) {
				starts = append(starts, i)
			}
		}
	}
	slices.Sort(starts)
	starts = slices.Compact(starts)
	var ms []match
	for _, start := range starts {
		_, end := nextWord(text, start)
		if ms = s.matchesByScan(text, start, end, ms); len(ms) >= maxSnippetMatches {
			break
		}
	}
	return ms
}

// startsWord reports whether a word as nextWord sees them starts at i of
// ASCII text: not after a letter or digit, nor after an apostrophe inside a
// word ("o'clock" is one word).
func startsWord(text string, i int) bool {
	if i == 0 {
		return true
	}
	prev := rune(text[i-1])
	if prev == '\'' {
		return i < 2 || !isWordRune(rune(text[i-2]))
	}
	return !isWordRune(prev)
}

// mayMatch is a cheap test that lower (a lower-cased word) could have a
// marked term: the fixed prefix of an exact term (a stem keeps all but a
// few of its word's last letters; TestStemKeepsPrefix), or the first
// letter of an alternative, which keeps it, and a stem is never longer
// than its word.
func (s *snippeter) mayMatch(lower []byte) bool {
	if n, ok := s.minAlt[lower[0]]; ok && len(lower) >= n {
		return true
	}
	for _, p := range s.prefixes {
		if len(lower) >= len(p) && string(lower[:len(p)]) == p {
			return true
		}
	}
	return false
}

// render escapes the chosen window of text and marks the matches in it.
func render(text string, ms []match) string {
	start, end := window(text, ms)
	var b strings.Builder
	b.Grow(end - start + 64)
	if start > 0 {
		b.WriteString("… ")
	}
	at := start
	for _, m := range ms {
		if m.start < start || m.end > end {
			continue
		}
		writeEscaped(&b, text, at, m.start)
		b.WriteString("<mark>")
		writeEscaped(&b, text, m.start, m.end)
		b.WriteString("</mark>")
		at = m.end
	}
	writeEscaped(&b, text, at, end)
	if end < len(text) {
		b.WriteString(" …")
	}
	return strings.TrimSpace(b.String())
}

// window picks the stretch of about snippetBytes with the most distinct
// query words, then the most matches, then the earliest; it starts at a
// word and ends at a word.
func window(text string, ms []match) (start, end int) {
	if len(ms) == 0 {
		return 0, snapEnd(text, min(len(text), snippetBytes), 0)
	}
	bestI, bestJ, bestDistinct, bestCount := 0, 0, -1, -1
	for i := range ms {
		var seen uint64
		j := i
		for j+1 < len(ms) && ms[j+1].end-ms[i].start <= snippetBytes {
			j++
		}
		for k := i; k <= j; k++ {
			seen |= 1 << (ms[k].word % 64)
		}
		distinct, count := bits.OnesCount64(seen), j-i+1
		if distinct > bestDistinct || distinct == bestDistinct && count > bestCount {
			bestI, bestJ, bestDistinct, bestCount = i, j, distinct, count
		}
	}
	first, last := ms[bestI].start, ms[bestJ].end
	spare := max(0, snippetBytes-(last-first))
	start = snapStart(text, first-min(first, spare/3), first)
	if first <= snippetKeepStart {
		start = 0 // rather the start of the text than a cut a few words in
	}
	end = snapEnd(text, min(len(text), max(last, start+snippetBytes)), last)
	return start, end
}

// snippetKeepStart is how far into the text a window may begin and still
// be widened to start with the text.
const snippetKeepStart = 48

// snapStart moves i forward to the start of a word, but not past limit.
func snapStart(text string, i, limit int) int {
	if i <= 0 {
		return 0
	}
	for j := i; j < limit; j++ {
		if isSpaceByte(text[j-1]) && !isSpaceByte(text[j]) {
			return j
		}
	}
	return limit
}

// snapEnd moves i back to the end of a word, but not before limit.
func snapEnd(text string, i, limit int) int {
	if i >= len(text) {
		return len(text)
	}
	for j := i; j >= limit && j > 0; j-- {
		if isSpaceByte(text[j]) && !isSpaceByte(text[j-1]) {
			return j
		}
	}
	for i > limit && !utf8.RuneStart(text[i]) {
		i--
	}
	return max(i, limit)
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// writeEscaped writes text[from:to] HTML-escaped, with runs of white
// space as one space. A run with a line break in it ends a block of the
// page (Document.Body): after a block that does not end a sentence, such
// as a heading, it is written as a full stop, so a snippet never reads a
// heading into the paragraph under it ("How the time centre works. The
// trust took…").
func writeEscaped(b *strings.Builder, text string, from, to int) {
	s := text[from:to]
	space, lineBreak := false, false
	runStart, at := 0, 0 // of the current run of space, and of the text not yet written
	flush := func(to int) { b.WriteString(html.EscapeString(s[at:to])) }
	endRun := func() {
		if lineBreak && !endsSentence(text[:from+runStart]) {
			b.WriteByte('.')
		}
		b.WriteByte(' ')
	}
	for i, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				flush(i)
				runStart, lineBreak = i, false
			}
			space, lineBreak = true, lineBreak || r == '\n'
			at = i + utf8.RuneLen(r)
			continue
		}
		if space {
			endRun()
		}
		space = false
	}
	if space {
		endRun()
	}
	flush(len(s))
}

// endsSentence reports whether text ends with a mark that closes a
// sentence or clause (".", "?", ":", "…" and the like), looking past
// closing quotes and brackets: "Why?”" does, "How it works" does not.
func endsSentence(text string) bool {
	text = strings.TrimRightFunc(text, unicode.IsSpace)
	for text != "" {
		r, size := utf8.DecodeLastRuneInString(text)
		switch {
		case strings.ContainsRune(".!?…:;,", r):
			return true
		case strings.ContainsRune(`"')]}»”’`, r):
			text = text[:len(text)-size]
		default:
			return false
		}
	}
	return true // nothing before: no sentence to end
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

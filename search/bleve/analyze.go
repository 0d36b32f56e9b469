package bleveengine

import (
	"bufio"
	"bytes"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// textAnalyzer is the English analysis of every text field, of query words
// and of snippets, so the three always agree on what a word is.
//
// It does what bleve's "en" analyzer does (strip the possessive 's, lower
// case, drop the same stop words, Porter stemming) with a plain
// letters-and-digits tokenizer instead of full Unicode word segmentation,
// which was the largest cost of indexing, and with a memo of stems. With
// term counting into bleve's map, BenchmarkAnalyze measures 18 MB/s for
// bleve's en and 64 MB/s for this. On English prose the terms are the same
// (TestAnalyzerMatchesBleveEnglish; numbers with inner punctuation such as
// "12.5" are split here), so the mapping names "en" and tools reading the
// index analyse queries the same way.
//
// A textAnalyzer with a memo is not safe for concurrent use: give each
// goroutine its own.
type textAnalyzer struct {
	memo  *wordMemo        // lower-cased word -> its stem (nil for a stop word); nil: no memo
	stems map[string]*stem // term -> its one stem, so that words with one stem count as one term

	gen       uint64      // calls of frequencies so far, which stem.gen refers to
	counts    []termCount // scratch of frequencies
	compounds []*stem     // the compounds the last call of frequencies met
}

// stem is an index term, made once per memo for all the words that stem to it.
type stem struct {
	term []byte // shared by every use: never written
	key  string // term as a string, the key of TokenFrequencies maps

	// Scratch of frequencies: the call that last met the term, and the
	// term's place in that call's counts.
	gen uint64
	at  int32
}

// termCount is how often a term occurs in a text.
type termCount struct {
	stem *stem
	n    uint32
}

// stemMemoLimit bounds the memo; Zipf-distributed prose reaches a high hit
// rate long before this.
const stemMemoLimit = 1 << 16

// newTextAnalyzer returns an analyzer; memoSize > 0 turns the memo on with
// room for that many words to start with.
func newTextAnalyzer(memoSize int) *textAnalyzer {
	a := &textAnalyzer{}
	if memoSize > 0 {
		a.memo = newWordMemo(memoSize)
		a.stems = make(map[string]*stem, memoSize)
	}
	return a
}

// Analyze implements analysis.Analyzer.
func (a *textAnalyzer) Analyze(input []byte) analysis.TokenStream {
	return a.analyze(input, nil)
}

// analyze appends the terms of input to ts. Token Start/End are byte offsets
// into input; Term never aliases input, because stored fields share it. A
// run of hyphenated words is also one token of type Shingle, the words
// joined ("co-production": coproduct), before the token of its first word,
// as frequencies counts it.
func (a *textAnalyzer) analyze(input []byte, ts analysis.TokenStream) analysis.TokenStream {
	pos := 0
	if ts == nil {
		ts = make(analysis.TokenStream, 0, len(input)/8+1)
	}
	var buf []analysis.Token
	emit := func(tok analysis.Token) {
		if len(buf) == 0 {
			buf = make([]analysis.Token, min(256, len(input)/6+1))
		}
		t := &buf[0]
		buf = buf[1:]
		*t = tok
		ts = append(ts, t)
	}
	runEnd := 0
	for i := 0; i < len(input); {
		start, end := nextWord(input, i)
		if start < 0 {
			break
		}
		i = end
		pos++
		if start >= runEnd {
			if joined, e, parts := compoundRun(input, start, end); parts > 1 {
				runEnd = e
				if term := a.term(joined); term != nil {
					emit(analysis.Token{Term: term, Start: start, End: e, Position: pos, Type: analysis.Shingle})
				}
			}
		}
		word := stripPossessive(input[start:end])
		term := a.term(word)
		if term == nil {
			continue
		}
		emit(analysis.Token{Term: term, Start: start, End: end, Position: pos, Type: analysis.AlphaNumeric})
	}
	return ts
}

// frequencies returns the number of terms in input and its distinct terms
// with their counts, in the order they first occur. Input is only read,
// never kept. It needs the memo (an analyzer without one gets one), whose
// stems do the counting: a stem remembers where its count is, so counting
// costs no map and the result holds 16 bytes a distinct term. The
// TokenFrequencies map bleve wants, about 106 bytes a term, is made from it
// only while a batch is written (analyzedText) rather than held by every
// document waiting in one.
func (a *textAnalyzer) frequencies(input []byte) (int, []termCount) {
	if a.memo == nil {
		a.memo, a.stems = newWordMemo(0), make(map[string]*stem)
	}
	// The memo is only cleared between calls: within one, each term must
	// keep one stem.
	if a.memo.len() >= stemMemoLimit {
		a.memo.reset()
		clear(a.stems)
	}
	a.gen++
	counts := a.counts[:0]
	a.compounds = a.compounds[:0]
	count := func(st *stem) {
		if st.gen != a.gen {
			st.gen, st.at = a.gen, int32(len(counts))
			counts = append(counts, termCount{stem: st})
		}
		counts[st.at].n++
	}
	n, runEnd := 0, 0
	var lowerBuf [64]byte
	for i := 0; i < len(input); {
		start, end, ascii := scanWord(input, i)
		if start < 0 {
			break
		}
		i = end
		if start >= runEnd {
			// A hyphenated word counts whole as well ("co-production" is
			// also coproduction), so that it is found however it is typed.
			if joined, e, parts := compoundRun(input, start, end); parts > 1 {
				runEnd = e
				if st := a.stemOf(joined); st != nil {
					n++
					count(st)
					if !slices.Contains(a.compounds, st) {
						a.compounds = append(a.compounds, st)
					}
				}
			}
		}
		var st *stem
		if ascii {
			st = a.stemOfLower(appendLowerASCII(lowerBuf[:0], input[start:end]))
		} else {
			st = a.stemOf(stripPossessive(input[start:end]))
		}
		if st == nil {
			continue
		}
		n++
		count(st)
	}
	a.counts = counts
	if len(counts) == 0 {
		return n, nil
	}
	return n, slices.Clone(counts)
}

// term returns the index term of one word, or nil for a stop word.
func (a *textAnalyzer) term(word []byte) []byte {
	if a.memo == nil {
		var lowerBuf [64]byte
		lower := appendLower(lowerBuf[:0], word)
		if stopWords()[string(lower)] {
			return nil
		}
		return stemWord(canonicalSpelling(lower))
	}
	if a.memo.len() >= stemMemoLimit {
		a.memo.reset()
		clear(a.stems)
	}
	if st := a.stemOf(word); st != nil {
		return st.term
	}
	return nil
}

// stemOf returns the stem of one word from the memo, which it must have,
// or nil for a stop word.
func (a *textAnalyzer) stemOf(word []byte) *stem {
	var lowerBuf [64]byte
	return a.stemOfLower(appendLower(lowerBuf[:0], word))
}

// stemOfLower is stemOf for a word already lower-cased.
func (a *textAnalyzer) stemOfLower(lower []byte) *stem {
	h := a.memo.hash(lower)
	if st, ok := a.memo.get(lower, h); ok {
		return st
	}
	var st *stem
	if !stopWords()[string(lower)] {
		t := stemWord(canonicalSpelling(lower))
		if st = a.stems[string(t)]; st == nil {
			st = &stem{term: t, key: string(t)}
			a.stems[st.key] = st
		}
	}
	a.memo.put(lower, h, st)
	return st
}

// stemWord applies the Porter stemmer as bleve's stemmer_porter does. The
// result is a fresh slice.
func stemWord(lower []byte) []byte {
	if isASCII(lower) {
		runes := make([]rune, len(lower))
		for i, c := range lower {
			runes[i] = rune(c)
		}
		return analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(runes))
	}
	return analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(bytes.Runes(lower)))
}

// maxCompoundParts is the most words a hyphenated run has to be read as
// one word too: "not-for-profit" is one, "a-b-c-d-e" is not a word.
const maxCompoundParts = 4

// compoundRun reads the run of words joined by single hyphens that starts
// with the word at [start, end) of b ("co-production", "not-for-profit"):
// its words lower-cased and joined ("coproduction"), where the run ends,
// and how many words it has; parts is 1, and joined nil, when the word is
// not followed by a hyphen and another word, or the run is too long.
func compoundRun(b []byte, start, end int) (joined []byte, runEnd, parts int) {
	if end+1 >= len(b) || b[end] != '-' {
		return nil, end, 1
	}
	joined = appendLower(nil, b[start:end])
	runEnd, parts = end, 1
	for runEnd+1 < len(b) && b[runEnd] == '-' {
		s, e := nextWord(b, runEnd+1)
		if s != runEnd+1 {
			break
		}
		joined = appendLower(joined, stripPossessive(b[s:e]))
		runEnd, parts = e, parts+1
	}
	if parts == 1 || parts > maxCompoundParts {
		return nil, end, 1
	}
	return joined, runEnd, parts
}

// scanWord is nextWord with a short way for the common word, a run of
// ASCII letters and digits that ends in ASCII other than an apostrophe:
// ascii reports such a word, which has no possessive to strip and is
// lower-cased byte by byte. Anything else (a letter beyond ASCII, an
// apostrophe, a combining mark) takes nextWord from where the word starts,
// so the two always find the same words. nextWord took a third of the
// time of frequencies, mostly in isWordRune, which is not inlined.
func scanWord(s []byte, i int) (start, end int, ascii bool) {
	for i < len(s) && s[i] < utf8.RuneSelf && !asciiWord[s[i]] {
		i++
	}
	if i == len(s) {
		return -1, len(s), false
	}
	if s[i] >= utf8.RuneSelf {
		start, end = nextWord(s, i)
		return start, end, false
	}
	j := i + 1
	for j < len(s) && asciiWord[s[j]] {
		j++
	}
	if j < len(s) && (s[j] >= utf8.RuneSelf || s[j] == '\'') {
		start, end = nextWord(s, i)
		return start, end, false
	}
	return i, j, true
}

// asciiWord marks the bytes that are word characters by themselves: ASCII
// letters and digits. It is never written after it is built.
var asciiWord = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c < utf8.RuneSelf && isWordRune(rune(c))
	}
	return t
}()

// nextWord finds the next word at or after i: a run of letters, digits and
// combining marks, with apostrophes inside it ("don't", "people's"). It
// returns start -1 when there is none.
func nextWord(s []byte, i int) (start, end int) {
	start = -1
	for i < len(s) {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(s[i:])
		}
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && isApostrophe(r) && i+n < len(s) && startsWithLetter(s[i+n:]):
			// an apostrophe between letters belongs to the word
		case start >= 0:
			return start, i
		}
		i += n
	}
	return start, len(s)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '＇' }

func startsWithLetter(s []byte) bool {
	r, _ := utf8.DecodeRune(s)
	return unicode.IsLetter(r)
}

// stripPossessive removes a trailing 's (any apostrophe, any case), as
// bleve's possessive_en filter does.
func stripPossessive(w []byte) []byte {
	last, n := utf8.DecodeLastRune(w)
	if last != 's' && last != 'S' {
		return w
	}
	prev, m := utf8.DecodeLastRune(w[:len(w)-n])
	if isApostrophe(prev) && len(w) > n+m {
		return w[:len(w)-n-m]
	}
	return w
}

func appendLower(dst, w []byte) []byte {
	if isASCII(w) {
		for _, c := range w {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	for _, r := range string(w) {
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// appendLowerASCII appends w, which must be ASCII, lower-cased.
func appendLowerASCII(dst, w []byte) []byte {
	for _, c := range w {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// stopWords is bleve's English stop list (en.EnglishStopWords), parsed once.
// The map is never written after it is built.
var stopWords = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, 200)
	sc := bufio.NewScanner(bytes.NewReader(en.EnglishStopWords))
	for sc.Scan() {
		line := sc.Bytes()
		if i := bytes.IndexByte(line, '|'); i >= 0 {
			line = line[:i]
		}
		for _, w := range bytes.Fields(line) {
			m[string(w)] = true
		}
	}
	return m
})

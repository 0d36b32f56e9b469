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
	memo  *wordMemo         // lower-cased word -> its stem's id (noStem for a stop word); nil: no memo
	ids   map[string]uint32 // term -> its stem's id, so that words with one stem count as one term
	stems []stem            // by id

	// Scratch of frequencies, by stem id: the call that last met the stem,
	// and its place in that call's counts. Counting reads and writes them
	// for every word, so they sit in arrays of their own, not in the stems.
	seen []uint64
	at   []int32

	gen       uint64      // calls of frequencies so far, which seen refers to
	counts    []termCount // scratch of frequencies
	compounds []uint32    // the stems of the compounds the last call of frequencies met
	counting  bool        // frequencies was called: the memo is cleared only by release
}

// stem is an index term, made once per memo for all the words that stem to it.
type stem struct {
	term []byte // shared by every use: never written
	key  string // term as a string, the key of TokenFrequencies maps
}

// noStem is the stem id of a stop word in the memo.
const noStem = ^uint32(0)

// termCount is how often a term occurs in a text: the id of its stem in
// the analyzer that counted it, valid until that analyzer's release. Eight
// bytes and no pointer: a document waiting in a batch holds one for each of
// its distinct terms in each field, and the garbage collector has nothing
// to follow in them.
type termCount struct {
	id uint32
	n  uint32
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
		a.ids = make(map[string]uint32, memoSize)
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
// never kept. The counts name their terms by stem id (stemAt), which hold
// until release: the memo is not cleared in between, so that the documents
// of a batch can keep their counts until the batch is written. It needs the
// memo (an analyzer without one gets one), whose stem ids do the counting:
// each has a place in seen and at that says where its count is, so counting
// costs no map and the result holds 8 bytes a distinct term. The
// TokenFrequencies map bleve wants, about 106 bytes a term, is made from it
// only while a batch is written (analyzedText) rather than held by every
// document waiting in one.
func (a *textAnalyzer) frequencies(input []byte) (int, []termCount) {
	if a.memo == nil {
		a.memo, a.ids = newWordMemo(0), make(map[string]uint32)
	}
	a.counting = true
	a.gen++
	counts := a.counts[:0]
	a.compounds = a.compounds[:0]
	count := func(id uint32) {
		if a.seen[id] != a.gen {
			a.seen[id], a.at[id] = a.gen, int32(len(counts))
			counts = append(counts, termCount{id: id})
		}
		counts[a.at[id]].n++
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
				if id := a.stemOf(joined); id != noStem {
					n++
					count(id)
					if !slices.Contains(a.compounds, id) {
						a.compounds = append(a.compounds, id)
					}
				}
			}
		}
		var id uint32
		if ascii {
			id = a.stemOfLower(appendLowerASCII(lowerBuf[:0], input[start:end]))
		} else {
			id = a.stemOf(stripPossessive(input[start:end]))
		}
		if id == noStem {
			continue
		}
		n++
		count(id)
	}
	a.counts = counts
	if len(counts) == 0 {
		return n, nil
	}
	return n, slices.Clone(counts)
}

// stemAt returns the stem with id, which frequencies handed out since the
// last release.
func (a *textAnalyzer) stemAt(id uint32) *stem { return &a.stems[id] }

// release tells the analyzer that nothing holds the stem ids frequencies
// handed out any longer: it clears the memo if it has grown past
// stemMemoLimit.
func (a *textAnalyzer) release() {
	if a.memo != nil && a.memo.len() >= stemMemoLimit {
		a.reset()
	}
}

func (a *textAnalyzer) reset() {
	a.memo.reset()
	clear(a.ids)
	clear(a.stems) // drop the terms for the collector
	a.stems, a.seen, a.at = a.stems[:0], a.seen[:0], a.at[:0]
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
	// The terms handed out are never written, so they outlive the memo;
	// the ids frequencies handed out do not (release).
	if !a.counting && a.memo.len() >= stemMemoLimit {
		a.reset()
	}
	if id := a.stemOf(word); id != noStem {
		return a.stems[id].term
	}
	return nil
}

// stemOf returns the id of the stem of one word from the memo, which it
// must have, or noStem for a stop word.
func (a *textAnalyzer) stemOf(word []byte) uint32 {
	var lowerBuf [64]byte
	return a.stemOfLower(appendLower(lowerBuf[:0], word))
}

// stemOfLower is stemOf for a word already lower-cased.
func (a *textAnalyzer) stemOfLower(lower []byte) uint32 {
	h := a.memo.hash(lower)
	if id, ok := a.memo.get(lower, h); ok {
		return id
	}
	id := noStem
	if !stopWords()[string(lower)] {
		t := stemWord(canonicalSpelling(lower))
		var ok bool
		if id, ok = a.ids[string(t)]; !ok {
			id = uint32(len(a.stems))
			a.stems = append(a.stems, stem{term: t, key: string(t)})
			a.seen, a.at = append(a.seen, 0), append(a.at, 0)
			a.ids[a.stems[id].key] = id
		}
	}
	a.memo.put(lower, h, id)
	return id
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

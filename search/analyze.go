package search

import (
	"bufio"
	"bytes"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	index "github.com/blevesearch/bleve_index_api"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// textAnalyzer is the English analysis of every text field, of query words
// and of snippets, so the three always agree on what a word is.
//
// It does what bleve's "en" analyzer does (strip the possessive 's, lower
// case, drop the same stop words, Porter stemming) with a plain
// letters-and-digits tokenizer instead of full Unicode word segmentation,
// which was the largest cost of indexing, and with a memo of stems. With
// term counting, BenchmarkAnalyze measures 17 MB/s for bleve's en and
// 47 MB/s for this. On English prose the terms are the same
// (TestAnalyzerMatchesBleveEnglish; numbers with inner punctuation such as
// "12.5" are split here), so the mapping names "en" and tools reading the
// index analyse queries the same way.
//
// A textAnalyzer with a memo is not safe for concurrent use: give each
// goroutine its own.
type textAnalyzer struct {
	memo map[string][]byte // lower-cased word -> term (nil for a stop word); nil: no memo
}

// stemMemoLimit bounds the memo; Zipf-distributed prose reaches a high hit
// rate long before this.
const stemMemoLimit = 1 << 16

// newTextAnalyzer returns an analyzer; memoSize > 0 turns the memo on with
// room for that many words to start with.
func newTextAnalyzer(memoSize int) *textAnalyzer {
	a := &textAnalyzer{}
	if memoSize > 0 {
		a.memo = make(map[string][]byte, memoSize)
	}
	return a
}

// Analyze implements analysis.Analyzer.
func (a *textAnalyzer) Analyze(input []byte) analysis.TokenStream {
	return a.analyze(input, nil)
}

// analyze appends the terms of input to ts. Token Start/End are byte offsets
// into input; Term never aliases input, because stored fields share it.
func (a *textAnalyzer) analyze(input []byte, ts analysis.TokenStream) analysis.TokenStream {
	pos := 0
	if ts == nil {
		ts = make(analysis.TokenStream, 0, len(input)/8+1)
	}
	var buf []analysis.Token
	for i := 0; i < len(input); {
		start, end := nextWord(input, i)
		if start < 0 {
			break
		}
		i = end
		pos++
		word := stripPossessive(input[start:end])
		term := a.term(word)
		if term == nil {
			continue
		}
		if len(buf) == 0 {
			buf = make([]analysis.Token, min(256, len(input)/6+1))
		}
		t := &buf[0]
		buf = buf[1:]
		*t = analysis.Token{Term: term, Start: start, End: end, Position: pos, Type: analysis.AlphaNumeric}
		ts = append(ts, t)
	}
	return ts
}

// frequencies returns the number of terms in input and how often each
// occurs, as bleve's index wants them (without term vectors).
func (a *textAnalyzer) frequencies(input []byte) (int, index.TokenFrequencies) {
	freqs := make(index.TokenFrequencies, len(input)/16+1)
	slab := make([]index.TokenFreq, 0, len(input)/16+1)
	n := 0
	for i := 0; i < len(input); {
		start, end := nextWord(input, i)
		if start < 0 {
			break
		}
		i = end
		term := a.term(stripPossessive(input[start:end]))
		if term == nil {
			continue
		}
		n++
		tf, ok := freqs[string(term)]
		if !ok {
			if len(slab) == cap(slab) {
				slab = make([]index.TokenFreq, 0, 64)
			}
			slab = append(slab, index.TokenFreq{Term: term})
			tf = &slab[len(slab)-1]
			freqs[string(term)] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1)
	}
	return n, freqs
}

// term returns the index term of one word, or nil for a stop word.
func (a *textAnalyzer) term(word []byte) []byte {
	var lowerBuf [64]byte
	lower := appendLower(lowerBuf[:0], word)
	if a.memo != nil {
		if t, ok := a.memo[string(lower)]; ok {
			return t
		}
	}
	var t []byte
	if !stopWords()[string(lower)] {
		t = stemWord(lower)
	}
	if a.memo != nil {
		if len(a.memo) >= stemMemoLimit {
			clear(a.memo)
		}
		a.memo[string(lower)] = t
	}
	return t
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

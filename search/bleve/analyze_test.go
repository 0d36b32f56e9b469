package bleveengine

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/ideas-hub/hub/internal/synth"
	"github.com/ideas-hub/hub/search"
)

// The mapping names bleve's "en" analyzer for the text fields; the faster
// analyzer we index with must give the same terms on English prose, once
// its words are spelt the British way (spellings), which bleve's does not
// do.
func TestAnalyzerMatchesBleveEnglish(t *testing.T) {
	bleveEn := newMapping(search.DefaultSchema()).AnalyzerNamed(en.AnalyzerName)
	if bleveEn == nil {
		t.Fatal("no en analyzer")
	}
	texts := []string{
		"The Blaengarw timebank began in 2004 in the workmen's hall; members' hours were logged.",
		"Don't stop the night-bus! It's the carers' lifeline, says Mary O'Neill.",
		"Co-production, co-operatives and community-led housing: what we've learnt (so far).",
		"Café owners in Llanelli and Ystradgynlais joined; naïve questions welcomed.",
		"Report: “Valuing time” — £3.50 per hour, 12.5% uplift, 2023/24 figures.",
	}
	for _, d := range fixtureDocs() {
		texts = append(texts, d.Title, d.Summary, d.Body)
	}
	g := synth.NewDocGen(3)
	for range 20 {
		texts = append(texts, g.Text(200))
	}
	ours := newTextAnalyzer(64)
	for _, text := range texts {
		var want, got []string
		for _, tok := range bleveEn.Analyze([]byte(britishSpelling(text))) {
			want = append(want, string(tok.Term))
		}
		for _, tok := range ours.Analyze([]byte(text)) {
			if tok.Type == analysis.Shingle {
				continue // hyphenated words read whole: not bleve's
			}
			got = append(got, string(tok.Term))
			if w := text[tok.Start:tok.End]; !strings.Contains(strings.ToLower(w), string(tok.Term[:1])) {
				t.Errorf("token %q has offsets of %q", tok.Term, w)
			}
		}
		if !slices.Equal(got, want) && !knownTokenizerDifference(text) {
			t.Errorf("%q:\n ours %q\nbleve %q", text, got, want)
		}
	}
}

// britishSpelling lower-cases text and spells each word the canonical way.
func britishSpelling(text string) string {
	b := []byte(strings.ToLower(text))
	var out []byte
	at := 0
	for i := 0; i < len(b); {
		start, end := nextWord(b, i)
		if start < 0 {
			break
		}
		out = append(append(out, b[at:start]...), canonicalSpelling(b[start:end])...)
		at, i = end, end
	}
	return string(append(out, b[at:]...))
}

// knownTokenizerDifference marks the texts where full Unicode segmentation
// keeps numbers with punctuation whole ("12.5", "2023/24") and we split them.
func knownTokenizerDifference(text string) bool { return strings.Contains(text, "12.5%") }

// docMaker builds fields itself; they must have the options the mapping
// declares, or bleve tools reading the index would misread it.
func TestFieldsMatchMapping(t *testing.T) {
	m := newMapping(termsSchema())
	page := m.TypeMapping[docType]
	d := termDocs()[0]
	doc := newDocMaker(termsSchema()).make(&d)
	seen := map[string]bool{}
	for _, f := range doc.Fields {
		seen[f.Name()] = true
		fm := fieldMapping(page, f.Name())
		if fm == nil {
			t.Errorf("field %q is not in the mapping", f.Name())
			continue
		}
		opts := f.Options()
		if opts.IsIndexed() != fm.Index || opts.IsStored() != fm.Store || opts.IncludeDocValues() != fm.DocValues || opts.IncludeTermVectors() != fm.IncludeTermVectors {
			t.Errorf("field %q: options %v, mapping index=%v store=%v docvalues=%v vectors=%v",
				f.Name(), opts, fm.Index, fm.Store, fm.DocValues, fm.IncludeTermVectors)
		}
	}
	for name := range page.Properties {
		if name != "_all" && !seen[name] {
			t.Errorf("mapping field %q is never written", name)
		}
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
}

func fieldMapping(dm *mapping.DocumentMapping, name string) *mapping.FieldMapping {
	p := dm.Properties[name]
	if p == nil || len(p.Fields) == 0 {
		return nil
	}
	return p.Fields[0]
}

// The fields docMaker builds must give bleve the terms, counts and lengths
// bleve's own fields would: the same analysis, counted by bleve, for text;
// bleve's keyword fields for the others. Each call of
// AnalyzedTokenFrequencies refills its field name's map (see analyzedText).
func TestFieldsMatchBleveFields(t *testing.T) {
	docs := termDocs()
	docs = append(docs, synth.Documents(20)...)
	dm := newDocMaker(termsSchema())
	for _, d := range docs {
		doc := dm.make(&d)
		for _, f := range doc.Fields {
			var want index.Field
			switch f := f.(type) {
			case *analyzedText:
				text := d.Title
				switch f.name {
				case fieldSummary:
					text = d.Summary
				case fieldBody:
					text = d.Body
				case fieldMeta:
					text = dm.metaText(&d)
				case fieldCompound:
					continue // TestCompoundField
				}
				want = document.NewTextFieldCustom(f.name, nil, []byte(text), f.opts, newTextAnalyzer(0))
				if f.opts.IsStored() != (f.Value() != nil) || f.NumPlainTextBytes() != uint64(len(text)) {
					t.Errorf("%s %s: value %q, %d bytes", d.URL, f.name, f.Value(), f.NumPlainTextBytes())
				}
			case *keywordField:
				want = document.NewTextFieldCustom(f.name, f.pos, []byte(f.value), f.opts, nil)
			default:
				continue
			}
			if want.Options().IsIndexed() {
				want.Analyze()
			}
			f.Analyze()
			// Asked twice, as zap asks: an analysed field refills its map.
			for range 2 {
				a := f.AnalyzedTokenFrequencies()
				if f.AnalyzedLength() != want.AnalyzedLength() || !sameFrequencies(a, want.AnalyzedTokenFrequencies()) {
					t.Errorf("%s %s: length %d, %v\nbleve: length %d, %v", d.URL, f.Name(),
						f.AnalyzedLength(), a, want.AnalyzedLength(), want.AnalyzedTokenFrequencies())
				}
			}
		}
	}
}

// zap holds the maps of all of one document's fields at once, and merges
// the maps of a list's later values into its first one's, so fields of
// different names, and the values of one list, must never share a map or
// an entry.
func TestFieldsOfOneDocumentShareNoMap(t *testing.T) {
	dm := newDocMaker(termsSchema())
	docs := append(fixtureDocs()[:3], termDocs()...)
	for _, d := range docs {
		doc := dm.make(&d)
		seen := map[*index.TokenFreq]string{}
		maps := map[uintptr]string{}
		for _, f := range doc.Fields {
			if _, ok := f.(*analyzedText); !ok {
				if _, ok := f.(*keywordField); !ok {
					continue
				}
			}
			name := fmt.Sprintf("%s%v", f.Name(), f.ArrayPositions())
			freqs := f.AnalyzedTokenFrequencies()
			if freqs == nil {
				continue
			}
			if other, ok := maps[reflect.ValueOf(freqs).Pointer()]; ok {
				t.Fatalf("%s: %s and %s share a map", d.URL, other, name)
			}
			maps[reflect.ValueOf(freqs).Pointer()] = name
			for _, tf := range freqs {
				if other, ok := seen[tf]; ok {
					t.Fatalf("%s: %s and %s share a TokenFreq", d.URL, other, name)
				}
				seen[tf] = name
			}
		}
	}
}

func sameFrequencies(a, b index.TokenFrequencies) bool {
	if len(a) != len(b) {
		return false
	}
	for k, tf := range a {
		o := b[k]
		if o == nil || string(tf.Term) != k || string(o.Term) != k || tf.Frequency() != o.Frequency() || len(tf.Locations) != len(o.Locations) {
			return false
		}
	}
	return true
}

// The counts of frequencies name stems by id, which must hold until
// release, however far the memo grows meanwhile; release then clears a memo
// grown past stemMemoLimit, and counting goes on right after it. Words with
// one stem count together.
func TestFrequenciesAcrossMemoClear(t *testing.T) {
	an := newTextAnalyzer(16)
	var b strings.Builder
	for i := range stemMemoLimit + 10 {
		fmt.Fprintf(&b, "w%d ", i)
	}
	b.WriteString("Running runs run RUN the")
	big := b.String()
	key := func(tc termCount) string { return an.stemAt(tc.id).key }
	for range 2 {
		n, terms := an.frequencies([]byte(big))
		if n != stemMemoLimit+14 || len(terms) != stemMemoLimit+11 {
			t.Fatalf("%d terms, %d distinct", n, len(terms))
		}
		if last := terms[len(terms)-1]; key(last) != "run" || last.n != 4 {
			t.Fatalf("last term %q ×%d", key(last), last.n)
		}
		n2, terms2 := an.frequencies([]byte("the runner runs; running, run! w5 w5"))
		if n2 != 6 || len(terms2) != 3 || key(terms2[0]) != "runner" || key(terms2[1]) != "run" || terms2[1].n != 3 || terms2[2].n != 2 {
			t.Fatalf("%d terms: %v", n2, terms2)
		}
		// Not released: the first call's ids still name its terms.
		if key(terms[0]) != "w0" || key(terms[stemMemoLimit]) != fmt.Sprintf("w%d", stemMemoLimit) {
			t.Fatalf("ids moved before release: %q, %q", key(terms[0]), key(terms[stemMemoLimit]))
		}
		an.release()
		if an.memo.len() != 0 || len(an.stems) != 0 {
			t.Fatalf("release left %d words, %d stems", an.memo.len(), len(an.stems))
		}
	}
}

// BenchmarkAnalyze compares bleve's en analyzer with ours on page bodies.
func BenchmarkAnalyze(b *testing.B) {
	g := synth.NewDocGen(5)
	var bodies [][]byte
	size := 0
	for range 50 {
		body := []byte(g.Text(900))
		bodies = append(bodies, body)
		size += len(body)
	}
	bleveEn := newMapping(search.DefaultSchema()).AnalyzerNamed(en.AnalyzerName)
	b.Run("bleve-en", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, body := range bodies {
				analysis.TokenFrequency(bleveEn.Analyze(body), nil, index.IndexField)
			}
		}
	})
	b.Run("hub", func(b *testing.B) {
		an := newTextAnalyzer(4096)
		sc := &tfScratch{freqs: index.TokenFrequencies{}}
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, body := range bodies {
				f := analyzedText{an: an, scratch: sc}
				f.length, f.terms = an.frequencies(body)
				f.AnalyzedTokenFrequencies()
			}
		}
	})
}

// frequencies finds words with a short way for plain ASCII and nextWord
// for the rest (scanWord): it must count exactly the terms analyze makes,
// hyphenated runs and possessives included, wherever the two ways meet.
func TestFrequenciesMatchAnalyze(t *testing.T) {
	texts := []string{
		"plain words only", "Mary's café's menu", "the carers’ hub", "rock'n'roll don't",
		"naïve—really? co-production's end", "ends with an apostrophe' and 'quotes'",
		"x-y-z-w-v five parts", "non-ASCII after ASCII: abcé déf ghi", "digits 12.5% 2023/24 and CO2",
		"combining e\u0301 marks", "UPPER lower MiXeD", "'", "-", "a-", "-a", "word-", "a'b's", "",
		"tab\tand\nnewline", "ＡＢＣ fullwidth and ＇ apostrophe", "hyphen-’s end",
	}
	g := synth.NewDocGen(11)
	for range 10 {
		texts = append(texts, g.Text(100))
	}
	for _, text := range texts {
		checkFrequencies(t, text)
	}
}

func FuzzFrequencies(f *testing.F) {
	for _, s := range []string{"Mary's café", "co-op’s hall", "a'b-c d—e", "x\u0301y"} {
		f.Add(s)
	}
	f.Fuzz(checkFrequencies)
}

func checkFrequencies(t *testing.T, text string) {
	want := map[string]uint32{}
	toks := newTextAnalyzer(0).Analyze([]byte(text))
	for _, tok := range toks {
		want[string(tok.Term)]++
	}
	an := newTextAnalyzer(16)
	n, terms := an.frequencies([]byte(text))
	got := map[string]uint32{}
	for _, tc := range terms {
		got[an.stemAt(tc.id).key] += tc.n
	}
	if n != len(toks) || !maps.Equal(got, want) {
		t.Errorf("%q: frequencies %d terms %v, analyze %d terms %v", text, n, got, len(toks), want)
	}
}

// BenchmarkFrequencies counts the terms of 3,000 generated page bodies, as
// a build's workers do: enough distinct words that the memo is as large,
// and as far from the processor's caches, as in a real build, which 50
// bodies (BenchmarkAnalyze) are not.
func BenchmarkFrequencies(b *testing.B) {
	docs := synth.Documents(3000)
	size := 0
	for _, d := range docs {
		size += len(d.Body)
	}
	an := newTextAnalyzer(4096)
	b.SetBytes(int64(size))
	for b.Loop() {
		for i := range docs {
			an.frequencies(unsafe.Slice(unsafe.StringData(docs[i].Body), len(docs[i].Body)))
		}
	}
}
